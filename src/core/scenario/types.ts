/**
 * The scenario: everything a simulated run needs, as plain JSON (version 1). `parseScenario`
 * (validate.ts) turns untrusted JSON into the normalized `Scenario` below, with every default
 * filled in; the simulation reads only the normalized form. docs/scenario.md documents the file.
 */
import type { Architecture, Runtime } from '../lambda/function-config'

/** A random quantity in milliseconds (durations, init times, idle lifetimes). */
export type DistributionSpec =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** Normal, truncated at 0. */
  | { kind: 'normal'; meanMs: number; stdDevMs: number }
  /** Log-normal with the given mean and standard deviation of the values themselves (not of their logs). */
  | { kind: 'lognormal'; meanMs: number; stdDevMs: number }
  | { kind: 'exponential'; meanMs: number }

/** How requests arrive, in seconds from the start of the run. All random patterns are seeded. */
export type ArrivalSpec =
  /** Evenly spaced at `ratePerSecond`. */
  | { kind: 'constant'; ratePerSecond: number; startSecond?: number; endSecond?: number }
  /** Poisson process at `ratePerSecond`. */
  | { kind: 'poisson'; ratePerSecond: number; startSecond?: number; endSecond?: number }
  /** Exactly these times (seconds, fractional allowed). */
  | { kind: 'list'; seconds: number[] }
  /** Poisson whose rate changes at the given seconds (each step holds until the next). */
  | { kind: 'step'; steps: { atSecond: number; ratePerSecond: number }[] }
  /** Poisson at `baseRatePerSecond`, with `spikeRatePerSecond` between spikeStart and spikeStart + spikeDuration. */
  | {
      kind: 'spike'
      baseRatePerSecond: number
      spikeRatePerSecond: number
      spikeStartSecond: number
      spikeDurationSeconds: number
    }
  /** Poisson with a sinusoidal rate: mean × (1 + amplitude × sin), peaking at `peakSecond` of each period. */
  | {
      kind: 'diurnal'
      meanRatePerSecond: number
      /** 0–1: how far the rate swings around its mean. */
      amplitude: number
      /** Default 86,400 (a day). */
      periodSeconds?: number
      /** Default a quarter period. */
      peakSecond?: number
    }
  /** `count` requests at once at `atSecond`. */
  | { kind: 'burst'; atSecond: number; count: number }

/** How a caller invokes: synchronously, or asynchronously through Lambda's internal queue. */
export type InvocationType = 'RequestResponse' | 'Event'

/** Where async events go once retries or their maximum age run out. */
export interface OnFailureTarget {
  /** `destination` receives the full invocation record; `dlq` (SQS/SNS) only the event body. */
  kind: 'destination' | 'dlq'
  /** A name for the target, for reports (for example `orders-dlq`). */
  target: string
}

/** One function of the scenario, normalized (every field present). */
export interface FunctionSpec {
  name: string
  runtime: Runtime
  handler: string
  memoryMB: number
  timeoutSeconds: number
  architecture: Architecture
  /** null: draws from the account's unreserved pool. 0 stops the function. */
  reservedConcurrency: number | null
  /** Environments initialized ahead of traffic and never reclaimed for idleness. */
  provisionedConcurrency: number
  /** How long an idle environment lives after its last invocation (one draw per environment). */
  idleLifetime: DistributionSpec
  /**
   * Handler run time at 1,769 MB (one vCPU), when no code runs for real. All of it counts as CPU:
   * below 1,769 MB it is multiplied by 1,769 / memory; above, unchanged (one thread).
   */
  duration: DistributionSpec
  /** The function's own INIT (module top level), ms. */
  init: DistributionSpec
  /** The runtime's bootstrap before the function's INIT, ms (defaults per runtime; 0 turns it off). */
  runtimeInitMs: number
  /** /tmp size, MB (512–10,240); billed above 512. */
  ephemeralStorageMB: number
  /** Probability (0–1) that a modeled invocation ends in a function error. */
  errorRate: number
  /** Handler source, run for real by a sandbox instead of the duration model. */
  code: string | null
  environment: Record<string, string>
  /** Async retries after a function error: 0–2 (default 2). */
  maximumRetryAttempts: number
  /** Async events older than this are dropped (or sent on failure): 60–21,600 s (default 21,600). */
  maximumEventAgeSeconds: number
  onFailure: OnFailureTarget | null
}

/** A stream of requests to one function. */
export interface TrafficSpec {
  function: string
  invocationType: InvocationType
  arrivals: ArrivalSpec
  /** Size of each request payload, bytes (checked against the 6 MB / 1 MB limits). Default 1 KB. */
  payloadBytes: number
}

/** Account-wide settings. */
export interface AccountSpec {
  /** Concurrent executions per region (default 1,000). */
  concurrencyLimit: number
  /** `current`: 1,000 new environments per function per 10 s; `legacy`: regional burst then +500 per minute. */
  scalingModel: 'current' | 'legacy'
  /** Legacy model's initial regional burst: 3,000, 1,000 or 500 (default 3,000). */
  burst: number
}

/** Dated price models (see billing/). */
export type PriceModelId = 'current' | '2025-07' | '2020-11'

/** Which dated price model bills the run, and whether the monthly free tier applies to it. */
export interface PricingSpec {
  model: PriceModelId
  /** Apply the monthly free tier (1M requests, 400,000 GB-s). */
  freeTier: boolean
}

/** A whole scenario, normalized. */
export interface Scenario {
  version: 1
  /** What the scenario shows, in a few lines (worked examples, workshop material). Optional. */
  description?: string
  seed: number
  durationSeconds: number
  account: AccountSpec
  pricing: PricingSpec
  functions: FunctionSpec[]
  traffic: TrafficSpec[]
}

/** A field that failed validation: where it is, and what is allowed instead. */
export interface ScenarioError {
  /** JSON path, for example `functions[0].memoryMB`. */
  path: string
  message: string
}

/** Duration percentiles, ms. */
export interface Percentiles {
  p50: number
  p90: number
  p99: number
}

/** Money in US dollars, computed from integer units and rounded only for display. */
export interface UsdBreakdown {
  requests: number
  compute: number
  provisioned: number
  total: number
}

/** Counts and cost for a function or for the whole scenario (the CLI's `--json` output). */
export interface RunSummary {
  /** Invocations that ran (successes and errors; not throttles). Retries count again. */
  invocations: number
  coldStarts: number
  coldStartRatio: number
  /** Requests refused for concurrency (sync 429s, and async throttle attempts). */
  throttles: number
  /** Invocations that ended in a function error or timeout. */
  errors: number
  /** Async retry attempts after function errors. */
  retries: number
  /** Async events given up on and sent to a DLQ or on-failure destination. */
  deadLettered: number
  /** Async events given up on with nowhere to go. */
  dropped: number
  durationMs: Percentiles
  maxConcurrency: number
  /** Time-averaged environments alive (initializing, busy or idle). */
  avgInstances: number
  /** Time-averaged environments running an invocation (a cold start's INIT included). */
  avgBusy: number
  billing: {
    requests: number
    gbSeconds: number
    usd: UsdBreakdown
  }
}

/** The report of a whole run. */
export interface SimulationReport extends RunSummary {
  seed: number
  durationSeconds: number
  functions: Record<string, RunSummary>
}
