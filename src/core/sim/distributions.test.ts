import { describe, expect, it } from 'vitest'
import type { DistributionSpec } from '../scenario/types'
import { createSampler, distributionMean, lognormalParameters } from './distributions'
import { createRng } from './rng'

const N = 200_000

/** Sample mean and standard deviation of `n` draws. */
function moments(spec: DistributionSpec, seed: number, n = N) {
  const sample = createSampler(spec, createRng(seed))
  let sum = 0
  let sumSq = 0
  let min = Infinity
  for (let i = 0; i < n; i++) {
    const x = sample()
    sum += x
    sumSq += x * x
    if (x < min) min = x
  }
  const mean = sum / n
  return { mean, sd: Math.sqrt(sumSq / n - mean * mean), min }
}

/**
 * Tolerances from the sample size: the sample mean has standard error sd/√n; we allow 5 of them
 * (a false failure about once in 3.5 million runs, and every run here is seeded anyway). The
 * sample standard deviation's standard error is about sd·√((κ − 1)/(4n)) for kurtosis κ; we
 * allow 5 of those too, with κ given per distribution.
 */
function meanTolerance(sd: number, n = N): number {
  return (5 * sd) / Math.sqrt(n)
}
function sdTolerance(sd: number, kurtosis: number, n = N): number {
  return 5 * sd * Math.sqrt((kurtosis - 1) / (4 * n))
}

describe('createSampler', () => {
  it('constant always gives its value', () => {
    const sample = createSampler({ kind: 'constant', ms: 120 }, createRng(1))
    expect([sample(), sample(), sample()]).toEqual([120, 120, 120])
  })

  it('uniform stays in [min, max) with mean (min+max)/2 and sd width/√12', () => {
    const spec: DistributionSpec = { kind: 'uniform', minMs: 100, maxMs: 300 }
    const sd = 200 / Math.sqrt(12)
    const m = moments(spec, 11)
    expect(m.min).toBeGreaterThanOrEqual(100)
    expect(Math.abs(m.mean - 200)).toBeLessThan(meanTolerance(sd))
    expect(Math.abs(m.sd - sd)).toBeLessThan(sdTolerance(sd, 1.8))
  })

  it('exponential has mean = sd = meanMs', () => {
    const m = moments({ kind: 'exponential', meanMs: 50 }, 12)
    expect(m.min).toBeGreaterThanOrEqual(0)
    expect(Math.abs(m.mean - 50)).toBeLessThan(meanTolerance(50))
    expect(Math.abs(m.sd - 50)).toBeLessThan(sdTolerance(50, 9))
  })

  it('normal far from 0 has its mean and sd (truncation negligible at 10 sd)', () => {
    const m = moments({ kind: 'normal', meanMs: 500, stdDevMs: 50 }, 13)
    expect(Math.abs(m.mean - 500)).toBeLessThan(meanTolerance(50))
    expect(Math.abs(m.sd - 50)).toBeLessThan(sdTolerance(50, 3))
  })

  it('normal with mean 0 is truncated at 0: a half-normal with mean sd·√(2/π)', () => {
    const spec: DistributionSpec = { kind: 'normal', meanMs: 0, stdDevMs: 100 }
    const m = moments(spec, 14)
    const expected = 100 * Math.sqrt(2 / Math.PI)
    expect(m.min).toBeGreaterThanOrEqual(0)
    expect(distributionMean(spec)).toBeCloseTo(expected, 3)
    // A half-normal's sd is 100·√(1 − 2/π) ≈ 60.3.
    expect(Math.abs(m.mean - expected)).toBeLessThan(meanTolerance(60.3))
  })

  it('lognormal is parameterized by the mean and sd of the values, not of their logs', () => {
    const m = moments({ kind: 'lognormal', meanMs: 120, stdDevMs: 60 }, 15)
    const { sigma } = lognormalParameters(120, 60)
    // Kurtosis of a log-normal: e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 3 (≈ 5.9 here).
    const s2 = sigma * sigma
    const kurtosis = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3
    expect(m.min).toBeGreaterThan(0)
    expect(Math.abs(m.mean - 120)).toBeLessThan(meanTolerance(60))
    expect(Math.abs(m.sd - 60)).toBeLessThan(sdTolerance(60, kurtosis))
  })

  it('lognormal with sd 0 is the constant mean', () => {
    const sample = createSampler({ kind: 'lognormal', meanMs: 80, stdDevMs: 0 }, createRng(2))
    expect(sample()).toBe(80)
  })

  it('is reproducible: the same seed gives the same draws', () => {
    const spec: DistributionSpec = { kind: 'normal', meanMs: 10, stdDevMs: 5 }
    const a = createSampler(spec, createRng(99))
    const b = createSampler(spec, createRng(99))
    const drawsA = Array.from({ length: 5 }, a)
    expect(Array.from({ length: 5 }, b)).toEqual(drawsA)
  })
})
