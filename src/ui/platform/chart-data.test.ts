import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim-worker/session'
import type { Frame } from '../../sim-worker/frame'
import { chartData, durationData, rateData, trackLimits, type LimitPoint } from './chart-data'

const scenario = {
  version: 1,
  durationSeconds: 60,
  functions: [{ name: 'api', memoryMB: 128, duration: { kind: 'constant', ms: 100 } }],
  traffic: [{ function: 'api', arrivals: { kind: 'constant', ratePerSecond: 20 } }],
}

describe('the concurrency chart', () => {
  it('draws reserved concurrency from the moment it was set, not over the whole run', () => {
    const session = createSimSession()
    session.load(scenario)
    let history: LimitPoint[] = []
    const seen = (frame: Frame) => {
      history = trackLimits(history, frame)
      return frame
    }
    seen(session.advance(10_000))
    const changed = session.setConfig({ function: 'api', reservedConcurrency: 5 })
    if (changed.ok) seen(changed.frame)
    const frame = seen(session.advance(10_000))
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

  it('starts the history over after a reset', () => {
    const session = createSimSession()
    session.load(scenario)
    const late = session.advance(30_000)
    const history = trackLimits([], late)
    expect(trackLimits(history, session.reset())).toEqual([
      { t: 0, account: 1000, reserved: null, provisioned: 0 },
    ])
  })
})

describe('the rate and duration charts', () => {
  it('give requests per second of ended buckets, and duration percentiles', () => {
    const session = createSimSession()
    session.load(scenario)
    const frame = session.advance(20_500)
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
