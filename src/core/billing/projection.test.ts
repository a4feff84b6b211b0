import { describe, expect, it } from 'vitest'
import { createMeter, projectMonthly, type InvocationCharge } from './meter'
import { UNITS_PER_USD } from './price-models'

const HOUR = 3_600_000

function charge(over: Partial<InvocationCharge> = {}): InvocationCharge {
  return {
    function: 'api',
    memoryMB: 1024,
    architecture: 'x86_64',
    durationMs: 1000,
    onProvisioned: false,
    ephemeralStorageMB: 512,
    ...over,
  }
}

describe('monthly projection (730 hours)', () => {
  it('given 100 requests × 1 GB-s in a 1-hour run, projects 73,000 requests and GB-s, all inside the free tier', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordInvocation(charge({ count: 100 }))
    const month = meter.projectMonthly(HOUR)
    expect(month).toMatchObject({ requests: 73_000, gbSeconds: 73_000 })
    expect(month.usd.total).toBe(0)
    expect(month.freeTier).toMatchObject({ requests: 73_000, gbSeconds: 73_000 })
  })

  it('given 10,000 × 1 GB-s in 1 hour, the month bills 6.3M requests and 6.9M GB-s after the free tier', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordInvocation(charge({ count: 10_000 }))
    // The span itself stays inside the free tier; the month does not.
    expect(meter.report().usd.total).toBe(0)
    const month = meter.projectMonthly(HOUR)
    const tenNano = (s: string) => (BigInt(s) * 10_000_000_000n) / UNITS_PER_USD
    expect(tenNano(month.exact.requests)).toBe(6_300_000n * 2_000n)
    expect(tenNano(month.exact.compute)).toBe(6_900_000n * 166_667n)
  })

  it('applies monthly tiers to the month: 10M GB-s in an hour becomes 7.3 B GB-s, past the 6 B tier', () => {
    const meter = createMeter({ model: 'current', freeTier: false })
    meter.recordInvocation(charge({ count: 10_000_000 }))
    expect(meter.report().lineItems.map((l) => l.id)).toEqual(['requests', 'duration.x86_64.tier1'])
    const month = meter.projectMonthly(HOUR)
    expect(month.lineItems.map((l) => [l.id, l.quantity])).toEqual([
      ['requests', 7_300_000_000],
      ['duration.x86_64.tier1', 6_000_000_000],
      ['duration.x86_64.tier2', 1_300_000_000],
    ])
  })

  it('given PC 1 × 1024 MB on for the whole 30-minute span, projects PC on all month: 2,628,000 GB-s', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordProvisioned({
      function: 'api',
      memoryMB: 1024,
      architecture: 'x86_64',
      concurrency: 1,
      fromMs: 0,
      toMs: HOUR / 2,
    })
    expect(meter.projectMonthly(HOUR / 2).provisionedGbSeconds).toBe(2_628_000)
  })

  it('is a function of usage and span: the free function gives the same result as the meter', () => {
    const meter = createMeter({ model: '2020-11', freeTier: true })
    meter.recordInvocation(charge({ durationMs: 42, count: 1234 }))
    const direct = projectMonthly(meter.usage(), 90_000, { model: '2020-11', freeTier: true })
    expect(direct).toEqual(meter.projectMonthly(90_000))
    expect(direct.gbSeconds).toBe(1234 * 0.1 * 29_200)
  })

  it('rejects an empty or negative span', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    expect(() => meter.projectMonthly(0)).toThrow(RangeError)
    expect(() => meter.projectMonthly(-5)).toThrow(RangeError)
  })
})
