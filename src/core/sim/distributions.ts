/**
 * Samplers for the random quantities of a scenario (durations, init times, idle lifetimes).
 * Each sampler is a closure over its parameters and an injected `Rng`, and allocates nothing
 * per sample: the simulation draws one or two values per invocation, millions of times a run.
 */
import type { DistributionSpec } from '../scenario/types'
import type { Rng } from './rng'

/**
 * The `mu` and `sigma` of the underlying normal for a log-normal whose VALUES have the given
 * mean and standard deviation: sigma² = ln(1 + sd²/mean²), mu = ln(mean) − sigma²/2.
 */
export function lognormalParameters(
  meanMs: number,
  stdDevMs: number,
): { mu: number; sigma: number } {
  const variance = Math.log(1 + (stdDevMs * stdDevMs) / (meanMs * meanMs))
  return { mu: Math.log(meanMs) - variance / 2, sigma: Math.sqrt(variance) }
}

/**
 * Standard normal draws by the Box–Muller transform. Each pair of uniforms gives two
 * independent normals; the second is kept for the next call, so no draw is wasted.
 */
function createStandardNormal(rng: Rng): () => number {
  let spare = 0
  let hasSpare = false
  return () => {
    if (hasSpare) {
      hasSpare = false
      return spare
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next()))
    const angle = 2 * Math.PI * rng.next()
    spare = radius * Math.sin(angle)
    hasSpare = true
    return radius * Math.cos(angle)
  }
}

/**
 * A sampler of non-negative milliseconds (floats) for `spec`, drawing from `rng`.
 * Parameters are assumed valid (`parseScenario` checks them): finite and non-negative,
 * `minMs ≤ maxMs`. A normal is truncated at 0 by redrawing negative values, which is quick
 * because validation keeps the mean non-negative (at least half of all draws are kept).
 *
 * @example
 * const sample = createSampler({ kind: 'lognormal', meanMs: 120, stdDevMs: 40 }, createRng(1))
 * sample() // a duration around 120 ms, never negative
 */
export function createSampler(spec: DistributionSpec, rng: Rng): () => number {
  switch (spec.kind) {
    case 'constant': {
      const ms = spec.ms
      return () => ms
    }
    case 'uniform': {
      const { minMs } = spec
      const width = spec.maxMs - spec.minMs
      return () => minMs + width * rng.next()
    }
    case 'exponential': {
      const mean = spec.meanMs
      return () => -mean * Math.log(1 - rng.next())
    }
    case 'normal':
      return createTruncatedNormal(spec.meanMs, spec.stdDevMs, rng)
    case 'lognormal':
      return createLognormal(spec.meanMs, spec.stdDevMs, rng)
  }
}

function createTruncatedNormal(mean: number, sd: number, rng: Rng): () => number {
  if (sd === 0) return () => Math.max(0, mean)
  const gauss = createStandardNormal(rng)
  return () => {
    // Bounded: a non-negative mean keeps each attempt's odds of success at one half or better.
    for (let attempt = 0; attempt < 64; attempt++) {
      const x = mean + sd * gauss()
      if (x >= 0) return x
    }
    return 0
  }
}

function createLognormal(mean: number, sd: number, rng: Rng): () => number {
  if (mean === 0) return () => 0
  if (sd === 0) return () => mean
  const { mu, sigma } = lognormalParameters(mean, sd)
  const gauss = createStandardNormal(rng)
  return () => Math.exp(mu + sigma * gauss())
}

/** The mean of the values `createSampler(spec)` draws, ms (exact where known in closed form). */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.ms
    case 'uniform':
      return (spec.minMs + spec.maxMs) / 2
    case 'exponential':
    case 'lognormal':
      return spec.meanMs
    case 'normal':
      return truncatedNormalMean(spec.meanMs, spec.stdDevMs)
  }
}

/** Mean of N(mean, sd²) conditioned on ≥ 0: mean + sd·φ(α)/(1 − Φ(α)), α = −mean/sd. */
function truncatedNormalMean(mean: number, sd: number): number {
  if (sd === 0) return Math.max(0, mean)
  const alpha = -mean / sd
  const pdf = Math.exp((-alpha * alpha) / 2) / Math.sqrt(2 * Math.PI)
  return mean + (sd * pdf) / (1 - standardNormalCdf(alpha))
}

/** Φ(x) via the Abramowitz–Stegun 7.1.26 approximation of erf (absolute error < 1.5e-7). */
export function standardNormalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-z * z)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}
