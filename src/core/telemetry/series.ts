/**
 * Metrics as time series with bounded memory. Values go into 1 s buckets; when a run outgrows
 * `capacity` buckets, neighbouring buckets are merged in pairs (the bucket width doubles), so a
 * day-long run keeps at most `capacity` points per metric: sums add, maxima take the larger, and
 * duration histograms add their counts (percentiles per bucket stay within ±7.9 %).
 */
import { COARSE_BUCKETS as COARSE, COARSE_SHIFT as SHIFT, quantileOf } from './histogram'

// Module-local copies: imported bindings can be getters under Node loaders (hot path).
const COARSE_BUCKETS = COARSE
const COARSE_SHIFT = SHIFT

/** The metrics of a series, by column. Names follow CloudWatch's AWS/Lambda namespace. */
export const Metric = {
  /** Invocations that ran (each retry counts). */
  Invocations: 0,
  /** Invocations that ended in a function error or a timeout. */
  Errors: 1,
  /** Requests refused for concurrency or scaling rate. */
  Throttles: 2,
  /** Highest number of invocations running at once in the bucket. */
  ConcurrentExecutions: 3,
  /** Invocations served on demand while the function had provisioned concurrency. */
  ProvisionedConcurrencySpilloverInvocations: 4,
  /** Async events accepted into the internal queue. */
  AsyncEventsReceived: 5,
  /** Oldest age (ms) of an async event when an attempt started. */
  AsyncEventAge: 6,
  /**
   * Async events given up on without a successful run, whether or not they were then sent to an
   * on-failure target (CloudWatch counts both: "events are sent there before they're dropped").
   */
  AsyncEventsDropped: 7,
  /** Async events sent to a DLQ or on-failure destination. */
  DeadLettered: 8,
  /** Failed deliveries to a DLQ: our targets never fail, so this stays 0 (kept for fidelity). */
  DeadLetterErrors: 9,
  /** Invocations that started in a new environment. */
  ColdStarts: 10,
  /** Most environments alive (initializing, idle or busy) at once in the bucket. */
  Environments: 11,
  /**
   * Most async events waiting in the internal queue for their next attempt (after a throttle or
   * a function error) at once in the bucket. A level: it carries over buckets where it did not
   * change (see {@link Series.level}). Events being attempted are running, not waiting.
   */
  AsyncQueueDepth: 12,
} as const
export type Metric = (typeof Metric)[keyof typeof Metric]

const METRICS = 13
const MAX_COLUMNS: readonly number[] = [
  Metric.ConcurrentExecutions,
  Metric.AsyncEventAge,
  Metric.Environments,
  Metric.AsyncQueueDepth,
]
/** Names in column order, for plain-data export. */
export const MetricNames = Object.keys(Metric) as (keyof typeof Metric)[]

/** One exported series: parallel arrays; index i covers bucket firstBucket + i. */
export interface SeriesData {
  /** Width of a bucket, ms: bucket k covers [k·bucketMs, (k+1)·bucketMs). */
  bucketMs: number
  /** The bucket of index 0 (0 unless the export was limited to the last points). */
  firstBucket: number
  /** Per metric name, one value per bucket. */
  values: Record<keyof typeof Metric, number[]>
  /** Duration percentiles per bucket, ms (0 where nothing ended). */
  durationP50: number[]
  durationP90: number[]
  durationP99: number[]
}

/** A fixed-capacity set of per-bucket metrics plus a coarse duration histogram per bucket. */
export class Series {
  bucketMs: number
  #used = 0
  #values: Float64Array
  #hist: Uint32Array
  #histTotals: Uint32Array
  #current = 0
  #lo = 0
  #hi = 0
  /** Per metric set as a level: its last value, and the bucket where it was set (-1: never). */
  readonly #level = new Float64Array(METRICS)
  readonly #levelBucket = new Int32Array(METRICS).fill(-1)

  /** @param capacity buckets kept (the bucket width doubles when exceeded) */
  constructor(
    readonly capacity = 512,
    initialBucketMs = 1000,
  ) {
    this.bucketMs = initialBucketMs
    this.#values = new Float64Array(capacity * METRICS)
    this.#hist = new Uint32Array(capacity * COARSE_BUCKETS)
    this.#histTotals = new Uint32Array(capacity)
  }

