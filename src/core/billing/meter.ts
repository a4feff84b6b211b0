/**
 * The billing meter the simulation feeds: one call per invocation that ran and one per
 * Provisioned Concurrency period. Recording is cheap (integer adds, no money); `report()`
 * prices what was recorded (pricing.ts), so the bill can be read at any moment of a run.
 */
import type { Architecture } from '../lambda/function-config'
import type { PriceModelId } from '../scenario/types'
import { billedDurationMs, type DurationRule } from './duration'
import { durationRuleOf, priceModel, type PriceModel } from './price-models'
import { priceUsage } from './pricing'
import type { BillingReport } from './report'
import { emptyArchUsage, scaleUsage, ExactSum, type ArchUsage, type Usage } from './usage'

export type { BillingReport } from './report'

/** One invocation that ran (throttled requests are not charged and never reach the meter). */
export interface InvocationCharge {
  function: string
  memoryMB: number
  architecture: 'x86_64' | 'arm64'
  /** Handler duration, ms (fractional allowed). */
  durationMs: number
  /** INIT of this invocation's cold start, ms; absent on warm starts. */
  initDurationMs?: number
  /** Served by a provisioned environment (PC rates); false for on-demand, including spillover. */
  onProvisioned: boolean
  /** Configured /tmp, MB (512–10,240); only the part above 512 is billed. */
  ephemeralStorageMB: number
  /** Number of identical invocations this charge stands for (default 1): for batching and tests. */
  count?: number
}

/** A stretch of time during which a function had `concurrency` provisioned environments. */
export interface ProvisionedPeriod {
  function: string
  memoryMB: number
  architecture: 'x86_64' | 'arm64'
  concurrency: number
  /** Virtual time the configuration took effect, ms. */
  fromMs: number
  /** Virtual time it was changed or removed, ms. Billed rounded up to 5 minutes. */
  toMs: number
}

/** Accumulates charges and prices them on demand. */
export interface Meter {
  recordInvocation(c: InvocationCharge): void
  recordProvisioned(p: ProvisionedPeriod): void
  /** The bill so far (plus `open` periods, see {@link ReportOptions}). */
  report(options?: ReportOptions): BillingReport
  /** The quantities recorded so far, exact (for {@link projectMonthly}), plus `open` periods. */
  usage(options?: ReportOptions): Usage
  /** The bill of the usage so far scaled from `spanMs` of virtual time to a 730-hour month. */
  projectMonthly(spanMs: number, options?: ReportOptions): BillingReport
}

/** What to include in a reading besides what was recorded. */
export interface ReportOptions {
  /**
   * Provisioned Concurrency periods still running, each with `toMs` = now: priced as if they
   * ended now, but not recorded, so a live meter can show PC cost growing and the simulation
   * records each period once, when it ends.
   */
  open?: readonly ProvisionedPeriod[]
}

/** Hours in the month AWS prices with (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730
const MONTH_MS = HOURS_PER_MONTH * 3_600_000

/** Sums of one (function, architecture), fast to add to. */
class Bucket {
  readonly requestsOnDemand = new ExactSum()
  readonly requestsProvisioned = new ExactSum()
  readonly onDemandMBms = new ExactSum()
  readonly onDemandInitMBms = new ExactSum()
  readonly provisionedMBms = new ExactSum()
  readonly provisionedInitMBms = new ExactSum()
  readonly ephemeralMBms = new ExactSum()
  provisionedConfiguredMBms = 0n

  snapshot(): ArchUsage {
    return {
      requestsOnDemand: this.requestsOnDemand.value(),
      requestsProvisioned: this.requestsProvisioned.value(),
      onDemandMBms: this.onDemandMBms.value(),
      onDemandInitMBms: this.onDemandInitMBms.value(),
      provisionedMBms: this.provisionedMBms.value(),
      provisionedInitMBms: this.provisionedInitMBms.value(),
      ephemeralMBms: this.ephemeralMBms.value(),
      provisionedConfiguredMBms: this.provisionedConfiguredMBms,
    }
  }
}

function checkMemory(memoryMB: number): void {
  if (!Number.isInteger(memoryMB) || memoryMB <= 0) {
    throw new RangeError(`memoryMB must be a positive integer, got ${memoryMB}`)
  }
}

class LambdaMeter implements Meter {
  private readonly buckets = new Map<string, Map<Architecture, Bucket>>()

  private readonly rules: { onDemand: DurationRule; provisioned: DurationRule }

  constructor(
    private readonly model: PriceModel,
    private readonly freeTier: boolean,
  ) {
    this.rules = {
      onDemand: durationRuleOf(model, false),
      provisioned: durationRuleOf(model, true),
    }
  }

