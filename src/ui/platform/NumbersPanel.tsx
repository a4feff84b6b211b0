import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { runStore } from '../../stores/run-store'
import { FleetCompare } from './FleetCompare'
import { formatCount, formatUsd } from './format'

/** The counters of the run and the bill so far, in large type. */
export function NumbersPanel() {
  const { total, cost, peak } = useStore(
    runStore,
    useShallow((s) => ({
      total: s.frame?.snapshot.total,
      cost: s.frame?.snapshot.cost,
      peak: s.frame?.peakConcurrency ?? 0,
    })),
  )
  const asyncQueued = useStore(runStore, (s) => s.frame?.snapshot.asyncInQueue ?? 0)
  const usd = cost?.usd ?? { requests: 0, compute: 0, provisioned: 0, total: 0 }
  const counters: { label: string; value: number; testId: string; tone?: string }[] = [
    { label: 'Requests', value: total?.requests ?? 0, testId: 'count-requests' },
    { label: 'Invocations', value: total?.invocations ?? 0, testId: 'count-invocations' },
    { label: 'Cold starts', value: total?.coldStarts ?? 0, testId: 'count-cold', tone: 'cold' },
    { label: 'Throttles', value: total?.throttled ?? 0, testId: 'count-throttles', tone: 'bad' },
    { label: 'Errors', value: total?.errors ?? 0, testId: 'count-errors', tone: 'bad' },
    { label: 'Running now', value: total?.busy ?? 0, testId: 'count-busy' },
    { label: 'Peak running', value: peak, testId: 'count-peak' },
    { label: 'Async queued', value: asyncQueued, testId: 'count-async' },
  ]
  const invocations = total?.invocations ?? 0
  const perMillion = invocations === 0 ? 0 : (usd.total / invocations) * 1_000_000

  return (
    <div className="pf-numbers">
      <section className="pf-card" aria-label="Counters">
        <h2>Counters</h2>
        <dl className="pf-counters">
          {counters.map((c) => (
            <div key={c.label} className="pf-counter" data-tone={c.value > 0 ? c.tone : undefined}>
              <dt>{c.label}</dt>
              <dd data-testid={c.testId}>{formatCount(c.value)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="pf-card" aria-label="Bill so far">
        <h2>Bill so far</h2>
        <div className="pf-bill-total" data-testid="billing-total" data-usd={usd.total}>
          {formatUsd(usd.total)}
        </div>
        <dl className="pf-bill-lines">
          <div>
            <dt>Requests ({formatCount(cost?.requests ?? 0)})</dt>
            <dd data-testid="billing-requests">{formatUsd(usd.requests)}</dd>
          </div>
          <div>
            <dt>Compute ({formatCount(cost?.gbSeconds ?? 0)} GB-s)</dt>
            <dd data-testid="billing-compute">{formatUsd(usd.compute)}</dd>
          </div>
          <div>
            <dt>Provisioned</dt>
            <dd data-testid="billing-provisioned">{formatUsd(usd.provisioned)}</dd>
          </div>
          <div className="pf-bill-per">
            <dt>Per million invocations</dt>
            <dd data-testid="billing-per-million">{formatUsd(perMillion)}</dd>
          </div>
        </dl>
        <FleetCompare />
      </section>
    </div>
  )
}
