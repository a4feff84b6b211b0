/**
 * Dated Lambda price models as plain data (us-east-1). Every rate cites its line in
 * `../shared/reference/lambda-semantics.md` §1.1 ("reference §1.1, <row>").
 *
 * Units, chosen so that every computation stays in integers:
 * - rates are integer multiples of 1e-10 USD ("ten-nano-dollars") per GB-s, so
 *   $0.0000166667 per GB-s is `166_667`; the request price is per request in the same unit;
 * - quantities are MB·ms (GB = MB / 1024, s = ms / 1000, as in all AWS examples);
 * - hence `MB·ms × rate` is money in units of 1e-10 USD / 1,024,000 ({@link UNITS_PER_USD}).
 */
import type { Architecture } from '../lambda/function-config'
import type { PriceModelId } from '../scenario/types'
import type { DurationRule } from './duration'

/** One monthly duration tier: `rate` applies to usage up to `upToGbSeconds` (null: no limit). */
export interface DurationTier {
  /** Upper bound of the tier, cumulative GB-s per month per architecture. */
  upToGbSeconds: number | null
  /** Price, 1e-10 USD per GB-s. */
  rate: number
}

/** Rates of one architecture. */
export interface ArchitectureRates {
  /** On-demand duration tiers, cheapest last, cumulative bounds. */
  tiers: readonly DurationTier[]
  /** Provisioned Concurrency: configured concurrency × memory × time, 1e-10 USD per GB-s. */
  provisionedConfigured: number
  /** Duration of invocations served by a provisioned environment, 1e-10 USD per GB-s. */
  provisionedDuration: number
}

/** Which INIT phases a model bills (a cold start's INIT is added to the billed duration). */
export interface InitRule {
  /** INIT of on-demand environments (managed runtimes; the playground offers only those). */
  onDemand: boolean
  /** INIT of provisioned environments. */
  provisioned: boolean
}

/** A dated price model. */
export interface PriceModel {
  id: PriceModelId
  /** Human label for pickers. */
  label: string
  /** First day (UTC, inclusive) the model describes; null: since the beginning. */
  from: string | null
  /** Last day (UTC, inclusive); null: still in force. */
  to: string | null
  /** Rounding of each invocation's billed duration, ms. */
  granularityMs: DurationRule['granularityMs']
  init: InitRule
  /** 1e-10 USD per request. */
  requestRate: number
  /** Ephemeral storage above {@link PriceModel.freeEphemeralMB}, 1e-10 USD per GB-s. */
  ephemeralRate: number
  freeEphemeralMB: number
  /** Provisioned Concurrency periods are rounded up to this many ms. */
  provisionedRoundingMs: number
  /** The always-free monthly allowance (both architectures combined). */
  freeTier: { requests: number; gbSeconds: number }
  rates: Record<Architecture, ArchitectureRates>
}

/** Money unit of all integer arithmetic: 1 USD = 1e10 × 1,024,000 units. */
export const UNITS_PER_USD = 10_000_000_000n * 1_024_000n

/** MB·ms in one GB-s (1024 MB × 1000 ms). */
export const MBMS_PER_GBS = 1_024_000

const X86: ArchitectureRates = {
  tiers: [
    // reference §1.1, "Duration, tier 1": $0.0000166667 per GB-s, first 6 B GB-s/month
    { upToGbSeconds: 6_000_000_000, rate: 166_667 },
    // reference §1.1, "Duration, tier 2": $0.0000150000 per GB-s, next 9 B (6–15 B)
    { upToGbSeconds: 15_000_000_000, rate: 150_000 },
    // reference §1.1, "Duration, tier 3": $0.0000133334 per GB-s, over 15 B
    { upToGbSeconds: null, rate: 133_334 },
  ],
  // reference §1.1, "Provisioned Concurrency (PC), configured": $0.0000041667 per GB-s
  provisionedConfigured: 41_667,
  // reference §1.1, "Duration while running on PC": $0.0000097222 per GB-s
  provisionedDuration: 97_222,
}

