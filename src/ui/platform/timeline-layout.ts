/**
 * The timeline's geometry in virtual time: one lane per execution environment seen in the
 * recent spans, each invocation a bar with its INIT segment (cold starts) and its run segment.
 * Pure, so the drawing (a canvas) stays a thin loop.
 */
import type { Explanation, SeriesData, Span } from '../../core'

/** One invocation's bar, virtual ms. */
export interface Bar {
  function: string
  environmentId: number
  requestId: string
  /** When the request reached Lambda (an async event: when it was first queued). */
  queuedAt: number
  initStart: number
  runStart: number
  end: number
  cold: boolean
  outcome: Span['outcome']
  /**
   * An attempt that started after its request waited in the async queue: a retry after a
   * throttle or a function error (synchronous and first attempts start when they arrive).
   */
  retry: boolean
}

export interface Lane {
  environmentId: number
  bars: Bar[]
}

export interface TimelineLayout {
  /** The window, virtual ms. */
  from: number
  to: number
  lanes: Lane[]
  /** Environments in the window beyond the lanes drawn. */
  hiddenLanes: number
  /** When requests were throttled inside the window (recent decisions only), virtual ms. */
  throttles: number[]
  /** The series' buckets in the window that had throttles (all of them, coarser in time). */
  throttleBuckets: { from: number; to: number; count: number }[]
}

/**
 * Lays out `spans` (oldest first) over the window that they cover, up to `now`. Running
 * invocations are not spans yet: they appear when they end. The most recently used
 * environments get the lanes when there are more than `maxLanes`.
 */
export function layoutTimeline(
  spans: readonly Span[],
  now: number,
  maxLanes: number,
  decisions: readonly Explanation[] = [],
  series?: SeriesData,
): TimelineLayout {
  const byEnv = new Map<number, Lane>()
  const lastUse = new Map<number, number>()
  let from = now
  for (const span of spans) {
    from = Math.min(from, span.initStart)
    let lane = byEnv.get(span.environmentId)
    if (lane === undefined) {
      lane = { environmentId: span.environmentId, bars: [] }
      byEnv.set(span.environmentId, lane)
    }
    lane.bars.push({
      function: span.function,
      environmentId: span.environmentId,
      requestId: span.requestId,
      queuedAt: span.queuedAt,
      initStart: span.initStart,
      runStart: span.runStart,
      end: span.end,
      cold: span.cold,
      outcome: span.outcome,
      retry: span.initStart > span.queuedAt,
    })
    lastUse.set(span.environmentId, Math.max(lastUse.get(span.environmentId) ?? 0, span.end))
  }
  const recent = [...byEnv.values()]
    .sort((a, b) => (lastUse.get(b.environmentId) ?? 0) - (lastUse.get(a.environmentId) ?? 0))
    .slice(0, maxLanes)
    .sort((a, b) => a.environmentId - b.environmentId)
  const to = Math.max(now, from + 1)
  const throttles: number[] = []
  for (const d of decisions)
    if (d.code.startsWith('Throttle') && d.t >= from && d.t <= to) throttles.push(d.t)
  return {
    from,
    to,
    lanes: recent,
    hiddenLanes: byEnv.size - recent.length,
    throttles,
    throttleBuckets: series === undefined ? [] : throttleBucketsOf(series, from, to),
  }
}

/** The buckets of `series` that overlap [from, to] and counted throttles. */
function throttleBucketsOf(series: SeriesData, from: number, to: number) {
  const out: TimelineLayout['throttleBuckets'] = []
  const counts = series.values.Throttles
  const first = Math.max(0, Math.floor(from / series.bucketMs) - series.firstBucket)
  for (let i = first; i < counts.length; i++) {
    const start = (series.firstBucket + i) * series.bucketMs
    if (start > to) break
    const count = counts[i] ?? 0
    if (count > 0) out.push({ from: start, to: start + series.bucketMs, count })
  }
  return out
}

/** The bar at virtual time `t` in lane `index`, if any (for hover). */
export function barAt(layout: TimelineLayout, index: number, t: number): Bar | undefined {
  return layout.lanes[index]?.bars.find((bar) => t >= bar.initStart && t <= bar.end)
}

/** Where a bar is: its lane and its place in the lane. */
export interface BarPlace {
  lane: number
  index: number
}

/** Names one attempt: a retried async event has several bars with the same request id. */
export interface BarKey {
  requestId: string
  initStart: number
}

/** The place of the bar named by `key` in this layout, or null once it left the window. */
export function placeOf(layout: TimelineLayout, key: BarKey | null): BarPlace | null {
  if (key === null) return null
  for (let lane = 0; lane < layout.lanes.length; lane++) {
    const bars = layout.lanes[lane]?.bars ?? []
    for (let index = bars.length - 1; index >= 0; index--) {
      const bar = bars[index]
      if (bar?.requestId === key.requestId && bar.initStart === key.initStart)
        return { lane, index }
    }
  }
  return null
}

/** The bar at `place`, if any. */
export function barOf(layout: TimelineLayout, place: BarPlace | null): Bar | undefined {
  return place === null ? undefined : layout.lanes[place.lane]?.bars[place.index]
}

/**
 * Keyboard focus among the bars: ←/→ the previous or next invocation of the lane, ↑/↓ the
 * neighbouring lane (at the nearest time), Home/End the lane's first or last. With nothing
 * focused yet, any key picks the newest bar of the first lane. Null when there is no bar.
 */
export function moveFocus(
  layout: TimelineLayout,
  from: BarPlace | null,
  key: string,
): BarPlace | null {
  const lanes = layout.lanes
  const lastOf = (lane: number) => (lanes[lane]?.bars.length ?? 0) - 1
  if (lanes.length === 0) return null
  if (from === null || barOf(layout, from) === undefined) return { lane: 0, index: lastOf(0) }
  const { lane, index } = from
  switch (key) {
    case 'ArrowLeft':
      return { lane, index: Math.max(0, index - 1) }
    case 'ArrowRight':
      return { lane, index: Math.min(lastOf(lane), index + 1) }
    case 'Home':
      return { lane, index: 0 }
    case 'End':
      return { lane, index: lastOf(lane) }
    case 'ArrowUp':
    case 'ArrowDown': {
      const next = Math.min(lanes.length - 1, Math.max(0, lane + (key === 'ArrowUp' ? -1 : 1)))
      if (next === lane) return from
      return { lane: next, index: nearest(lanes[next]?.bars ?? [], barOf(layout, from)) }
    }
    default:
      return from
  }
}

/** The index of the bar of `bars` nearest in time to `to`'s middle. */
function nearest(bars: readonly Bar[], to: Bar | undefined): number {
  const mid = to === undefined ? 0 : (to.initStart + to.end) / 2
  let best = 0
  for (let i = 1; i < bars.length; i++) {
    const d = (b: Bar | undefined) => Math.abs(((b?.initStart ?? 0) + (b?.end ?? 0)) / 2 - mid)
    if (d(bars[i]) < d(bars[best])) best = i
  }
  return best
}
