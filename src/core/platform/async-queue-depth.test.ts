import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { testFunction, testScenario } from './testing'

const event = (seconds: number[]) => ({ function: 'worker', type: 'Event' as const, seconds })

describe('the async queue depth series', () => {
  it('counts events waiting between attempts, per second, and nothing for events that run', () => {
    // Reserved 1 and 10 s runs: of three events at 0 s, one runs and two wait (1, 2, 4, 8 s
    // backoff); the second runs at 15 s, the third at 31 s (its backoff reached 16 s).
    const fn = testFunction('worker', {
      reservedConcurrency: 1,
      duration: { kind: 'constant', ms: 10_000 },
      timeoutSeconds: 60,
    })
    const sim = createSimulation(testScenario([fn], [event([0, 0, 0])], { durationSeconds: 60 }))
    sim.run()
    expect(sim.invoker.waiting).toBe(0)
    const depth = sim.snapshot().series.total.values.AsyncQueueDepth
    // A bucket reads the highest depth it saw: 15 s starts with two waiting, 31 s with one.
    expect(depth.slice(0, 16)).toEqual(new Array(16).fill(2))
    expect(depth.slice(16, 32)).toEqual(new Array(16).fill(1))
    expect(depth.length).toBeGreaterThan(40)
    expect(depth.slice(32).every((d) => d === 0)).toBe(true)
    expect(sim.snapshot().series.functions.worker?.values.AsyncQueueDepth.slice(0, 31)).toEqual(
      depth.slice(0, 31),
    )
  })

  it('stays at zero for synchronous traffic and for async events that never wait', () => {
    const fn = testFunction('worker')
    const sim = createSimulation(
      testScenario([fn], [event([0, 1, 2]), { function: 'worker', seconds: [3] }]),
    )
    sim.run()
    const series = sim.snapshot().series.total
    expect(series.values.AsyncEventsReceived.reduce((a, b) => a + b)).toBe(3)
    expect(Math.max(...series.values.AsyncQueueDepth)).toBe(0)
  })
})
