import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { testFunction, testScenario } from './testing'

// 1 × 1,024 MB of Provisioned Concurrency costs $0.0000041667 per second (reference §1.1).
const PER_SECOND = 0.0000041667

describe('provisioned concurrency periods on the bill', () => {
  it('bills a period still open at the end up to the scenario end, not the drain after it', () => {
    // A 10-minute scenario whose last request (at 599.9 s, 1 s long) ends after the scenario.
    const fn = testFunction('api', {
      memoryMB: 1024,
      provisionedConcurrency: 1,
      duration: { kind: 'constant', ms: 1000 },
    })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [599.9] }], { durationSeconds: 600 }),
    )
    sim.run()
    expect(sim.now).toBeGreaterThan(600_000)
    // 600 s, exactly 10 minutes: not rounded up to 15 because the run drained 1.6 s longer.
    expect(sim.report().billing.usd.provisioned).toBeCloseTo(600 * PER_SECOND, 12)
  })

  it('records a period that ends mid-run rounded up to 5 minutes, and the next one from then', () => {
    const fn = testFunction('api', { memoryMB: 1024, provisionedConcurrency: 2 })
    const sim = createSimulation(testScenario([fn], [], { durationSeconds: 1800 }))
    sim.run({ until: 60_000 })
    // After 1 minute: 2 × 1 GB × 1 min is billed as 5 minutes.
    sim.setConfig({ function: 'api', provisionedConcurrency: 1 })
    expect(sim.report().billing.usd.provisioned).toBeCloseTo(2 * 300 * PER_SECOND, 12)
    sim.run()
    // Then 1 × 1 GB from 60 s to the end at 1,800 s: 29 minutes, billed as 30.
    expect(sim.report().billing.usd.provisioned).toBeCloseTo(
      2 * 300 * PER_SECOND + 1 * 1800 * PER_SECOND,
      12,
    )
  })

  it('bills a change made after the scenario end as nothing more', () => {
    const fn = testFunction('api', { memoryMB: 1024, provisionedConcurrency: 1 })
    const sim = createSimulation(testScenario([fn], [], { durationSeconds: 300 }))
    sim.run({ until: 400_000 })
    sim.setConfig({ function: 'api', provisionedConcurrency: 3 })
    sim.run({ until: 900_000 })
    expect(sim.report().billing.usd.provisioned).toBeCloseTo(300 * PER_SECOND, 12)
  })
})
