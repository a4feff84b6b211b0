/**
 * A log-bucket histogram for durations: constant memory, mergeable, and accurate to a stated
 * relative error. Bucket i holds values in [MIN·γ^i, MIN·γ^(i+1)) with γ = 1.02, and a quantile
 * is reported as the bucket's relative midpoint, clamped to the exact min and max seen. So a
 * reported quantile is within ±1 % ((γ − 1)/(γ + 1) = 0.99 %) of the true nearest-rank quantile
 * for values between 1 µs and 10^6 ms (16.7 minutes, more than the 900 s timeout plus INIT).
 */

/** Growth factor between buckets. */
export const GAMMA = 1.02
/** Smallest distinguished value, ms; anything at or below it lands in bucket 0. */
export const MIN_MS = 0.001
/** Largest distinguished value, ms; anything above lands in the last bucket. */
export const MAX_MS = 1_000_000
/** Buckets of the fine histogram. */
export const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / Math.log(GAMMA)) + 1
/** Fine buckets per coarse bucket (series histograms): γ^8 ≈ 1.17, so ±7.9 %. */
export const COARSE_SHIFT = 3
/** Buckets of a coarse histogram. */
export const COARSE_BUCKETS = (BUCKETS >> COARSE_SHIFT) + 1

const LN_GAMMA = Math.log(GAMMA)
const LN_MIN = Math.log(MIN_MS)

/** The fine bucket of a value (ms). Compute it once and feed it to several histograms. */
export function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0
  const i = Math.floor((Math.log(ms) - LN_MIN) / LN_GAMMA)
  return i < BUCKETS ? i : BUCKETS - 1
}

/** A value representative of fine bucket i (its relative midpoint). */
export function bucketValue(i: number, shift = 0): number {
  const width = 2 ** shift
  const lo = MIN_MS * GAMMA ** (i * width)
  const g = GAMMA ** width
  return (2 * lo * g) / (1 + g)
}

/** Nearest-rank quantile over bucket counts; `shift` 0 for fine, COARSE_SHIFT for coarse. */
export function quantileOf(
  counts: Uint32Array,
  offset: number,
  length: number,
  total: number,
  q: number,
  shift: number,
): number {
  if (total === 0) return 0
  const rank = Math.max(1, Math.ceil(q * total))
  let seen = 0
  for (let i = 0; i < length; i++) {
    seen += counts[offset + i] as number
    if (seen >= rank) return bucketValue(i, shift)
  }
  return bucketValue(length - 1, shift)
}

/** Duration histogram over a whole run: counts per fine bucket plus exact count, sum, min, max. */
export class DurationHistogram {
  readonly counts = new Uint32Array(BUCKETS)
  count = 0
  sum = 0
  min = Infinity
  max = -Infinity

  /** Adds a value whose fine bucket is already known (see `bucketOf`). */
  addAt(bucket: number, ms: number): void {
    this.counts[bucket]!++
    this.count++
    this.sum += ms
    if (ms < this.min) this.min = ms
    if (ms > this.max) this.max = ms
  }

  /** Adds a value. */
  add(ms: number): void {
    this.addAt(bucketOf(ms), ms)
  }

  /** The q-quantile (0–1), within ±1 % of the exact nearest-rank value; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0
    const v = quantileOf(this.counts, 0, BUCKETS, this.count, q, 0)
    return Math.min(this.max, Math.max(this.min, v))
  }

  /** Mean of the values added; 0 when empty. */
  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count
  }
}
