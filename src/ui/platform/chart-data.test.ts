import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim-worker/session'
import type { Frame } from '../../sim-worker/frame'
import {
  asyncQueueData,
  chartData,
  coldRatioData,
  durationData,
  hasAsyncTraffic,
  rateData,
  trackLimits,
  type LimitPoint,
} from './chart-data'

const scenario = {
  version: 1,
  durationSeconds: 60,
  functions: [{ name: 'api', memoryMB: 128, duration: { kind: 'constant', ms: 100 } }],
  traffic: [{ function: 'api', arrivals: { kind: 'constant', ratePerSecond: 20 } }],
}

describe('the concurrency chart', () => {
  it('draws reserved concurrency from the moment it was set, not over the whole run', async () => {
    const session = createSimSession()
    await session.load(scenario)
    let history: LimitPoint[] = []
    const seen = (frame: Frame) => {
      history = trackLimits(history, frame)
      return frame
    }
    seen(await session.advance(10_000))
    const changed = await session.setConfig({ function: 'api', reservedConcurrency: 5 })
    if (changed.ok) seen(changed.frame)
    const frame = seen(await session.advance(10_000))
    expect(history.map((p) => [p.t, p.reserved])).toEqual([
      [0, null],
      [10_000, 5],
    ])
    const [x, concurrency, account, reserved] = chartData(frame, history)
    expect(x.slice(8, 12)).toEqual([8, 9, 10, 11])
    expect(reserved.slice(8, 12)).toEqual([null, null, 5, 5])
    expect(account.slice(8, 12)).toEqual([1000, 1000, 1000, 1000])
    // 20 requests/s of 1,382 ms (100 ms at one vCPU, at 128 MB): about 28 running before.
    expect(Math.max(...(concurrency.slice(5, 9) as number[]))).toBeGreaterThan(20)
    expect(Math.max(...(concurrency.slice(12, 19) as number[]))).toBe(5)
  })

  it('starts the history over after a reset', async () => {
    const session = createSimSession()
    await session.load(scenario)
    const late = await session.advance(30_000)
    const history = trackLimits([], late)
    expect(trackLimits(history, await session.reset())).toEqual([
      { t: 0, account: 1000, reserved: null, provisioned: 0 },
    ])
  })
})

describe('the rate and duration charts', () => {
  it('give requests per second of ended buckets, and duration percentiles', async () => {
    const session = createSimSession()
    await session.load(scenario)
    const frame = await session.advance(20_500)
    const [x, invocations, throttles, errors] = rateData(frame)
    // Buckets of one second: 0 … 19 have ended, 20 is still filling and is left out.
    expect(x.length).toBe(20)
    expect(invocations.slice(5, 19)).toEqual(new Array(14).fill(20))
    expect(Math.max(...(throttles as number[]), ...(errors as number[]))).toBe(0)
    const [, p50, p99] = durationData(frame)
    // 100 ms at one vCPU is 1,382 ms at 128 MB (coarse histogram buckets: within 10%).
    expect(p50[10]).toBeGreaterThan(1382 * 0.9)
    expect(p99[10]).toBeLessThan(1382 * 1.1)
    expect(p50[0]).toBeNull()
  })
})

describe('the cold-start ratio chart', () => {
  it('gives the share of cold starts over a sliding 10 s window, in percent', async () => {
    const session = createSimSession()
    await session.load(scenario)
    const frame = await session.advance(30_500)
    const [x, ratio] = coldRatioData(frame)
    expect(x.length).toBe(30)
    // 20 requests/s of 1,382 ms: 31 environments start in the first 2 s, then all are warm.
    // Invocations count when they end: nothing has ended in the first second.
    const { Invocations, ColdStarts } = frame.snapshot.series.total.values
    expect(ColdStarts.slice(0, 4)).toEqual([0, 10, 20, 1])
    expect(ratio[0]).toBeNull()
    expect(ratio[1]).toBe(100)
    // At 4 s, the window holds 0 … 4 s: 31 cold starts among 73 invocations.
    expect(Invocations.slice(0, 5)).toEqual([0, 10, 22, 21, 20])
    expect(ratio[4]).toBeCloseTo((100 * 31) / 73, 9)
    // At 11 s it slides past the first second; from 13 s on it holds warm starts only.
    expect(ratio[11]).toBeCloseTo((100 * 21) / 203, 9)
    expect(ratio.slice(13)).toEqual(new Array(17).fill(0))
  })
})

describe('the async queue chart', () => {
  const asyncScenario = (reservedConcurrency: number) => ({
    ...scenario,
    functions: [{ ...scenario.functions[0], reservedConcurrency }],
    traffic: [{ ...scenario.traffic[0], invocationType: 'Event' }],
  })

  it('charts the events waiting and the age of the oldest event attempted', async () => {
    const session = createSimSession()
    const loaded = await session.load(asyncScenario(5))
    expect(loaded.ok).toBe(true)
    const frame = await session.advance(20_500)
    expect(hasAsyncTraffic(frame)).toBe(true)
    const [x, depth, age] = asyncQueueData(frame)
    expect(x.length).toBe(20)
    // 20 events/s against 5 environments of 1.4 s: the queue grows, and waits get longer.
    expect(depth[19]).toBeGreaterThan(depth[5] as number)
    expect(depth[19]).toBeGreaterThan(100)
    expect(Math.max(...(age as number[]))).toBeGreaterThan(5)
  })

  it('knows when a run has no async traffic', async () => {
    const session = createSimSession()
    await session.load(scenario)
    const frame = await session.advance(5_000)
    expect(hasAsyncTraffic(frame)).toBe(false)
    expect(hasAsyncTraffic(null)).toBe(false)
    expect(Math.max(...(asyncQueueData(frame)[1] as number[]))).toBe(0)
  })
})
