import { describe, expect, it } from 'vitest'
import { createMeter } from './billing/meter'
import { createSimulation } from './simulation'
import { testFunction, testScenario } from './platform/testing'
import { BillingViews } from './snapshot-billing'

const HOUR = 3_600_000

function hourOfThreeRequests(freeTier: boolean) {
  const s = testScenario([testFunction('api')], [{ function: 'api', seconds: [1, 2, 3] }])
  s.pricing = { model: 'current', freeTier }
  const sim = createSimulation(s)
  sim.run()
  return sim
}

describe('snapshot billing', () => {
  it('given three requests in an hour without free tier, carries the INIT share and the month', () => {
    const sim = hourOfThreeRequests(false)
    const { now, cost, billing } = sim.snapshot()
    expect(now).toBe(HOUR)
    // One cold start (100 ms INIT billed) and three 100 ms runs: INIT is a quarter of compute.
    expect(billing.initShareOfCompute).toBeCloseTo(0.25, 6)
    expect(billing.initUsd).toBeCloseTo(cost.usd.compute / 4, 12)
    expect(billing.costPerMillionInvocations).toBeCloseTo((cost.usd.total / 3) * 1e6, 6)
    expect(billing.freeTier.applied).toBe(false)
    // The hour scaled to 730 hours: 3 × 730 requests, and without free tier 730 × the money.
    expect(billing.monthly?.requests).toBe(2190)
    expect(billing.monthly?.spanMs).toBe(HOUR)
    expect(billing.monthly?.usd.total).toBeCloseTo(cost.usd.total * 730, 9)
  })

  it('given the free tier, reports how much of it the run and the month use', () => {
    const sim = hourOfThreeRequests(true)
    const { cost, billing } = sim.snapshot()
    expect(cost.usd.total).toBe(0)
    expect(billing.freeTier).toMatchObject({
      applied: true,
      requests: 3,
      requestsLimit: 1_000_000,
      gbSecondsLimit: 400_000,
    })
    expect(billing.freeTier.gbSeconds).toBeCloseTo(cost.gbSeconds, 9)
    expect(billing.monthly?.freeTier).toMatchObject({ applied: true, requests: 2190 })
    expect(billing.monthly?.usd.total).toBe(0)
  })

  it('projects Provisioned Concurrency still configured (open periods) from the live bill', () => {
    const s = testScenario([testFunction('api')], [], { durationSeconds: 7200 })
    const sim = createSimulation(s)
    sim.setConfig({ function: 'api', provisionedConcurrency: 2 })
    sim.run({ until: HOUR })
    const { cost, billing } = sim.snapshot()
    expect(cost.usd.provisioned).toBeGreaterThan(0)
    expect(billing.monthly?.usd.provisioned).toBeCloseTo(cost.usd.provisioned * 730, 6)
    expect(billing.monthly?.usd.total).toBeCloseTo(cost.usd.total * 730, 6)
  })

  it('has no projection before virtual time has passed', () => {
    const sim = createSimulation(testScenario([testFunction('api')], []))
    expect(sim.snapshot().billing.monthly).toBeNull()
  })

  it('prices the month again only when the clock or the bill moved', () => {
    const meter = createMeter({ model: 'current', freeTier: false })
    let pricings = 0
    const views = new BillingViews((span) => {
      pricings++
      return meter.projectMonthly(span)
    })
    const charge = {
      function: 'api',
      architecture: 'x86_64' as const,
      memoryMB: 128,
      durationMs: 10,
      ephemeralStorageMB: 512,
      onProvisioned: false,
    }
    meter.recordInvocation(charge)
    const first = views.view(meter.report(), 1000)
    views.view(meter.report(), 1000)
    expect(pricings).toBe(1)
    meter.recordInvocation(charge)
    const second = views.view(meter.report(), 1000)
    expect(pricings).toBe(2)
    expect(second.monthly?.requests).toBe(2 * (first.monthly?.requests ?? 0))
    views.view(meter.report(), 2000)
    expect(pricings).toBe(3)
  })
})
