/**
 * The real simulation against the closed forms of queueing theory (reference §6.3). Every check
 * is seeded, and its tolerance is derived from the sample size: we allow 5 standard errors of the
 * estimator (a false failure about once in 3.5 million seeds), or, where the estimator's variance
 * has no simple closed form (loss under overload), a Student-t interval over independent
 * replications. Model details that differ from the idealized queue by a fraction of a
 * millisecond (times are whole ms; a run's end ceils to the ms) are far inside these tolerances.
 */
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../scenario/validate'
import type { SimulationReport } from '../scenario/types'
import { createSimulation } from '../simulation'
import {
  coldProbabilityInstantService,
  coldProbabilityLowRate,
  erlangB,
  instantServiceGapVariance,
  meanInstancesInstantService,
} from './closed-forms'

interface Setup {
  seed: number
  seconds: number
  ratePerSecond: number
  idleLifetimeSeconds: number
  duration: object
  reservedConcurrency?: number
  runtimeInitMs?: number
}

/** One function at one vCPU (no CPU scaling), Poisson traffic, no INIT unless asked. */
function simulate(setup: Setup): SimulationReport {
  const parsed = parseScenario({
    version: 1,
    seed: setup.seed,
    durationSeconds: setup.seconds,
    functions: [
      {
        name: 'fn',
        memoryMB: 1769,
        timeoutSeconds: 900,
        idleLifetimeSeconds: setup.idleLifetimeSeconds,
        duration: setup.duration,
        runtimeInitMs: setup.runtimeInitMs ?? 0,
        reservedConcurrency: setup.reservedConcurrency ?? null,
      },
    ],
    traffic: [
      { function: 'fn', arrivals: { kind: 'poisson', ratePerSecond: setup.ratePerSecond } },
    ],
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  const simulation = createSimulation(parsed.scenario)
  simulation.run()
  return simulation.report()
}

describe('service time → 0 (at most one instance)', () => {
  // λ = 1/s, T = 1.2 s: λT = 1.2. About 200,000 requests.
  const rate = 1 / 1000
  const idle = 1200
  const report = simulate({
    seed: 101,
    seconds: 200_000,
    ratePerSecond: 1,
    idleLifetimeSeconds: 1.2,
    duration: { kind: 'constant', ms: 0 },
  })
  const n = report.invocations

  it('a request is cold with probability e^{−λT}', () => {
    // Gaps of a Poisson process are independent, so cold starts are Binomial(n, p).
    const p = coldProbabilityInstantService(rate, idle)
    expect(Math.abs(report.coldStartRatio - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n))
  })

  it('the mean instance count is 1 − e^{−λT}', () => {
    // Σmin(gᵢ,T)/Σgᵢ; delta method: sd = √(Var(min(g,T) − f·g) / n) / E[g] (closed-forms.ts).
    const f = meanInstancesInstantService(rate, idle)
    const sd = Math.sqrt(instantServiceGapVariance(rate, idle) / n) * rate
    expect(Math.abs(report.avgInstances - f)).toBeLessThan(5 * sd)
  })
})

describe('idle lifetime T = 0 (no reuse)', () => {
  // λ = 20/s, exponential service of mean 200 ms: an M/M/∞ queue with mean λ·E[S] = 4.
  const report = simulate({
    seed: 202,
    seconds: 20_000,
    ratePerSecond: 20,
    idleLifetimeSeconds: 0,
    duration: { kind: 'exponential', meanMs: 200 },
  })

  it('every request is cold', () => {
    expect(report.coldStarts).toBe(report.invocations)
    expect(report.coldStartRatio).toBe(1)
  })

  it('the mean instance count is λ·E[S]', () => {
    // The M/M/∞ count has variance m and autocorrelation e^{−t/E[S]}; a time average over D has
    // variance ≈ 2·m·E[S]/D. The ceil of each run to the ms adds ≈ 0.5 ms to E[S].
    const m = 20 * (0.2 + 0.0005)
    const sd = Math.sqrt((2 * m * 0.2) / 20_000)
    expect(Math.abs(report.avgInstances - m)).toBeLessThan(5 * sd)
    expect(Math.abs(report.avgBusy - m)).toBeLessThan(5 * sd)
  })
})

describe('heavy overload with a concurrency cap c', () => {
  it('rejects requests with the Erlang-B probability B(λ·E[S], c)', () => {
    // c = 10 (reserved concurrency), λ = 10/s, E[S] = 1 s exponential, T long: M/M/10/10,
    // B(10, 10) ≈ 0.2146. Blocking events are correlated in time, so the tolerance comes from
    // K = 8 independent replications: |mean − B| < t(0.9995, 7) · s/√K, t = 5.408.
    const expected = erlangB(10, 10)
    const ratios = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const r = simulate({
        seed: 300 + seed,
        seconds: 2_000,
        ratePerSecond: 10,
        idleLifetimeSeconds: 3_600,
        duration: { kind: 'exponential', meanMs: 1_000 },
        reservedConcurrency: 10,
      })
      expect(r.maxConcurrency).toBeLessThanOrEqual(10)
      return r.throttles / (r.throttles + r.invocations)
    })
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length
    const s = Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (ratios.length - 1))
    expect(Math.abs(mean - expected)).toBeLessThan((5.408 * s) / Math.sqrt(ratios.length))
  })
})

