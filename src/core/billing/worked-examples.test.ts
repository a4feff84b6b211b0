/**
 * The AWS Lambda pricing page's worked examples (us-east-1), reproduced through the meter.
 * Reference §1.1 rules ("Rounding in AWS examples"): the page rounds each component to the
 * cent, so each of our unrounded components must be within ±$0.005 of the page's figure.
 */
import { describe, expect, it } from 'vitest'
import { createMeter, type InvocationCharge } from './meter'

const HOUR = 3_600_000
const near = (actual: number, page: number) => expect(Math.abs(actual - page)).toBeLessThan(0.005)

function charge(over: Partial<InvocationCharge>): InvocationCharge {
  return {
    function: 'fn',
    memoryMB: 1536,
    architecture: 'x86_64',
    durationMs: 120,
    onProvisioned: false,
    ephemeralStorageMB: 512,
    ...over,
  }
}

describe('pricing page, on-demand examples (current model)', () => {
  it('Example 1, mobile backend: 3M requests × 120 ms at 1536 MB with the free tier → $2.33 + $0.40 = $2.73', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordInvocation(charge({ count: 3_000_000 }))
    const bill = meter.report()

    expect(bill.gbSeconds).toBe(540_000)
    expect(bill.freeTier).toMatchObject({ requests: 1_000_000, gbSeconds: 400_000 })
    near(bill.usd.compute, 2.33)
    near(bill.usd.requests, 0.4)
    near(bill.usd.total, 2.73)
    expect(bill.usd.provisioned).toBe(0)
  })

  it('Example 2, telemetry: 7.44M × 2 s at 1024 MB, no free tier on the page → $1.49 + $248.00 = $249.49', () => {
    const meter = createMeter({ model: 'current', freeTier: false })
    meter.recordInvocation(charge({ memoryMB: 1024, durationMs: 2000, count: 7_440_000 }))
    const bill = meter.report()

    expect(bill.gbSeconds).toBe(14_880_000)
    near(bill.usd.requests, 1.49)
    near(bill.usd.compute, 248.0)
    near(bill.usd.total, 249.49)
  })

  it('Example 3, NLP with 2048 MB of /tmp: 6M × 280 ms at 4096 MB → $105.33 + $1 + $0.08 (ephemeral) = $106.41', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordInvocation(
      charge({ memoryMB: 4096, durationMs: 280, ephemeralStorageMB: 2048, count: 6_000_000 }),
    )
    const bill = meter.report()

    expect(bill.gbSeconds).toBe(6_720_000)
    expect(bill.ephemeralGbSeconds).toBe(2_520_000)
    near(bill.computeUsd.onDemandDuration, 105.33)
    near(bill.usd.requests, 1)
    near(bill.computeUsd.ephemeral, 0.08)
    near(bill.usd.total, 106.41)
  })
})

describe('pricing page, Provisioned Concurrency examples (current model, free tier on)', () => {
  it('Example 1, app launch: PC 100 × 1536 MB for 8 h, 500k on PC × 100 ms, 2.5M on demand × 120 ms → $19.96', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordProvisioned({
      function: 'fn',
      memoryMB: 1536,
      architecture: 'x86_64',
      concurrency: 100,
      fromMs: 12 * HOUR,
      toMs: 20 * HOUR,
    })
    meter.recordInvocation(charge({ durationMs: 100, onProvisioned: true, count: 500_000 }))
    meter.recordInvocation(charge({ durationMs: 120, count: 2_500_000 }))
    const bill = meter.report()

    expect(bill.provisionedGbSeconds).toBe(4_320_000)
    near(bill.usd.provisioned, 18)
    // The page takes the 1M free requests off the 2.5M on-demand ones: 2M billable in all.
    near(bill.usd.requests, 0.4)
    near(bill.computeUsd.provisionedDuration, 0.73)
    // 450,000 GB-s on demand − 400,000 free = 50,000 billable.
    near(bill.computeUsd.onDemandDuration, 0.83)
    near(bill.usd.total, 19.96)
  })

  it('Example 2, Cyber Monday: PC 7 × 4096 MB for 24 h, 2M on PC × 280 ms → $10.08 + $21.78 + $0.40 = $32.26', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordProvisioned({
      function: 'fn',
      memoryMB: 4096,
      architecture: 'x86_64',
      concurrency: 7,
      fromMs: 0,
      toMs: 24 * HOUR,
    })
    meter.recordInvocation(
      charge({ memoryMB: 4096, durationMs: 280, onProvisioned: true, count: 2_000_000 }),
    )
    const bill = meter.report()

    expect(bill.provisionedGbSeconds).toBe(2_419_200)
    near(bill.usd.provisioned, 10.08)
    near(bill.usd.compute, 21.78)
    // No free requests: every request ran on a provisioned environment.
    near(bill.usd.requests, 0.4)
    expect(bill.freeTier.requests).toBe(0)
    near(bill.usd.total, 32.26)
  })
})

describe('pricing page before December 2020 (2020-11 model, 100 ms rounding)', () => {
  // That page showed the rate as $0.00001667 and rounded with it; compare with its unrounded
  // products (the ±$0.005 rule), since 0.0000166667 is the same rate with all its digits.
  it('Example 1: 3M × 1 s at 512 MB with the free tier → compute 1.1M GB-s ($18.34 on the page), requests $0.40', () => {
    const meter = createMeter({ model: '2020-11', freeTier: true })
    meter.recordInvocation(charge({ memoryMB: 512, durationMs: 1000, count: 3_000_000 }))
    const bill = meter.report()

    expect(bill.gbSeconds).toBe(1_500_000)
    near(bill.usd.compute, 1_100_000 * 0.00001667)
    near(bill.usd.requests, 0.4)
  })

  it('Example 2: 30M × 200 ms at 128 MB with the free tier → $5.83 + $5.80 = $11.63', () => {
    const meter = createMeter({ model: '2020-11', freeTier: true })
    meter.recordInvocation(charge({ memoryMB: 128, durationMs: 200, count: 30_000_000 }))
    const bill = meter.report()

    expect(bill.gbSeconds).toBe(750_000)
    near(bill.usd.compute, 5.83)
    near(bill.usd.requests, 5.8)
    near(bill.usd.total, 11.63)
  })
})
