import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BUCKETS, DurationHistogram, bucketOf } from './histogram'

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number
}

describe('DurationHistogram', () => {
  it('reports quantiles within ±1 % of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 900_000, noNaN: true }), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.constantFrom(0.5, 0.9, 0.99, 0.01, 1),
        (values, q) => {
          const h = new DurationHistogram()
          for (const v of values) h.add(v)
          const exact = exactQuantile(values, q)
          expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.0100001)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is exact for constant durations (clamped to the observed min and max)', () => {
    const h = new DurationHistogram()
    for (let i = 0; i < 1000; i++) h.add(120)
    expect([h.quantile(0.5), h.quantile(0.99), h.mean()]).toEqual([120, 120, 120])
  })

  it('has constant memory: a million values fit in the same buckets', () => {
    const h = new DurationHistogram()
    for (let i = 0; i < 1_000_000; i++) h.add((i % 1000) + 0.5)
    expect(h.counts.length).toBe(BUCKETS)
    expect(h.count).toBe(1_000_000)
    expect(h.quantile(0.5)).toBeGreaterThan(495)
    expect(h.quantile(0.5)).toBeLessThan(506)
  })

  it('puts zero and out-of-range values in the end buckets', () => {
    expect(bucketOf(0)).toBe(0)
    expect(bucketOf(1e12)).toBe(BUCKETS - 1)
    const h = new DurationHistogram()
    expect(h.quantile(0.5)).toBe(0)
    h.add(0)
    expect(h.quantile(0.5)).toBe(0)
  })
})