describe('low rate, non-zero service (single-instance approximation)', () => {
  it('a request is cold with probability (e^{−λT} + λE[S]) / (1 + λE[S])', () => {
    // λ = 0.01/s, exponential S of mean 0.5 s (λE[S] = 0.005 ≪ 1), T = 60 s: about 26,800
    // requests over 31 days. The approximation ignores a second instance that outlives a
    // request that arrived during service: that needs such an arrival, so its error is below
    // λE[S]; the sampling error is binomial.
    const x = 0.01 * 0.5
    const report = simulate({
      seed: 505,
      seconds: 2_678_400,
      ratePerSecond: 0.01,
      idleLifetimeSeconds: 60,
      duration: { kind: 'exponential', meanMs: 500 },
    })
    const p = coldProbabilityLowRate(0.01 / 1000, 60_000, 500)
    expect(p).toBeCloseTo((Math.exp(-0.6) + x) / (1 + x), 12)
    const n = report.invocations
    expect(Math.abs(report.coldStartRatio - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + x)
  })
})

describe("Little's law", () => {
  it('mean busy environments = accepted rate × mean response time, with throttling and cold starts', () => {
    // Reserved 8 against λ·E[S] = 12: many throttles; the runtime bootstrap (137 ms) makes cold
    // responses longer. Response = ceil(init + run): E = E[S] + P(cold)·137 + ≈0.5 ms.
    const seconds = 5_000
    const report = simulate({
      seed: 404,
      seconds,
      ratePerSecond: 24,
      idleLifetimeSeconds: 5,
      duration: { kind: 'lognormal', meanMs: 500, stdDevMs: 250 },
      reservedConcurrency: 8,
      runtimeInitMs: 137,
    })
    const accepted = report.invocations / seconds
    const response = 0.5 + report.coldStartRatio * 0.137 + 0.0005
    // λ_acc·(mean of n responses − E[response]) has sd λ_acc·sd(S)/√n = sd(S)·√n/D; add the
    // requests still running at the end (at most c, each under a few seconds) as an edge term.
    const tolerance = (5 * 0.25 * Math.sqrt(report.invocations)) / seconds + (8 * 5) / seconds
    expect(report.throttles).toBeGreaterThan(0)
    expect(Math.abs(report.avgBusy - accepted * response)).toBeLessThan(tolerance)
  })
})

describe('closed forms', () => {
  it('Erlang B matches tabulated values', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 10)
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 10)
    expect(erlangB(10, 10)).toBeCloseTo(0.21458, 4)
  })
})