const ARM64: ArchitectureRates = {
  tiers: [
    // reference §1.1, "Duration, tier 1" (arm64): $0.0000133334 per GB-s, first 7.5 B GB-s/month
    { upToGbSeconds: 7_500_000_000, rate: 133_334 },
    // reference §1.1, "Duration, tier 2" (arm64): $0.0000120001 per GB-s, next 11.25 B (7.5–18.75 B)
    { upToGbSeconds: 18_750_000_000, rate: 120_001 },
    // reference §1.1, "Duration, tier 3" (arm64): $0.0000106667 per GB-s, over 18.75 B
    { upToGbSeconds: null, rate: 106_667 },
  ],
  // reference §1.1, "Provisioned Concurrency (PC), configured" (arm64): $0.0000033334 per GB-s
  provisionedConfigured: 33_334,
  // reference §1.1, "Duration while running on PC" (arm64): $0.0000077778 per GB-s
  provisionedDuration: 77_778,
}

/** What every model shares; the models differ in rounding and in which INIT they bill. */
const COMMON = {
  // reference §1.1, "Requests": $0.20 per 1M ($0.0000002/request) = 2,000 × 1e-10 USD
  requestRate: 2_000,
  // reference §1.1, "Ephemeral storage above the free 512 MB": $0.0000000309 per GB-s
  ephemeralRate: 309,
  freeEphemeralMB: 512,
  // reference §1.1 rules, "Provisioned Concurrency": "rounded up to the nearest five minutes"
  provisionedRoundingMs: 5 * 60 * 1000,
  // reference §1.1 rules, "Free tier": 1,000,000 requests and 400,000 GB-s per month
  freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
  rates: { x86_64: X86, arm64: ARM64 },
} as const

/**
 * The three models, by id. Rates are today's in all three (the pre-2020 "$0.00001667/GB-s" of
 * reference §1.1 is the same rate shown with fewer digits); they differ in duration rounding and
 * in the INIT rule (reference §1.1 rules, "Billing granularity" and "INIT billing").
 */
export const PriceModels: Record<PriceModelId, PriceModel> = {
  current: {
    id: 'current',
    label: 'Current (1 ms, INIT billed)',
    from: '2025-08-01',
    to: null,
    granularityMs: 1,
    // "From 1 Aug 2025 INIT is billed for all configurations"
    init: { onDemand: true, provisioned: true },
    ...COMMON,
  },
  '2025-07': {
    id: '2025-07',
    label: 'Before August 2025 (1 ms, INIT free on demand)',
    from: '2020-12-01',
    to: '2025-07-31',
    granularityMs: 1,
    // "until 31 Jul 2025 the INIT phase was not billed for on-demand ZIP functions on managed
    // runtimes (it was billed for container images, custom runtimes and PC)"
    init: { onDemand: false, provisioned: true },
    ...COMMON,
  },
  '2020-11': {
    id: '2020-11',
    label: 'Before December 2020 (100 ms, INIT free on demand)',
    from: null,
    to: '2020-11-30',
    granularityMs: 100,
    // Same INIT rule as '2025-07': the reference dates the rule "until 31 Jul 2025" with no
    // earlier change, and PC (since Dec 2019) billed its INIT then too.
    init: { onDemand: false, provisioned: true },
    ...COMMON,
  },
}

/** The model with this id. */
export function priceModel(id: PriceModelId): PriceModel {
  return PriceModels[id]
}

/**
 * The duration rule an invocation is billed under: the model's rounding, and INIT billed or not
 * depending on where it ran. Telemetry uses it too, so REPORT lines show the billed duration.
 */
export function durationRuleOf(model: PriceModel, onProvisioned: boolean): DurationRule {
  const initBilled = onProvisioned ? model.init.provisioned : model.init.onDemand
  return { granularityMs: model.granularityMs, initBilled }
}
