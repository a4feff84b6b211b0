import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { runStore } from '../../stores/run-store'
import { FleetCompare } from './FleetCompare'
import { formatCount, formatUsd } from './format'

/** The counters of the run and the bill so far, in large type. */
export function NumbersPanel() {
  const { total, peak } = useStore(
    runStore,
    useShallow((s) => ({
      total: s.frame?.snapshot.total,
      peak: s.frame?.peakConcurrency ?? 0,
    })),
  )
  const asyncQueued = useStore(runStore, (s) => s.frame?.snapshot.asyncInQueue ?? 0)
  const counters: { label: string; value: number; testId: string; tone?: string }[] = [
    { label: 'Requests', value: total?.requests ?? 0, testId: 'count-requests' },
    { label: 'Invocations', value: total?.invocations ?? 0, testId: 'count-invocations' },
    { label: 'Cold starts', value: total?.coldStarts ?? 0, testId: 'count-cold', tone: 'cold' },
    // Every throttle decision, async attempts sent back to the queue included (the CLI's count).
    { label: 'Throttles', value: total?.throttles ?? 0, testId: 'count-throttles', tone: 'bad' },
    { label: 'Errors', value: total?.errors ?? 0, testId: 'count-errors', tone: 'bad' },
    { label: 'Running now', value: total?.busy ?? 0, testId: 'count-busy' },
    { label: 'Peak running', value: peak, testId: 'count-peak' },
    { label: 'Async queued', value: asyncQueued, testId: 'count-async' },
  ]

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
      <BillCard />
    </div>
  )
}

/** The bill so far by component, the free tier it used, and the month at this rate. */
function BillCard() {
  const { cost, billing } = useStore(
    runStore,
    useShallow((s) => ({ cost: s.frame?.snapshot.cost, billing: s.frame?.snapshot.billing })),
  )
  const usd = cost?.usd ?? { requests: 0, compute: 0, provisioned: 0, total: 0 }
  const initShare = billing?.initShareOfCompute ?? 0
  const free = billing?.freeTier
  const monthly = billing?.monthly ?? null

  return (
    <section className="pf-card" aria-label="Bill so far">
      <h2>Bill so far</h2>
      <div className="pf-bill-total" data-testid="billing-total" data-usd={usd.total}>
        {formatUsd(usd.total)}
      </div>
      {monthly !== null && (
        <p className="pf-bill-month" data-testid="billing-monthly" data-usd={monthly.usd.total}>
          ≈ <strong>{formatUsd(monthly.usd.total)}</strong> per month at this rate
        </p>
      )}
      <dl className="pf-bill-lines">
        <div>
          <dt>Requests ({formatCount(cost?.requests ?? 0)})</dt>
          <dd data-testid="billing-requests">{formatUsd(usd.requests)}</dd>
        </div>
        <div>
          <dt>Compute ({formatGbSeconds(cost?.gbSeconds ?? 0)} GB-s)</dt>
          <dd data-testid="billing-compute">{formatUsd(usd.compute)}</dd>
        </div>
        <div>
          <dt>of which INIT ({formatShare(initShare)})</dt>
          <dd data-testid="billing-init">{formatUsd(billing?.initUsd ?? 0)}</dd>
        </div>
        <div>
          <dt>Provisioned</dt>
          <dd data-testid="billing-provisioned">{formatUsd(usd.provisioned)}</dd>
        </div>
        <div className="pf-bill-per">
          <dt>Per million invocations</dt>
          <dd data-testid="billing-per-million">
            {formatUsd(billing?.costPerMillionInvocations ?? 0)}
          </dd>
        </div>
      </dl>
      {free?.applied === true && (
        <p className="pf-free-tier" data-testid="billing-free-tier">
          Free tier used: {formatCount(free.requests)} of {formatCount(free.requestsLimit)} requests
          and {formatGbSeconds(free.gbSeconds)} of {formatCount(free.gbSecondsLimit)} GB-s
          {monthly !== null && (
            <>
              {' '}
              (a month at this rate would use{' '}
              {formatShare(monthly.freeTier.requests / free.requestsLimit)} and{' '}
              {formatShare(monthly.freeTier.gbSeconds / free.gbSecondsLimit)} of it)
            </>
          )}
          .
        </p>
      )}
      <FleetCompare />
    </section>
  )
}

/** 0.69, 1,234 */
function formatGbSeconds(gbs: number): string {
  return gbs < 10 ? gbs.toFixed(2) : formatCount(gbs)
}

/** 25%, 0.4%, 100% (a share of the free tier, capped there: beyond it is billed). */
function formatShare(fraction: number): string {
  const pct = Math.min(1, fraction) * 100
  return pct === 0 || pct >= 10 ? `${Math.round(pct)}%` : `${pct.toPrecision(2)}%`
}
