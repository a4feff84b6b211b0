import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts, invoked } from '../testing'
import { MemoryPeak } from './memory-peak'

afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

/** A peak over fake sources: the test sets the heap, the exact count and the wall clock. */
function fakePeak() {
  const state = { heap: 16, used: 5, wall: 0, readCost: 1 }
  const peak = new MemoryPeak({
    heapBytes: () => state.heap,
    usedBytes: () => {
      state.wall += state.readCost
      return state.used
    },
    wallNow: () => state.wall,
  })
  return { state, peak }
}

describe('MemoryPeak: Max Memory Used as a high-water mark of exact readings', () => {
  it('reads exactly at first, then skips while the heap stays and little time passed', () => {
    const { state, peak } = fakePeak()
    expect([peak.sample(), peak.exactReadings]).toEqual([5, 1])
    state.used = 9 // grew inside the heap it already had
    state.wall += 10 // 10 < 50 × the 1 ms reading
    expect([peak.sample(), peak.exactReadings]).toEqual([5, 1])
  })

  it('reads exactly when the wasm heap grew since the last reading', () => {
    const { state, peak } = fakePeak()
    peak.sample()
    state.heap = 32
    state.used = 20
    expect([peak.sample(), peak.exactReadings]).toEqual([20, 2])
  })

  it('reads exactly once 50 times the last reading’s cost has passed', () => {
    const { state, peak } = fakePeak()
    peak.sample() // costs 1 ms, ends at wall 1
    state.used = 7
    state.wall = 50
    expect(peak.sample()).toBe(5)
    state.wall = 51
    expect([peak.sample(), peak.exactReadings]).toEqual([7, 2])
  })

  it('reads exactly at least every 64 phases, however fast they come', () => {
    const { state, peak } = fakePeak()
    peak.sample()
    state.used = 8
    for (let i = 1; i < 64; i++) expect(peak.sample()).toBe(5)
    expect([peak.sample(), peak.exactReadings]).toEqual([8, 2])
  })

  it('never goes down, and an unreadable count leaves the peak as it was', () => {
    const { state, peak } = fakePeak()
    peak.sample()
    state.heap = 32
    state.used = 2
    expect(peak.sample()).toBe(5)
    const unreadable = new MemoryPeak({
      heapBytes: () => 16,
      usedBytes: () => undefined,
      wallNow: () => 0,
    })
    expect([unreadable.sample(), unreadable.exactReadings, unreadable.peakBytes]).toEqual([0, 0, 0])
  })
})

describe('Max Memory Used in REPORT', () => {
  it('follows a warm invocation that keeps 40 MB alive (the heap grows: read exactly)', async () => {
    const host = await deployed(
      'const kept = []\nexport const handler = async (e) => { if (e.grow) kept.push("x".repeat(40 * 1024 * 1024)); return kept.length }',
      { memoryMB: 256 },
    )
    const small = await invoked(host)
    const grown = await invoked(host, { grow: true })
    expect(small.maxMemoryUsedMB).toBeLessThan(5)
    expect(grown.maxMemoryUsedMB).toBeGreaterThanOrEqual(40)
    expect(grown.logLines.find((l) => l.startsWith('REPORT'))).toContain(
      `Max Memory Used: ${grown.maxMemoryUsedMB} MB`,
    )
  })
})
