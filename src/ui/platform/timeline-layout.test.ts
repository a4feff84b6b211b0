import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim-worker/session'
import { barAt, layoutTimeline } from './timeline-layout'

describe('the timeline', () => {
  it('puts each invocation in its environment’s lane, cold starts with their INIT first', () => {
    const session = createSimSession()
    session.load({
      version: 1,
      durationSeconds: 10,
      functions: [{ name: 'api', memoryMB: 1769, duration: { kind: 'constant', ms: 300 } }],
      traffic: [{ function: 'api', arrivals: { kind: 'constant', ratePerSecond: 5 } }],
    })
    const frame = session.advance(5000)
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

  it('gives the lanes to the most recently used environments', () => {
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
})
