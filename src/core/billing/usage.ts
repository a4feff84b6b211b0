/**
 * Billable quantities, as exact integers: what the meter accumulates and what pricing prices.
 * Quantities are MB·ms (memory × billed time) and request counts; no money lives here, so the
 * same usage can be priced under any model's rates, with or without the free tier, or scaled
 * to a month first.
 */
import type { Architecture } from '../lambda/function-config'

/** Quantities of one function on one architecture. All MB·ms are billed (rounded) time. */
export interface ArchUsage {
  /** Requests served by on-demand environments (including PC spillover). */
  requestsOnDemand: bigint
  /** Requests served by provisioned environments. */
  requestsProvisioned: bigint
  /** On-demand billed duration × memory (INIT included where the model bills it). */
  onDemandMBms: bigint
  /** The part of `onDemandMBms` that INIT added. */
  onDemandInitMBms: bigint
  /** Billed duration × memory of invocations on provisioned environments (PC duration rate). */
  provisionedMBms: bigint
  /** The part of `provisionedMBms` that INIT added. */
  provisionedInitMBms: bigint
  /** (ephemeral storage MB − the free 512) × billed duration, all invocations. */
  ephemeralMBms: bigint
  /** Configured concurrency × memory × period rounded up to 5 minutes. */
  provisionedConfiguredMBms: bigint
}

/** A function's usage, per architecture (normally one; two if it was switched mid-run). */
export type FunctionUsage = Partial<Record<Architecture, ArchUsage>>

/** Usage of a run: per function, in first-seen order. */
export type Usage = Map<string, FunctionUsage>

/** The keys of {@link ArchUsage}, for generic loops (scaling, summing). */
export const ArchUsageKeys = [
  'requestsOnDemand',
  'requestsProvisioned',
  'onDemandMBms',
  'onDemandInitMBms',
  'provisionedMBms',
  'provisionedInitMBms',
  'ephemeralMBms',
  'provisionedConfiguredMBms',
] as const satisfies readonly (keyof ArchUsage)[]

/** A zeroed {@link ArchUsage}. */
export function emptyArchUsage(): ArchUsage {
  const u = {} as Record<keyof ArchUsage, bigint>
  for (const k of ArchUsageKeys) u[k] = 0n
  return u
}

/** Elementwise sum of `b` into `a`. */
export function addArchUsage(a: ArchUsage, b: ArchUsage): void {
  for (const k of ArchUsageKeys) a[k] += b[k]
}

/**
 * The usage scaled by `num / den` (rounded half up per quantity), for projections.
 * Scaling each quantity separately keeps it an integer; the rounding is at most one unit
 * (one request, one MB·ms) per quantity.
 */
export function scaleUsage(usage: Usage, num: bigint, den: bigint): Usage {
  const out: Usage = new Map()
  for (const [name, fn] of usage) {
    const scaled: FunctionUsage = {}
    for (const arch of Object.keys(fn) as Architecture[]) {
      const src = fn[arch]
      if (!src) continue
      const dst = emptyArchUsage()
      for (const k of ArchUsageKeys) dst[k] = (src[k] * num * 2n + den) / (2n * den)
      scaled[arch] = dst
    }
    out.set(name, scaled)
  }
  return out
}

/**
 * An exact running sum of non-negative integers that is cheap on the hot path: it adds in a
 * float while that is exact (below 2^52) and folds into a bigint only when it grows past it.
 * Each added value must be a safe integer.
 */
export class ExactSum {
  private small = 0
  private big = 0n

  add(n: number): void {
    this.small += n
    if (this.small >= 2 ** 52) {
      this.big += BigInt(this.small)
      this.small = 0
    }
  }

  /** Adds `a × b` exactly (both safe integers), through a bigint only when the product is large. */
  addProduct(a: number, b: number): void {
    const p = a * b
    if (p < 2 ** 52) this.add(p)
    else this.big += BigInt(a) * BigInt(b)
  }

  value(): bigint {
    return this.big + BigInt(this.small)
  }
}
