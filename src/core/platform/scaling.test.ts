import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { LegacyBurst, TokenBucket } from './scaling'
import { testFunction, testScenario } from './testing'

const long = { duration: { kind: 'constant' as const, ms: 600_000 }, timeoutSeconds: 900 }

describe('scaling rate, current model (token bucket: 1,000, refilled at 100/s)', () => {
  it('creates 1,000 environments at once, then 100 per second', () => {
    const fn = testFunction('api', long)
    const sim = createSimulation(
      testScenario(
        [fn],
        [
          {
            function: 'api',
            seconds: [...Array(1200).fill(0), ...Array(150).fill(1), ...Array(60).fill(1.5)],
          },
        ],
        { account: { concurrencyLimit: 5000 } },
      ),
      { explanationCapacity: 10 },
    )
    sim.run({ until: 1 })
    expect(sim.report()).toMatchObject({ throttles: 200 })
    expect(sim.snapshot().total.busy).toBe(1000)
    // At 1.0 s the bucket holds 100 new tokens: 100 more environments, 50 throttled.
    sim.run({ until: 1001 })
    expect(sim.report().throttles).toBe(250)
    expect(sim.snapshot().total.busy).toBe(1100)
    // 0.5 s later: 50 tokens for 60 requests.
    sim.run({ until: 1501 })
    expect(sim.report().throttles).toBe(260)
    expect(sim.snapshot().total.busy).toBe(1150)
    expect(sim.snapshot({ explanations: 1 }).explanations[0]?.text).toMatch(
      /^throttled: scaling rate 1,000 new environments per 10 s exhausted \(0\.\d left\)$/,
    )
  })

  it('does not accrue unused rate beyond 1,000 tokens', () => {
    const bucket = new TokenBucket()
    expect(bucket.available(0)).toBe(1000)
    for (let i = 0; i < 1000; i++) bucket.take(0)
    expect(bucket.take(0)).toBe(false)
    expect(bucket.available(5_000)).toBe(500)
    expect(bucket.available(60_000)).toBe(1000)
  })
})

describe('scaling rate, legacy model (account burst, then +500 per minute)', () => {
  it('allows the burst at once, then 500 more each full minute', () => {
    const fn = testFunction('api', long)
    const sim = createSimulation(
      testScenario(
        [fn],
        [{ function: 'api', seconds: [...Array(1100).fill(0), 59.999, ...Array(600).fill(60)] }],
        { account: { concurrencyLimit: 10_000, scalingModel: 'legacy', burst: 500 } },
      ),
      { explanationCapacity: 10 },
    )
    sim.run({ until: 1 })
    expect(sim.snapshot().total.busy).toBe(500)
    expect(sim.report().throttles).toBe(600)
    expect(sim.snapshot({ explanations: 1 }).explanations[0]?.text).toBe(
      'throttled: legacy scaling ceiling of 500 concurrent environments reached',
    )
    sim.run({ until: 60_000 })
    expect(sim.report().throttles).toBe(601)
    sim.run({ until: 60_001 })
    expect(sim.snapshot().total.busy).toBe(1000)
    expect(sim.report().throttles).toBe(701)
  })

  it('falls back to the burst once concurrency drops below it', () => {
    const burst = new LegacyBurst(10)
    for (let busy = 0; busy < 10; busy++) expect(burst.allow(0, busy)).toBe(true)
    expect(burst.allow(0, 10)).toBe(false)
    expect(burst.ceiling(120_000, 10)).toBe(1010)
    expect(burst.ceiling(130_000, 3)).toBe(10)
  })
})
