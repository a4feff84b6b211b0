import { describe, expect, it } from 'vitest'
import { createMeter, type InvocationCharge, type ProvisionedPeriod } from './meter'
import { UNITS_PER_USD } from './price-models'
import type { BillingReport } from './report'

const MIN = 60_000

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

function period(over: Partial<ProvisionedPeriod> = {}): ProvisionedPeriod {
  return {
    function: 'api',
    memoryMB: 1024,
    architecture: 'x86_64',
    concurrency: 1,
    fromMs: 0,
    toMs: 5 * MIN,
    ...over,
  }
}

/** Exact amount of a component, in 1e-10 USD (every expected value below is a whole number of them). */
const tenNanoUsd = (bill: BillingReport, key: keyof BillingReport['exact']) =>
  (BigInt(bill.exact[key]) * 10_000_000_000n) / UNITS_PER_USD

function billOf(model: 'current' | '2025-07' | '2020-11', ...charges: InvocationCharge[]) {
  const meter = createMeter({ model, freeTier: false })
  for (const c of charges) meter.recordInvocation(c)
  return meter.report()
}

describe('duration rounding per model', () => {
  it('given a 12.3 ms invocation at 1024 MB, current bills 13 ms and 2020-11 bills 100 ms', () => {
    const now = billOf('current', charge({ durationMs: 12.3 }))
    const old = billOf('2020-11', charge({ durationMs: 12.3 }))

    expect(now.gbSeconds).toBe(0.013)
    expect(old.gbSeconds).toBe(0.1)
    // 0.013 GB-s × $0.0000166667 and 0.1 GB-s × the same rate, in 1e-10 USD.
    expect(tenNanoUsd(now, 'compute')).toBe(2_166n)
    expect(tenNanoUsd(old, 'compute')).toBe(16_666n)
  })

  it('given 100.01 ms, 2020-11 rounds up to 200 ms while 2025-07 bills 101 ms', () => {
    expect(billOf('2020-11', charge({ durationMs: 100.01 })).gbSeconds).toBe(0.2)
    expect(billOf('2025-07', charge({ durationMs: 100.01 })).gbSeconds).toBe(0.101)
  })
})

describe('INIT billing per model', () => {
  const cold = charge({ durationMs: 100, initDurationMs: 250.4 })

  it('current bills INIT on demand: 100 + 250.4 → 351 ms, INIT share 251/351 of compute', () => {
    const bill = billOf('current', cold)
    expect(bill.gbSeconds).toBe(0.351)
    expect(bill.initGbSeconds).toBe(0.251)
    expect(bill.initShareOfCompute).toBeCloseTo(251 / 351, 5)
  })

  it('2025-07 leaves on-demand INIT out (100 ms) but bills it on a provisioned environment', () => {
    const onDemand = billOf('2025-07', cold)
    expect(onDemand.gbSeconds).toBe(0.1)
    expect(onDemand.initGbSeconds).toBe(0)

    const onPc = billOf('2025-07', { ...cold, onProvisioned: true })
    expect(onPc.gbSeconds).toBe(0.351)
    expect(onPc.initGbSeconds).toBe(0.251)
    expect(onPc.computeUsd.init).toBeGreaterThan(0)
  })

  it('2020-11 leaves on-demand INIT out and rounds to 100 ms: 100 + 250.4 → 100 ms', () => {
    const bill = billOf('2020-11', cold)
    expect(bill.gbSeconds).toBe(0.1)
    expect(bill.computeUsd.init).toBe(0)
  })
})

