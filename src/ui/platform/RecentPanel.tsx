import { useStore } from 'zustand'
import { runStore } from '../../stores/run-store'
import { formatClock } from './format'
import { LogView } from './LogView'

/** The run's CloudWatch lines: filtered and virtualized (LogView), newest followed. */
export function PlatformLogs() {
  return (
    <section className="pf-card pf-logs" aria-label="CloudWatch log lines">
      <LogView />
    </section>
  )
}

/** The platform's recent decisions, each with the rule and the number that decided it. */
export function WhyPanel() {
  const explanations = useStore(runStore, (s) => s.frame?.snapshot.notableExplanations)
  const list = (explanations ?? []).slice(-25).reverse()
  return (
    <section className="pf-card pf-why" aria-label="Why: recent platform decisions">
      <h2>Why?</h2>
      <ol className="pf-scroll" data-testid="why-panel" tabIndex={0}>
        {list.map((e, i) => (
          <li key={`${e.t}-${i}`} data-code={e.code}>
            <span className="pf-why-t">{formatClock(e.t)}</span>{' '}
            {e.requestId?.slice(0, 8) ?? e.function}: {e.text}
          </li>
        ))}
        {list.length === 0 && <li>No cold start, throttle, retry or reclaim yet.</li>}
      </ol>
    </section>
  )
}
