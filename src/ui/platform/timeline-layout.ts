/**
 * The timeline's geometry in virtual time: one lane per execution environment seen in the
 * recent spans, each invocation a bar with its INIT segment (cold starts) and its run segment.
 * Pure, so the drawing (a canvas) stays a thin loop.
 */
import type { Span } from '../../core'

/** One invocation's bar, virtual ms. */
export interface Bar {
  requestId: string
  initStart: number
  runStart: number
  end: number
  cold: boolean
  outcome: Span['outcome']
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
      requestId: span.requestId,
      initStart: span.initStart,
      runStart: span.runStart,
      end: span.end,
      cold: span.cold,
      outcome: span.outcome,
    })
    lastUse.set(span.environmentId, Math.max(lastUse.get(span.environmentId) ?? 0, span.end))
  }
  const recent = [...byEnv.values()]
    .sort((a, b) => (lastUse.get(b.environmentId) ?? 0) - (lastUse.get(a.environmentId) ?? 0))
    .slice(0, maxLanes)
    .sort((a, b) => a.environmentId - b.environmentId)
  return {
    from,
    to: Math.max(now, from + 1),
    lanes: recent,
    hiddenLanes: byEnv.size - recent.length,
  }
}

/** The bar at virtual time `t` in lane `index`, if any (for hover). */
export function barAt(layout: TimelineLayout, index: number, t: number): Bar | undefined {
  return layout.lanes[index]?.bars.find((bar) => t >= bar.initStart && t <= bar.end)
}
