/**
 * Closed forms of queueing theory that the simulation must reproduce (reference
 * shared/reference/lambda-semantics.md §6.3), for Poisson arrivals at rate λ and an idle
 * lifetime T measured from the end of the last request. Used by queueing.test.ts.
 */

/**
 * Erlang's loss formula B(a, c): the probability that an arrival finds all `c` servers busy in
 * an M/G/c/c system with offered load a = λ·E[S] (insensitive to the service distribution).
 * Computed by the stable recurrence B(a, 0) = 1, B(a, k) = a·B / (k + a·B).
 */
export function erlangB(offeredLoad: number, servers: number): number {
  let b = 1
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b)
  return b
}

/** Service time → 0: a request is cold iff the gap since the previous one exceeds T: e^{−λT}. */
export function coldProbabilityInstantService(ratePerMs: number, idleMs: number): number {
  return Math.exp(-ratePerMs * idleMs)
}

/**
 * Low rate, non-zero service (λ·E[S] ≪ 1, at most one idle instance likely): a request is cold
 * if it arrives while the previous one still runs, or more than T after it ended:
 * (e^{−λT} + λE[S]) / (1 + λE[S]).
 */
export function coldProbabilityLowRate(ratePerMs: number, idleMs: number, meanServiceMs: number) {
  const load = ratePerMs * meanServiceMs
  return (Math.exp(-ratePerMs * idleMs) + load) / (1 + load)
}

/** Service time → 0: the fraction of time the single instance is alive, 1 − e^{−λT}. */
export function meanInstancesInstantService(ratePerMs: number, idleMs: number): number {
  return 1 - Math.exp(-ratePerMs * idleMs)
}

/**
 * Variance of one gap's contribution to the time-average instance count when service → 0.
 * Each exponential gap g (rate λ) keeps the instance alive for min(g, T); the time average over n
 * gaps is Σmin(gᵢ, T) / Σgᵢ, whose delta-method variance is Var(min(g,T) − f·g) / (n·E[g]²) with
 * f = 1 − e^{−λT}. This returns Var(min(g,T) − f·g), from the exact moments of the truncated
 * exponential.
 */
export function instantServiceGapVariance(ratePerMs: number, idleMs: number): number {
  const l = ratePerMs
  const x = l * idleMs
  const e = Math.exp(-x)
  const f = 1 - e
  const meanMin = f / l
  const meanMinSq = (2 / (l * l)) * (1 - e * (1 + x))
  // E[min(g,T)·g] = ∫₀ᵀ g²λe^{−λg}dg + T·∫ₜ^∞ gλe^{−λg}dg
  const meanMinG = (2 / (l * l)) * (1 - e * (1 + x + (x * x) / 2)) + idleMs * e * (idleMs + 1 / l)
  const meanG = 1 / l
  const meanGSq = 2 / (l * l)
  const varMin = meanMinSq - meanMin * meanMin
  const varG = meanGSq - meanG * meanG
  const cov = meanMinG - meanMin * meanG
  return varMin + f * f * varG - 2 * f * cov
}
