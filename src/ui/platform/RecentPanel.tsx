import { useLayoutEffect, useRef } from 'react'
import { useStore } from 'zustand'
import { runStore } from '../../stores/run-store'
import { formatClock } from './format'

/** The most recent CloudWatch lines of the run (newest last). */
export function PlatformLogs() {
  const logs = useStore(runStore, (s) => s.frame?.snapshot.logs)
  const box = useRef<HTMLPreElement>(null)
  const text = (logs ?? [])
    .slice(-40)
    .map((l) => l.line)
    .join('\n')
  // Follow the newest line, as a tail does, unless the person scrolled up to read.
  const following = useRef(true)
  useLayoutEffect(() => {
    const el = box.current
    if (el && following.current) el.scrollTop = el.scrollHeight
  }, [text])
  return (
    <section className="pf-card pf-logs" aria-label="Recent CloudWatch log lines">
      <h2>Recent log lines</h2>
      <pre className="pf-scroll" data-testid="platform-log-panel" tabIndex={0}>
        {(logs ?? [])
          .slice(-40)
          .map((l) => l.line)
          .join('\n') || 'No invocation yet.'}
      </pre>
    </section>
  )
}

/** The platform's recent decisions, each with the rule and the number that decided it. */
export function WhyPanel() {
  const explanations = useStore(runStore, (s) => s.frame?.snapshot.explanations)
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
