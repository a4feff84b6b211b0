/**
 * The bill as the CLI and the billing panel read it. Amounts are computed in exact integer
 * units (see price-models.ts) and turned into float dollars only here, at the very end; the
 * exact amounts travel along as decimal strings so anyone can check that the parts add up.
 */
import type { PriceModelId, UsdBreakdown } from '../scenario/types'
import { MBMS_PER_GBS, UNITS_PER_USD } from './price-models'

/** Exact money, in units of 1e-10 USD / 1,024,000 ({@link UNITS_PER_USD} per dollar). */
export interface ExactBreakdown {
  requests: bigint
  /** On-demand duration + duration on provisioned environments + ephemeral storage. */
  compute: bigint
  /** Configured Provisioned Concurrency. */
  provisioned: bigint
  total: bigint
  /** Parts of `compute`. */
  onDemandDuration: bigint
  provisionedDuration: bigint
  ephemeral: bigint
  /** The share of `compute` that INIT caused ("of which", already inside the duration parts). */
  init: bigint
}

/** Cost and usage of one function, or of the whole run. */
export interface BillingBreakdown {
  /** Requests charged (every invocation that ran, on demand or provisioned). */
  requests: number
  /** Billed duration, GB-s (on demand and on provisioned environments; INIT where billed). */
  gbSeconds: number
  /** `total = requests + compute + provisioned` (matches `RunSummary['billing']['usd']`). */
  usd: UsdBreakdown
  /** The parts of `usd.compute`, and the INIT share inside them, in USD. */
  computeUsd: {
    onDemandDuration: number
    provisionedDuration: number
    ephemeral: number
    init: number
  }
  /** INIT's fraction of `usd.compute` (0 when compute is 0). */
  initShareOfCompute: number
  /** Billed GB-s that INIT added. */
  initGbSeconds: number
  /** Configured Provisioned Concurrency, GB-s (after 5-minute rounding). */
  provisionedGbSeconds: number
  /** Ephemeral storage above 512 MB × billed duration, GB-s. */
  ephemeralGbSeconds: number
  /** `usd.total` per million requests (0 without requests). */
  costPerMillionInvocations: number
  /** The same money, exact, as decimal strings of {@link UNITS_PER_USD}-ths of a dollar. */
  exact: Record<keyof ExactBreakdown, string>
}

/** One line of the bill: a billable quantity times its rate. */
export interface LineItem {
  /** Stable id, e.g. `requests`, `duration.x86_64.tier1`, `pc-duration.arm64`, `ephemeral`. */
  id: string
  label: string
  /** Billable quantity, after the free tier. */
  quantity: number
  unit: 'requests' | 'GB-s'
  /** USD per unit (display: up to 10 decimals). */
  rateUsd: number
  usd: number
  /** `usd`, exact (see {@link BillingBreakdown.exact}). */
  exactUnits: string
}

/** How much of the monthly free tier the run used. */
export interface FreeTierUsage {
  applied: boolean
  requests: number
  requestsLimit: number
  gbSeconds: number
  gbSecondsLimit: number
}

/** The whole bill: totals, per function, free tier, and line items. */
export interface BillingReport extends BillingBreakdown {
  model: PriceModelId
  freeTier: FreeTierUsage
  /** Keyed by function name, in first-seen order. */
  functions: Record<string, BillingBreakdown>
  /** Account-level lines (tiers and the free tier apply to the account); they sum to the total. */
  lineItems: LineItem[]
}

/** Exact units to float USD. */
export function unitsToUsd(units: bigint): number {
  const whole = units / UNITS_PER_USD
  const frac = units % UNITS_PER_USD
  return Number(whole) + Number(frac) / Number(UNITS_PER_USD)
}

/** MB·ms to float GB-s. */
export function mbmsToGbSeconds(mbms: bigint): number {
  const per = BigInt(MBMS_PER_GBS)
  return Number(mbms / per) + Number(mbms % per) / MBMS_PER_GBS
}

/** A zero exact breakdown. */
export function emptyExact(): ExactBreakdown {
  return {
    requests: 0n,
    compute: 0n,
    provisioned: 0n,
    total: 0n,
    onDemandDuration: 0n,
    provisionedDuration: 0n,
    ephemeral: 0n,
    init: 0n,
  }
}

/** Quantities a breakdown reports besides money. */
export interface BreakdownQuantities {
  requests: bigint
  mbms: bigint
  initMBms: bigint
  configuredMBms: bigint
  ephemeralMBms: bigint
}

/** Turns exact money and quantities into the reported breakdown. */
export function toBreakdown(x: ExactBreakdown, q: BreakdownQuantities): BillingBreakdown {
  const exact = {} as Record<keyof ExactBreakdown, string>
  for (const k of Object.keys(x) as (keyof ExactBreakdown)[]) exact[k] = x[k].toString()
  return {
    requests: Number(q.requests),
    gbSeconds: mbmsToGbSeconds(q.mbms),
    usd: {
      requests: unitsToUsd(x.requests),
      compute: unitsToUsd(x.compute),
      provisioned: unitsToUsd(x.provisioned),
      total: unitsToUsd(x.total),
    },
    computeUsd: {
      onDemandDuration: unitsToUsd(x.onDemandDuration),
      provisionedDuration: unitsToUsd(x.provisionedDuration),
      ephemeral: unitsToUsd(x.ephemeral),
      init: unitsToUsd(x.init),
    },
    initShareOfCompute: x.compute === 0n ? 0 : Number((x.init * 1_000_000n) / x.compute) / 1e6,
    initGbSeconds: mbmsToGbSeconds(q.initMBms),
    provisionedGbSeconds: mbmsToGbSeconds(q.configuredMBms),
    ephemeralGbSeconds: mbmsToGbSeconds(q.ephemeralMBms),
    costPerMillionInvocations:
      q.requests === 0n ? 0 : unitsToUsd((x.total * 1_000_000n) / q.requests),
    exact,
  }
}
