import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMeter, type InvocationCharge, type ProvisionedPeriod } from './meter'
import type { BillingReport } from './report'

const names = ['api', 'worker', 'cron'] as const
const arch = fc.constantFrom('x86_64' as const, 'arm64' as const)

const chargeArb = (maxCount: number): fc.Arbitrary<InvocationCharge> =>
  fc.record({
    function: fc.constantFrom(...names),
    memoryMB: fc.integer({ min: 128, max: 10_240 }),
    architecture: arch,
    durationMs: fc.double({ min: 0, max: 900_000, noNaN: true }),
    initDurationMs: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: undefined }),
    onProvisioned: fc.boolean(),
    ephemeralStorageMB: fc.integer({ min: 512, max: 10_240 }),
    count: fc.integer({ min: 1, max: maxCount }),
  })

const periodArb: fc.Arbitrary<ProvisionedPeriod> = fc
  .record({
    function: fc.constantFrom(...names),
    memoryMB: fc.integer({ min: 128, max: 10_240 }),
    architecture: arch,
    concurrency: fc.integer({ min: 0, max: 1000 }),
    fromMs: fc.integer({ min: 0, max: 86_400_000 }),
    lengthMs: fc.integer({ min: 0, max: 86_400_000 }),
  })
  .map(({ lengthMs, ...p }) => ({ ...p, toMs: p.fromMs + lengthMs }))

const setup = fc.record({
  model: fc.constantFrom('current' as const, '2025-07' as const, '2020-11' as const),
  freeTier: fc.boolean(),
})

function bill(
  s: { model: 'current' | '2025-07' | '2020-11'; freeTier: boolean },
  charges: readonly InvocationCharge[],
  periods: readonly ProvisionedPeriod[],
): BillingReport {
  const meter = createMeter(s)
  for (const c of charges) meter.recordInvocation(c)
  for (const p of periods) meter.recordProvisioned(p)
  return meter.report()
}

/** Every exact identity the bill promises. */
function expectSumsExact(b: BillingReport): void {
  const x = (e: BillingReport['exact']) => ({
    requests: BigInt(e.requests),
    compute: BigInt(e.compute),
    provisioned: BigInt(e.provisioned),
    total: BigInt(e.total),
    onDemandDuration: BigInt(e.onDemandDuration),
    provisionedDuration: BigInt(e.provisionedDuration),
    ephemeral: BigInt(e.ephemeral),
    init: BigInt(e.init),
  })
  const total = x(b.exact)
  expect(total.requests + total.compute + total.provisioned).toBe(total.total)
  expect(total.onDemandDuration + total.provisionedDuration + total.ephemeral).toBe(total.compute)
  expect(total.init <= total.compute).toBe(true)
  expect(b.lineItems.reduce((s, l) => s + BigInt(l.exactUnits), 0n)).toBe(total.total)

  const fns = Object.values(b.functions).map((f) => x(f.exact))
  for (const key of Object.keys(total) as (keyof typeof total)[]) {
    expect(fns.reduce((s, f) => s + f[key], 0n)).toBe(total[key])
  }
  expect(Object.values(b.functions).reduce((s, f) => s + f.requests, 0)).toBe(b.requests)
  // The float dollars agree with the exact sum to within float rounding.
  const floatSum = Object.values(b.functions).reduce((s, f) => s + f.usd.total, 0)
  expect(Math.abs(floatSum - b.usd.total)).toBeLessThanOrEqual(1e-9 * Math.max(1, b.usd.total))
}

describe('the bill equals the sum of its parts (fast-check)', () => {
  it('for random charge sequences and PC periods, per function, per component and per line item', () => {
    fc.assert(
      fc.property(
        setup,
        fc.array(chargeArb(5), { maxLength: 40 }),
        fc.array(periodArb, { maxLength: 5 }),
        (s, charges, periods) => {
          expectSumsExact(bill(s, charges, periods))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('for huge batched charges that cross the free tier and the monthly tiers', () => {
    fc.assert(
      fc.property(
        setup,
        fc.array(chargeArb(2_000_000_000), { minLength: 1, maxLength: 8 }),
        (s, charges) => {
          expectSumsExact(bill(s, charges, []))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('the order in which charges arrive does not change the bill', () => {
    fc.assert(
      fc.property(
        setup,
        fc.array(chargeArb(1000), { maxLength: 30 }),
        fc.array(periodArb, { maxLength: 3 }),
        (s, charges, periods) => {
          const forward = bill(s, charges, periods)
          const backward = bill(s, [...charges].reverse(), [...periods].reverse())
          expect(backward.exact).toEqual(forward.exact)
          expect(backward.lineItems).toEqual(forward.lineItems)
        },
      ),
      { numRuns: 200 },
    )
  })
})
