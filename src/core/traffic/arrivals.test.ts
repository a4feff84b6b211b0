import { describe, expect, it } from 'vitest'
import type { ArrivalSpec } from '../scenario/types'
import { createRng } from '../sim/rng'
import { createArrivalProcess, rateAt, rateSeries } from './arrivals'

function drain(spec: ArrivalSpec, endMs: number, seed = 1): number[] {
  const process = createArrivalProcess(spec, createRng(seed), endMs)
  const times: number[] = []
  for (let t = process.next(); t !== null; t = process.next()) times.push(t)
  expect(process.next()).toBeNull()
  return times
}

function countIn(times: number[], fromMs: number, toMs: number): number {
  return times.filter((t) => t >= fromMs && t < toMs).length
}

/**
 * A Poisson count with mean m has standard deviation √m; we allow 5 of them (a false failure
 * about once in 3.5 million seeds; the seeds here are fixed, so a pass is repeatable).
 */
function expectPoissonCount(actual: number, mean: number): void {
  expect(Math.abs(actual - mean)).toBeLessThan(5 * Math.sqrt(mean) + 1)
}

function expectNonDecreasing(times: number[]): void {
  for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] ?? 0)
}

describe('createArrivalProcess: deterministic patterns', () => {
  it('constant at 4/s over 1 s arrives at 0, 250, 500, 750 ms (the end is exclusive)', () => {
    expect(drain({ kind: 'constant', ratePerSecond: 4 }, 1000)).toEqual([0, 250, 500, 750])
  })

  it('constant at 3/s floors each continuous time to the ms without drift', () => {
    expect(drain({ kind: 'constant', ratePerSecond: 3 }, 2000)).toEqual([
      0, 333, 666, 1000, 1333, 1666,
    ])
  })

  it('constant honours startSecond and endSecond', () => {
    const spec: ArrivalSpec = { kind: 'constant', ratePerSecond: 2, startSecond: 10, endSecond: 12 }
    expect(drain(spec, 60_000)).toEqual([10_000, 10_500, 11_000, 11_500])
  })

  it('list arrives at exactly those seconds, sorted, fractional ones floored to the ms', () => {
    const spec: ArrivalSpec = { kind: 'list', seconds: [2, 0.0015, 1, 1, 5] }
    expect(drain(spec, 3000)).toEqual([1, 1000, 1000, 2000])
  })

  it('burst sends count requests in the same ms', () => {
    expect(drain({ kind: 'burst', atSecond: 1.5, count: 3 }, 10_000)).toEqual([1500, 1500, 1500])
    expect(drain({ kind: 'burst', atSecond: 20, count: 3 }, 10_000)).toEqual([])
  })
})