describe('architectures and monthly tiers', () => {
  it('given the same 1,000 GB-s, arm64 costs $0.0133334/GB-s·k against x86 $0.0166667', () => {
    const x86 = billOf('current', charge({ count: 1000 }))
    const arm = billOf('current', charge({ architecture: 'arm64', count: 1000 }))
    expect(tenNanoUsd(x86, 'compute')).toBe(166_667_000n)
    expect(tenNanoUsd(arm, 'compute')).toBe(133_334_000n)
    expect(arm.lineItems.map((l) => l.id)).toEqual(['requests', 'duration.arm64.tier1'])
  })

  it('given 6 B GB-s + 1 GB-s on x86, the last GB-s is billed at tier 2 ($0.000015)', () => {
    const bill = billOf('current', charge({ count: 6_000_000_001 }))
    const tiers = bill.lineItems.filter((l) => l.id.startsWith('duration'))
    expect(tiers.map((l) => [l.id, l.quantity])).toEqual([
      ['duration.x86_64.tier1', 6_000_000_000],
      ['duration.x86_64.tier2', 1],
    ])
    expect(tenNanoUsd(bill, 'compute')).toBe(6_000_000_000n * 166_667n + 150_000n)
  })

  it('given 15 B + 2 GB-s on x86, the last 2 are billed at tier 3 ($0.0000133334)', () => {
    const bill = billOf('current', charge({ count: 15_000_000_002 }))
    const tier3 = bill.lineItems.find((l) => l.id === 'duration.x86_64.tier3')
    expect(tier3?.quantity).toBe(2)
    expect(tier3?.exactUnits).toBe((2n * 1_024_000n * 133_334n).toString())
  })

  it('given 7.5 B GB-s on arm64 and 7.5 B on x86, arm stays in tier 1 while x86 crosses 6 B', () => {
    const bill = billOf(
      'current',
      charge({ architecture: 'arm64', count: 7_500_000_000 }),
      charge({ function: 'other', count: 7_500_000_000 }),
    )
    const ids = bill.lineItems.filter((l) => l.id.startsWith('duration')).map((l) => l.id)
    expect(ids).toEqual(['duration.x86_64.tier1', 'duration.x86_64.tier2', 'duration.arm64.tier1'])
    // Tiers accumulate per architecture, not per function: arm one more GB-s reaches tier 2.
    const more = billOf('current', charge({ architecture: 'arm64', count: 7_500_000_001 }))
    expect(more.lineItems.at(-1)).toMatchObject({ id: 'duration.arm64.tier2', quantity: 1 })
  })
})

describe('free tier', () => {
  it('given 1.5M requests × 1 s at 512 MB (750,000 GB-s), the free tier takes 1M requests and 400,000 GB-s', () => {
    const on = createMeter({ model: 'current', freeTier: true })
    const off = createMeter({ model: 'current', freeTier: false })
    for (const m of [on, off]) m.recordInvocation(charge({ memoryMB: 512, count: 1_500_000 }))

    const free = on.report()
    expect(free.freeTier).toEqual({
      applied: true,
      requests: 1_000_000,
      requestsLimit: 1_000_000,
      gbSeconds: 400_000,
      gbSecondsLimit: 400_000,
    })
    expect(tenNanoUsd(free, 'requests')).toBe(500_000n * 2_000n)
    expect(tenNanoUsd(free, 'compute')).toBe(350_000n * 166_667n)
    expect(off.report().freeTier.requests).toBe(0)
    expect(tenNanoUsd(off.report(), 'compute')).toBe(750_000n * 166_667n)
  })

  it('given usage inside the free tier, the bill is $0 and the free tier used equals the usage', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordInvocation(charge({ count: 10 }))
    const bill = meter.report()
    expect(bill.usd.total).toBe(0)
    expect(bill.freeTier).toMatchObject({ requests: 10, gbSeconds: 10 })
  })

  it('shares 400,000 free GB-s across both architectures in proportion to their usage', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordInvocation(charge({ count: 300_000 }))
    meter.recordInvocation(charge({ function: 'arm', architecture: 'arm64', count: 500_000 }))
    const bill = meter.report()
    // 800,000 GB-s, half free: x86 bills 150,000, arm 250,000.
    expect(bill.lineItems.filter((l) => l.unit === 'GB-s').map((l) => l.quantity)).toEqual([
      150_000, 250_000,
    ])
  })
})

