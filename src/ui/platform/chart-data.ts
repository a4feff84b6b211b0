/**
 * The concurrency chart's columns. Limits change mid-run (a person lowers reserved concurrency
 * at 0:03:50), so the chart keeps when each limit held and draws it as a step, not as today's
 * value over the whole run.
 */
import type uPlot from 'uplot'
import type { Frame } from '../../sim-worker/frame'

/** The limits in force from virtual time `t` (ms) on. */
export interface LimitPoint {
  t: number
  account: number
  reserved: number | null
  provisioned: number
}

function limitsOf(frame: Frame): LimitPoint {
  const fn = frame.snapshot.functions[0]
  return {
    t: frame.now,
    account: frame.snapshot.account.concurrencyLimit,
    reserved: fn?.reservedConcurrency ?? null,
    provisioned: fn?.provisionedConcurrency ?? 0,
  }
}

function same(a: LimitPoint, b: LimitPoint): boolean {
  return a.account === b.account && a.reserved === b.reserved && a.provisioned === b.provisioned
}

/**
 * The history with this frame's limits appended if they changed. A frame earlier than the last
 * point means the run was reset: the history starts over.
 */
export function trackLimits(history: LimitPoint[], frame: Frame): LimitPoint[] {
  const point = limitsOf(frame)
  const last = history[history.length - 1]
  if (last === undefined || frame.now < last.t) return [{ ...point, t: 0 }]
  return same(last, point) ? history : [...history, point]
}

/** Seconds, concurrency, and the account, reserved and provisioned limits of each bucket. */
export function chartData(frame: Frame, history: LimitPoint[]): uPlot.AlignedData {
  const series = frame.snapshot.series.total
  const concurrency = series.values.ConcurrentExecutions
  const x: number[] = []
  const account: (number | null)[] = []
  const reserved: (number | null)[] = []
  const provisioned: (number | null)[] = []
  let k = 0
  for (let i = 0; i < concurrency.length; i++) {
    const startMs = (series.firstBucket + i) * series.bucketMs
    while (k + 1 < history.length && (history[k + 1]?.t ?? Infinity) <= startMs) k++
    const limits = history[k]
    x.push(startMs / 1000)
    account.push(limits?.account ?? null)
    reserved.push(limits?.reserved ?? null)
    provisioned.push(limits?.provisioned || null)
  }
  return [x, concurrency, account, reserved, provisioned]
}

/** Buckets that have ended (the current one is still filling and would read as a drop). */
function ended(frame: Frame): number {
  const series = frame.snapshot.series.total
  const length = series.values.Invocations.length
  const lastEnd = (series.firstBucket + length) * series.bucketMs
  return lastEnd > frame.now && !frame.finished ? length - 1 : length
}

/** Seconds, then invocations, throttles, errors and cold starts per second of each bucket. */
export function rateData(frame: Frame): uPlot.AlignedData {
  const series = frame.snapshot.series.total
  const n = ended(frame)
  const perSecond = (values: number[]) =>
    values.slice(0, n).map((v) => v / (series.bucketMs / 1000))
  const x = Array.from({ length: n }, (_, i) => ((series.firstBucket + i) * series.bucketMs) / 1000)
  const v = series.values
  return [
    x,
    perSecond(v.Invocations),
    perSecond(v.Throttles),
    perSecond(v.Errors),
    perSecond(v.ColdStarts),
  ]
}

/** Seconds, then the p50 and p99 duration of each bucket, ms (gaps where nothing ended). */
export function durationData(frame: Frame): uPlot.AlignedData {
  const series = frame.snapshot.series.total
  const n = ended(frame)
  const gaps = (values: number[]) => values.slice(0, n).map((v) => (v > 0 ? v : null))
  const x = Array.from({ length: n }, (_, i) => ((series.firstBucket + i) * series.bucketMs) / 1000)
  return [x, gaps(series.durationP50), gaps(series.durationP99)]
}

/** The cold-start ratio's sliding window, virtual seconds (named in the chart's title). */
export const ColdRatioWindowSeconds = 10

/**
 * Seconds, then the share of invocations that were cold starts, in percent, over the sliding
 * window of the last {@link ColdRatioWindowSeconds} that ends with each bucket (a per-second
 * ratio jumps between 0 and 100 % at low rates). Null where nothing ran in the window.
 */
export function coldRatioData(frame: Frame): uPlot.AlignedData {
  const series = frame.snapshot.series.total
  const n = ended(frame)
  const span = Math.max(1, Math.round((ColdRatioWindowSeconds * 1000) / series.bucketMs))
  const invocations = series.values.Invocations
  const cold = series.values.ColdStarts
  const x: number[] = new Array(n)
  const ratio: (number | null)[] = new Array(n)
  let runs = 0
  let colds = 0
  for (let i = 0; i < n; i++) {
    runs += invocations[i] ?? 0
    colds += cold[i] ?? 0
    if (i >= span) {
      runs -= invocations[i - span] ?? 0
      colds -= cold[i - span] ?? 0
    }
    x[i] = ((series.firstBucket + i) * series.bucketMs) / 1000
    ratio[i] = runs > 0 ? (100 * colds) / runs : null
  }
  return [x, ratio]
}

/** True once the run has asynchronous traffic (events received, or some in the queue). */
export function hasAsyncTraffic(frame: Frame | null): boolean {
  if (frame === null) return false
  if (frame.snapshot.asyncInQueue > 0) return true
  return frame.snapshot.series.total.values.AsyncEventsReceived.some((v) => v > 0)
}

/**
 * Seconds, then the async events waiting in the queue (highest in each bucket) and the age of
 * the oldest event attempted in each bucket, seconds (CloudWatch's AsyncEventAge).
 */
export function asyncQueueData(frame: Frame): uPlot.AlignedData {
  const series = frame.snapshot.series.total
  const n = ended(frame)
  const x = Array.from({ length: n }, (_, i) => ((series.firstBucket + i) * series.bucketMs) / 1000)
  const depth = series.values.AsyncQueueDepth.slice(0, n)
  const age = series.values.AsyncEventAge.slice(0, n).map((ms) => ms / 1000)
  return [x, depth, age]
}