describe('createArrivalProcess: Poisson patterns', () => {
  it('poisson at 50/s for 200 s gives about 10,000 arrivals, evenly spread', () => {
    const times = drain({ kind: 'poisson', ratePerSecond: 50 }, 200_000, 7)
    expectNonDecreasing(times)
    expectPoissonCount(times.length, 10_000)
    expectPoissonCount(countIn(times, 0, 100_000), 5_000)
    expect(times.every((t) => Number.isInteger(t) && t >= 0 && t < 200_000)).toBe(true)
  })

  it('poisson inter-arrival gaps have mean 1/rate', () => {
    const times = drain({ kind: 'poisson', ratePerSecond: 10 }, 1_000_000, 8)
    const meanGap = (times[times.length - 1]! - times[0]!) / (times.length - 1)
    // Exponential gaps: sd = mean = 100 ms; the mean of n gaps has sd 100/√n.
    expect(Math.abs(meanGap - 100)).toBeLessThan((5 * 100) / Math.sqrt(times.length))
  })

  it('poisson stays inside its window', () => {
    const spec: ArrivalSpec = { kind: 'poisson', ratePerSecond: 100, startSecond: 5, endSecond: 10 }
    const times = drain(spec, 60_000, 9)
    expect(times[0]).toBeGreaterThanOrEqual(5000)
    expect(times[times.length - 1]).toBeLessThan(10_000)
    expectPoissonCount(times.length, 500)
  })

  it('step holds each rate until the next step (rate 0 before the first)', () => {
    const spec: ArrivalSpec = {
      kind: 'step',
      steps: [
        { atSecond: 10, ratePerSecond: 20 },
        { atSecond: 60, ratePerSecond: 0 },
        { atSecond: 100, ratePerSecond: 100 },
      ],
    }
    const times = drain(spec, 150_000, 10)
    expectNonDecreasing(times)
    expect(countIn(times, 0, 10_000)).toBe(0)
    expectPoissonCount(countIn(times, 10_000, 60_000), 1_000)
    expect(countIn(times, 60_000, 100_000)).toBe(0)
    expectPoissonCount(countIn(times, 100_000, 150_000), 5_000)
  })

  it('spike runs at the base rate, then the spike rate for its duration, then base again', () => {
    const spec: ArrivalSpec = {
      kind: 'spike',
      baseRatePerSecond: 5,
      spikeRatePerSecond: 200,
      spikeStartSecond: 100,
      spikeDurationSeconds: 20,
    }
    const times = drain(spec, 300_000, 11)
    expectPoissonCount(countIn(times, 0, 100_000), 500)
    expectPoissonCount(countIn(times, 100_000, 120_000), 4_000)
    expectPoissonCount(countIn(times, 120_000, 300_000), 900)
  })

  it('diurnal follows the sine: the quarter around each peak gets the integral of the rate', () => {
    const spec: ArrivalSpec = {
      kind: 'diurnal',
      meanRatePerSecond: 2,
      amplitude: 0.8,
      periodSeconds: 1000,
    }
    const times = drain(spec, 10_000_000, 12)
    expectNonDecreasing(times)
    // Over whole periods the mean rate is the mean: 2/s × 10,000 s.
    expectPoissonCount(times.length, 20_000)
    // Peak at 250 s of each period. Integral of 2(1 + 0.8 cos) over ±125 s around the peak:
    // 2·(250 + 0.8·(1000/2π)·2·sin(π/4)) ≈ 860 per period, 8,601 over 10 periods.
    let peakQuarter = 0
    for (let p = 0; p < 10; p++) peakQuarter += countIn(times, p * 1e6 + 125_000, p * 1e6 + 375_000)
    const expected = 10 * 2 * (250 + (0.8 * 1000 * Math.sin(Math.PI / 4)) / Math.PI)
    expectPoissonCount(peakQuarter, expected)
  })

  it('the same seed gives the same arrivals, another seed others', () => {
    const spec: ArrivalSpec = { kind: 'poisson', ratePerSecond: 5 }
    expect(drain(spec, 10_000, 3)).toEqual(drain(spec, 10_000, 3))
    expect(drain(spec, 10_000, 3)).not.toEqual(drain(spec, 10_000, 4))
  })
})

describe('rateAt and rateSeries', () => {
  it('give the rate curve a preview chart draws', () => {
    const spike: ArrivalSpec = {
      kind: 'spike',
      baseRatePerSecond: 1,
      spikeRatePerSecond: 9,
      spikeStartSecond: 5,
      spikeDurationSeconds: 5,
    }
    expect(rateSeries(spike, 20, 4)).toEqual([
      { second: 0, rate: 1 },
      { second: 5, rate: 9 },
      { second: 10, rate: 1 },
      { second: 15, rate: 1 },
    ])
    const diurnal: ArrivalSpec = { kind: 'diurnal', meanRatePerSecond: 10, amplitude: 0.5 }
    expect(rateAt(diurnal, 21_600)).toBeCloseTo(15)
    expect(rateAt(diurnal, 64_800)).toBeCloseTo(5)
    expect(rateAt({ kind: 'list', seconds: [1.2, 1.9, 3] }, 1)).toBe(2)
    expect(rateAt({ kind: 'burst', atSecond: 4, count: 50 }, 4)).toBe(50)
    expect(rateAt({ kind: 'poisson', ratePerSecond: 3, endSecond: 10 }, 10)).toBe(0)
  })
})
