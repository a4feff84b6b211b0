import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim-worker/session'
import { barAt, barOf, layoutTimeline, moveFocus, placeOf } from './timeline-layout'

describe('the timeline', () => {
  it('puts each invocation in its environment’s lane, cold starts with their INIT first', async () => {
    const session = createSimSession()
    await session.load({
      version: 1,
      durationSeconds: 10,
      functions: [{ name: 'api', memoryMB: 1769, duration: { kind: 'constant', ms: 300 } }],
      traffic: [{ function: 'api', arrivals: { kind: 'constant', ratePerSecond: 5 } }],
    })
    const frame = await session.advance(5000)
    const layout = layoutTimeline(frame.snapshot.spans, frame.now, 10)
    // 5 requests/s of 300 ms (the first ones longer: INIT): a few environments take turns.
    expect(layout.lanes.length).toBeGreaterThan(1)
    expect(layout.lanes.length).toBeLessThan(5)
    expect(layout.hiddenLanes).toBe(0)
    for (const lane of layout.lanes) {
      // Each started cold, and serves one invocation at a time.
      expect(lane.bars[0]?.cold).toBe(true)
      for (let i = 1; i < lane.bars.length; i++)
        expect(lane.bars[i]!.initStart).toBeGreaterThanOrEqual(lane.bars[i - 1]!.end)
    }
    expect(layout.to).toBe(5000)
    const first = layout.lanes[0]?.bars[0]
    expect(first?.cold).toBe(true)
    expect(first && first.runStart > first.initStart).toBe(true)
    expect(first && first.end - first.runStart).toBe(300)
    const warm = layout.lanes[0]?.bars[1]
    expect(warm && [warm.cold, warm.runStart - warm.initStart]).toEqual([false, 0])
    expect(barAt(layout, 0, ((first?.runStart ?? 0) + (first?.end ?? 0)) / 2)).toBe(first)
  })

  it('gives the lanes to the most recently used environments', async () => {
    const span = (environmentId: number, end: number) => ({
      function: 'api',
      environmentId,
      requestId: `r${environmentId}`,
      queuedAt: end - 10,
      initStart: end - 10,
      runStart: end - 10,
      end,
      cold: false,
      outcome: 'success' as const,
    })
    const layout = layoutTimeline([span(1, 100), span(2, 50), span(3, 200)], 300, 2)
    expect(layout.lanes.map((l) => l.environmentId)).toEqual([1, 3])
    expect(layout.hiddenLanes).toBe(1)
    expect([layout.from, layout.to]).toEqual([40, 300])
  })

  it('marks async attempts after a wait as retries, and throttles inside the window', async () => {
    const session = createSimSession()
    await session.load({
      version: 1,
      durationSeconds: 30,
      functions: [
        {
          name: 'worker',
          memoryMB: 1769,
          reservedConcurrency: 1,
          duration: { kind: 'constant', ms: 3000 },
        },
      ],
      traffic: [
        {
          function: 'worker',
          invocationType: 'Event',
          arrivals: { kind: 'list', seconds: [0, 0] },
        },
      ],
    })
    // The second event is throttled at 0 s, 1 s and 3 s, then runs after the first at 7 s.
    const frame = await session.advance(12_000)
    const layout = layoutTimeline(
      frame.snapshot.spans,
      frame.now,
      10,
      frame.snapshot.notableExplanations,
      frame.snapshot.series.total,
    )
    const bars = layout.lanes.flatMap((lane) => lane.bars)
    expect(bars.map((b) => [b.retry, b.queuedAt, Math.round(b.initStart / 1000)])).toEqual([
      [false, 0, 0],
      [true, 0, 7],
    ])
    expect(layout.throttles).toEqual([0, 1000, 3000])
    // The series counts them per second, beyond the decisions a frame carries.
    expect(layout.throttleBuckets).toEqual([
      { from: 0, to: 1000, count: 1 },
      { from: 1000, to: 2000, count: 1 },
      { from: 3000, to: 4000, count: 1 },
    ])
  })

  it('moves keyboard focus along a lane, across lanes at the nearest time, and finds it again', async () => {
    const bar = (environmentId: number, initStart: number) => ({
      function: 'api',
      environmentId,
      requestId: `r${environmentId}-${initStart}`,
      queuedAt: initStart,
      initStart,
      runStart: initStart,
      end: initStart + 10,
      cold: false,
      outcome: 'success' as const,
    })
    const layout = layoutTimeline(
      [bar(1, 0), bar(1, 20), bar(1, 40), bar(2, 5), bar(2, 38)],
      100,
      5,
    )
    // Nothing focused yet: the newest bar of the first lane.
    const first = moveFocus(layout, null, 'Enter')
    expect(barOf(layout, first)?.requestId).toBe('r1-40')
    const left = moveFocus(layout, first, 'ArrowLeft')
    expect(barOf(layout, left)?.requestId).toBe('r1-20')
    expect(barOf(layout, moveFocus(layout, left, 'Home'))?.requestId).toBe('r1-0')
    // Down from the bar at 20–30 ms: lane 2's bar nearest in time (5–15 ms).
    const down = moveFocus(layout, left, 'ArrowDown')
    expect(barOf(layout, down)?.requestId).toBe('r2-5')
    expect(moveFocus(layout, down, 'ArrowDown')).toEqual(down)
    expect(barOf(layout, moveFocus(layout, down, 'End'))?.requestId).toBe('r2-38')
    // A later frame finds the focused attempt by request id and start.
    expect(placeOf(layout, { requestId: 'r2-5', initStart: 5 })).toEqual(down)
    expect(placeOf(layout, { requestId: 'r2-5', initStart: 6 })).toBeNull()
    expect(moveFocus(layoutTimeline([], 0, 5), null, 'ArrowLeft')).toBeNull()
  })
})