describe('provisioned concurrency', () => {
  it('rounds each period up to 5 minutes: 1 min → 5, 5 min → 5, 5 min + 1 ms → 10', () => {
    const gbs = (toMs: number) => {
      const meter = createMeter({ model: 'current', freeTier: false })
      meter.recordProvisioned(period({ toMs }))
      return meter.report().provisionedGbSeconds
    }
    expect(gbs(MIN)).toBe(300)
    expect(gbs(5 * MIN)).toBe(300)
    expect(gbs(5 * MIN + 1)).toBe(600)
    expect(gbs(0)).toBe(0)
  })

  it('bills configured concurrency × memory: 10 × 2048 MB for 1 h = 72,000 GB-s × $0.0000041667', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    meter.recordProvisioned(period({ concurrency: 10, memoryMB: 2048, toMs: 60 * MIN }))
    const bill = meter.report()
    expect(bill.provisionedGbSeconds).toBe(72_000)
    expect(tenNanoUsd(bill, 'provisioned')).toBe(72_000n * 41_667n)
    // The free tier never covers configured concurrency.
    expect(bill.usd.total).toBe(bill.usd.provisioned)
  })

  it('given PC serving 2 invocations and 1 spilling over, the spillover pays on-demand rates', () => {
    const bill = billOf(
      'current',
      charge({ onProvisioned: true, count: 2 }),
      charge({ onProvisioned: false }),
    )
    expect(bill.lineItems.map((l) => [l.id, l.quantity])).toEqual([
      ['requests', 3],
      ['duration.x86_64.tier1', 1],
      ['pc-duration.x86_64', 2],
    ])
    expect(tenNanoUsd(bill, 'compute')).toBe(166_667n + 2n * 97_222n)
  })

  it('given PC on arm64, both PC rates are the arm64 ones', () => {
    const meter = createMeter({ model: 'current', freeTier: false })
    meter.recordProvisioned(period({ architecture: 'arm64', toMs: 1000 }))
    meter.recordInvocation(charge({ architecture: 'arm64', onProvisioned: true }))
    const bill = meter.report()
    expect(tenNanoUsd(bill, 'provisioned')).toBe(300n * 33_334n)
    expect(tenNanoUsd(bill, 'compute')).toBe(77_778n)
  })

  it('rejects periods that end before they start and fractional concurrency', () => {
    const meter = createMeter({ model: 'current', freeTier: false })
    expect(() => meter.recordProvisioned(period({ fromMs: 10, toMs: 5 }))).toThrow(RangeError)
    expect(() => meter.recordProvisioned(period({ concurrency: 1.5 }))).toThrow(RangeError)
  })
})

describe('ephemeral storage', () => {
  it('bills only above 512 MB: 10,240 MB for 1 s = 9.5 GB-s × $0.0000000309; 512 MB costs nothing', () => {
    const big = billOf('current', charge({ ephemeralStorageMB: 10_240 }))
    expect(big.ephemeralGbSeconds).toBe(9.5)
    expect(big.exact.ephemeral).toBe((9728n * 1000n * 309n).toString())
    expect(billOf('current', charge()).computeUsd.ephemeral).toBe(0)
  })
})

describe('per function, counts and cost per million', () => {
  it('given two functions, each has its own requests and GB-s, and the totals add them', () => {
    const bill = billOf(
      'current',
      charge({ count: 3 }),
      charge({ function: 'worker', memoryMB: 512 }),
    )
    expect(Object.keys(bill.functions)).toEqual(['api', 'worker'])
    expect(bill.functions['api']).toMatchObject({ requests: 3, gbSeconds: 3 })
    expect(bill.functions['worker']).toMatchObject({ requests: 1, gbSeconds: 0.5 })
    expect(bill).toMatchObject({ requests: 4, gbSeconds: 3.5 })
  })

  it('given 1M requests × 1 s at 1024 MB without free tier, costs $16.8667 per million invocations', () => {
    const bill = billOf('current', charge({ count: 1_000_000 }))
    expect(bill.costPerMillionInvocations).toBeCloseTo(0.2 + 16.6667, 9)
  })

  it('a batched charge (count: 5) bills exactly like five single ones', () => {
    const one = billOf('current', charge({ durationMs: 7.2, initDurationMs: 3, count: 5 }))
    const five = billOf(
      'current',
      ...Array.from({ length: 5 }, () => charge({ durationMs: 7.2, initDurationMs: 3 })),
    )
    expect(five.exact).toEqual(one.exact)
  })
})

describe('a live reading with Provisioned Concurrency still on', () => {
  it('given PC 2 × 1024 MB enabled at 0 and still on at 7 min, the reading shows 10 min without recording it', () => {
    const meter = createMeter({ model: 'current', freeTier: true })
    const open = [period({ concurrency: 2, toMs: 7 * MIN })]

    expect(meter.report({ open }).provisionedGbSeconds).toBe(1200)
    expect(meter.report().provisionedGbSeconds).toBe(0)
    // When the period ends (at 12 min), the simulation records it once.
    meter.recordProvisioned(period({ concurrency: 2, toMs: 12 * MIN }))
    expect(meter.report().provisionedGbSeconds).toBe(1800)
  })
})
