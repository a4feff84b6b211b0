/**
 * The defaults `parseScenario` fills in, and that `serializeScenario` leaves out again.
 * Function defaults follow a new function in Lambda's console (`defaultFunctionConfig`).
 */
import { defaultFunctionConfig, type Architecture, type Runtime } from '../lambda/function-config'
import { Limits } from '../lambda/limits'
import type { AccountSpec, DistributionSpec, FunctionSpec, PricingSpec } from './types'

/** The only scenario format version so far (see migrate.ts for the seam for later ones). */
export const CurrentScenarioVersion = 1

/** Seed used when a scenario names none. */
export const DefaultSeed = 1

/** Simulated span when a scenario names none: one hour, as in the example. */
export const DefaultDurationSeconds = 3_600

/** Account settings: 1,000 concurrent executions, the current scaling model, a 3,000 legacy burst. */
export const DefaultAccount: Readonly<AccountSpec> = {
  concurrencyLimit: Limits.AccountConcurrency,
  scalingModel: 'current',
  burst: 3_000,
}

/** Today's prices with the monthly free tier applied. */
export const DefaultPricing: Readonly<PricingSpec> = { model: 'current', freeTier: true }

/**
 * Runtime bootstrap time (the part of `Init Duration` a hello-world function spends before its
 * own code), ms, by runtime and architecture. Mean `Init Duration` of hello-world functions at
 * 128 MB from the daily benchmark `maxday/lambda-perf:data/last.json` (2026-08-22), as quoted in
 * shared/reference/lambda-semantics.md §2.2, rounded to whole ms: nodejs22.x 137.1 (x86) /
 * 124.3 (arm), nodejs20.x 138.5 / 122.8. Init is nearly flat in memory (same section), so one
 * value per runtime and architecture suffices.
 */
export const RuntimeInitMs: Readonly<Record<Runtime, Readonly<Record<Architecture, number>>>> = {
  'nodejs22.x': { x86_64: 137, arm64: 124 },
  'nodejs20.x': { x86_64: 139, arm64: 123 },
}

/** Idle lifetime when a function names none: 10 minutes, as measured since July 2019 (reference §2.2). */
export const DefaultIdleLifetimeSeconds = 600

/** Size of a request payload when the traffic names none, bytes. */
export const DefaultPayloadBytes = 1_024

/**
 * A function with every default; `name` must still be set. `duration` defaults to a constant
 * 100 ms and `init` (the function's own top-level code) to 0 ms, so a cold start costs the
 * runtime bootstrap alone, as a hello-world function does.
 */
export function defaultFunctionSpec(name: string): FunctionSpec {
  const base = defaultFunctionConfig()
  return {
    name,
    runtime: base.runtime,
    handler: base.handler,
    memoryMB: base.memoryMB,
    timeoutSeconds: base.timeoutSeconds,
    architecture: base.architecture,
    reservedConcurrency: null,
    provisionedConcurrency: 0,
    idleLifetime: { kind: 'constant', ms: DefaultIdleLifetimeSeconds * 1000 },
    duration: { kind: 'constant', ms: 100 },
    init: { kind: 'constant', ms: 0 },
    runtimeInitMs: RuntimeInitMs[base.runtime][base.architecture],
    ephemeralStorageMB: 512,
    errorRate: 0,
    code: null,
    environment: {},
    maximumRetryAttempts: 2,
    maximumEventAgeSeconds: 21_600,
    onFailure: null,
  }
}

/** Structural equality of two distributions (for leaving defaults out when serializing). */
export function sameDistribution(a: DistributionSpec, b: DistributionSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