  private bucket(fn: string, arch: Architecture): Bucket {
    let byArch = this.buckets.get(fn)
    if (!byArch) this.buckets.set(fn, (byArch = new Map()))
    let b = byArch.get(arch)
    if (!b) byArch.set(arch, (b = new Bucket()))
    return b
  }

  recordInvocation(c: InvocationCharge): void {
    checkMemory(c.memoryMB)
    const m = this.model
    const rule = c.onProvisioned ? this.rules.provisioned : this.rules.onDemand
    const billed = billedDurationMs(c.durationMs, c.initDurationMs, rule)
    // INIT's share is what it added to the rounded total (with 100 ms rounding it may be 0).
    const initMs =
      rule.initBilled && c.initDurationMs
        ? billed - billedDurationMs(c.durationMs, undefined, rule)
        : 0
    const n = c.count ?? 1
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`count must be ≥ 1, got ${n}`)
    const b = this.bucket(c.function, c.architecture)
    if (c.onProvisioned) {
      b.requestsProvisioned.add(n)
      b.provisionedMBms.addProduct(billed * c.memoryMB, n)
      b.provisionedInitMBms.addProduct(initMs * c.memoryMB, n)
    } else {
      b.requestsOnDemand.add(n)
      b.onDemandMBms.addProduct(billed * c.memoryMB, n)
      b.onDemandInitMBms.addProduct(initMs * c.memoryMB, n)
    }
    const extraMB = Math.max(0, Math.round(c.ephemeralStorageMB) - m.freeEphemeralMB)
    if (extraMB > 0) b.ephemeralMBms.addProduct(billed * extraMB, n)
  }

  recordProvisioned(p: ProvisionedPeriod): void {
    const b = this.bucket(p.function, p.architecture)
    b.provisionedConfiguredMBms += this.configuredMBms(p)
  }

  /** Concurrency × memory × the period rounded up to 5 minutes. */
  private configuredMBms(p: ProvisionedPeriod): bigint {
    checkMemory(p.memoryMB)
    if (!Number.isInteger(p.concurrency) || p.concurrency < 0 || !(p.toMs >= p.fromMs)) {
      throw new RangeError(
        `invalid provisioned period for ${p.function}: concurrency ${p.concurrency}, ${p.fromMs}–${p.toMs} ms`,
      )
    }
    const step = this.model.provisionedRoundingMs
    // Each period is billed "from the time you enable it ... until it is disabled, rounded up
    // to the nearest five minutes"; the tiny epsilon keeps float noise from adding a step.
    const billedMs = Math.ceil((p.toMs - p.fromMs) / step - 1e-9) * step
    return BigInt(p.concurrency) * BigInt(p.memoryMB) * BigInt(billedMs)
  }

  usage(options?: ReportOptions): Usage {
    const out: Usage = new Map()
    for (const [fn, byArch] of this.buckets) {
      const fu: Partial<Record<Architecture, ArchUsage>> = {}
      for (const [arch, b] of byArch) fu[arch] = b.snapshot()
      out.set(fn, fu)
    }
    for (const p of options?.open ?? []) {
      const fu = out.get(p.function) ?? {}
      out.set(p.function, fu)
      const u = (fu[p.architecture] ??= emptyArchUsage())
      u.provisionedConfiguredMBms += this.configuredMBms(p)
    }
    return out
  }

  report(options?: ReportOptions): BillingReport {
    return priceUsage(this.usage(options), this.model, this.freeTier)
  }

  projectMonthly(spanMs: number, options?: ReportOptions): BillingReport {
    const model = this.model.id
    return projectMonthly(this.usage(options), spanMs, { model, freeTier: this.freeTier })
  }
}

/**
 * A meter pricing with the given dated model. The simulated span counts as the start of a
 * billing month: the free tier (when on) applies in full to it.
 */
export function createMeter(options: { model: PriceModelId; freeTier: boolean }): Meter {
  return new LambdaMeter(priceModel(options.model), options.freeTier)
}

/**
 * The monthly projection: `usage` observed over `spanMs` of virtual time, scaled linearly to a
 * 730-hour month, then priced with the month's free tier and tiers (so a one-hour run that
 * fits the free tier may still cost money per month, and a large one may reach tier 2).
 * Provisioned Concurrency scales the same way: PC on for the whole span is PC on all month.
 */
export function projectMonthly(
  usage: Usage,
  spanMs: number,
  options: { model: PriceModelId; freeTier: boolean },
): BillingReport {
  if (!(spanMs > 0) || !Number.isFinite(spanMs)) {
    throw new RangeError(`spanMs must be a positive number of ms, got ${spanMs}`)
  }
  const scaled = scaleUsage(usage, BigInt(MONTH_MS), BigInt(Math.max(1, Math.round(spanMs))))
  return priceUsage(scaled, priceModel(options.model), options.freeTier)
}
