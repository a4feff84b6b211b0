/**
 * The billing part of a snapshot: what the meter already knows beyond the three totals (free
 * tier used, INIT's share of compute, cost per million) and the monthly projection of the usage
 * so far. The projection prices the usage a second time, so it is computed only when the
 * virtual clock or the bill moved since the last reading (a paused run re-reads the cache).
 */
import { HOURS_PER_MONTH } from './billing/meter'
import type { BillingReport, FreeTierUsage } from './billing/report'
import type { UsdBreakdown } from './scenario/types'

const MONTH_MS = HOURS_PER_MONTH * 3_600_000

/** The monthly projection as the UI shows it. */
export interface MonthlyProjectionView {
  /** Virtual ms the projection scales from (the span observed so far). */
  spanMs: number
  usd: UsdBreakdown
  requests: number
  gbSeconds: number
  freeTier: FreeTierUsage
}

/** The bill so far, beyond `Snapshot['cost']`. */
export interface BillingView {
  /** INIT's share of compute, USD (already inside `cost.usd.compute`). */
  initUsd: number
  /** INIT's fraction of `cost.usd.compute` (0 when compute is 0). */
  initShareOfCompute: number
  /** `cost.usd.total` per million requests (0 without requests). */
  costPerMillionInvocations: number
  /** How much of the monthly free tier the run used (`applied` false when the tier is off). */
  freeTier: FreeTierUsage
  /** The usage so far scaled to a 730-hour month; null before any virtual time has passed. */
  monthly: MonthlyProjectionView | null
}

/** Prices the usage so far over `spanMs`, scaled to a month (e.g. `meter.projectMonthly`). */
export type ProjectMonthly = (spanMs: number) => BillingReport

/**
 * Builds {@link BillingView}s, remembering the last projection: the snapshot is built every
 * frame, and a paused or idle run must not price the same usage again and again.
 */
export class BillingViews {
  #key = ''
  #monthly: MonthlyProjectionView | null = null

  constructor(private readonly project: ProjectMonthly | null) {}

  /** The view of `bill` at virtual time `now`. */
  view(bill: BillingReport, now: number): BillingView {
    return {
      initUsd: bill.computeUsd.init,
      initShareOfCompute: bill.initShareOfCompute,
      costPerMillionInvocations: bill.costPerMillionInvocations,
      freeTier: { ...bill.freeTier },
      monthly: this.#projection(bill, now),
    }
  }

  #projection(bill: BillingReport, now: number): MonthlyProjectionView | null {
    if (this.project === null || !(now > 0)) return null
    // The exact total changes with every charge; together with the clock it says "moved".
    const key = `${now}|${bill.exact.total}|${bill.requests}`
    if (key === this.#key) return this.#monthly
    const month = this.project(now)
    // Configured Provisioned Concurrency has neither tiers nor a free tier, so its month is the
    // bill's (which prices the periods still open up to now) scaled linearly; a meter's own
    // projection knows only the periods already closed.
    const provisioned = (bill.usd.provisioned * MONTH_MS) / now
    const { requests, compute } = month.usd
    this.#key = key
    this.#monthly = {
      spanMs: now,
      usd: { requests, compute, provisioned, total: requests + compute + provisioned },
      requests: month.requests,
      gbSeconds: month.gbSeconds,
      freeTier: { ...month.freeTier },
    }
    return this.#monthly
  }
}