  /** The bucket for virtual time t, merging old buckets first if t is past the capacity. */
  bucket(t: number): number {
    // Most calls fall in the bucket of the previous call.
    if (t >= this.#lo && t < this.#hi) return this.#current
    let b = Math.floor(t / this.bucketMs)
    while (b >= this.capacity) {
      this.#halve()
      b = Math.floor(t / this.bucketMs)
    }
    if (b >= this.#used) this.#used = b + 1
    this.#current = b
    this.#lo = b * this.bucketMs
    this.#hi = this.#lo + this.bucketMs
    return b
  }

  /** Adds `n` to a summed metric at time t. */
  add(t: number, metric: Metric, n = 1): void {
    this.#values[this.bucket(t) * METRICS + metric]! += n
  }

  /** Raises a max metric at time t to at least `value`. */
  max(t: number, metric: Metric, value: number): void {
    const i = this.bucket(t) * METRICS + metric
    if (value > (this.#values[i] as number)) this.#values[i] = value
  }

  /**
   * Sets a level (a gauge such as a queue's depth) to `value` at time t. A bucket's value is the
   * highest level it saw, including the level it started with: a queue that holds 40 events for
   * a minute without changing reads 40 in each of those buckets, not 0.
   */
  level(t: number, metric: Metric, value: number): void {
    const b = this.bucket(t)
    const v = this.#values
    const carried = this.#level[metric] as number
    // Buckets since the last change held the previous level all along.
    for (let k = (this.#levelBucket[metric] as number) + 1; k <= b; k++) {
      const i = k * METRICS + metric
      if (carried > (v[i] as number)) v[i] = carried
    }
    const i = b * METRICS + metric
    if (value > (v[i] as number)) v[i] = value
    this.#level[metric] = value
    this.#levelBucket[metric] = b
  }

  /** Records a duration whose fine bucket is `fineBucket` at time t. */
  duration(t: number, fineBucket: number): void {
    const b = this.bucket(t)
    this.#hist[b * COARSE_BUCKETS + (fineBucket >> COARSE_SHIFT)]!++
    this.#histTotals[b]!++
  }

  /**
   * Plain-data copy of the buckets used so far, or of the last `points` of them (a UI frame
   * rarely needs the whole history).
   */
  export(points = Infinity): SeriesData {
    const n = this.#used
    const from = Math.max(0, n - points)
    const column = (read: (b: number) => number): number[] => {
      const out: number[] = new Array(n - from)
      for (let b = from; b < n; b++) out[b - from] = read(b)
      return out
    }
    const values = {} as Record<keyof typeof Metric, number[]>
    MetricNames.forEach((name, m) => {
      // A level carries on into the buckets after its last change.
      const since = this.#levelBucket[m] as number
      const carried = this.#level[m] as number
      values[name] = column((b) =>
        b > since && since >= 0
          ? Math.max(carried, this.#values[b * METRICS + m] as number)
          : (this.#values[b * METRICS + m] as number),
      )
    })
    const pick = (q: number) =>
      column((b) =>
        quantileOf(
          this.#hist,
          b * COARSE_BUCKETS,
          COARSE_BUCKETS,
          this.#histTotals[b] as number,
          q,
          COARSE_SHIFT,
        ),
      )
    return {
      bucketMs: this.bucketMs,
      firstBucket: from,
      values,
      durationP50: pick(0.5),
      durationP90: pick(0.9),
      durationP99: pick(0.99),
    }
  }

  /** Merges bucket pairs in place: (0,1) → 0, (2,3) → 1, …; the width doubles. */
  #halve(): void {
    const half = this.capacity >> 1
    const v = this.#values
    for (let b = 0; b < half; b++) {
      for (let m = 0; m < METRICS; m++) {
        const x = v[2 * b * METRICS + m] as number
        const y = v[(2 * b + 1) * METRICS + m] as number
        v[b * METRICS + m] = MAX_COLUMNS.includes(m) ? Math.max(x, y) : x + y
      }
      for (let k = 0; k < COARSE_BUCKETS; k++) {
        this.#hist[b * COARSE_BUCKETS + k] =
          (this.#hist[2 * b * COARSE_BUCKETS + k] as number) +
          (this.#hist[(2 * b + 1) * COARSE_BUCKETS + k] as number)
      }
      this.#histTotals[b] =
        (this.#histTotals[2 * b] as number) + (this.#histTotals[2 * b + 1] as number)
    }
    v.fill(0, half * METRICS)
    this.#hist.fill(0, half * COARSE_BUCKETS)
    this.#histTotals.fill(0, half)
    for (let m = 0; m < METRICS; m++) {
      const last = this.#levelBucket[m] as number
      if (last >= 0) this.#levelBucket[m] = last >> 1
    }
    this.bucketMs *= 2
    this.#used = Math.ceil(this.#used / 2)
    this.#lo = this.#hi = 0
  }
}
