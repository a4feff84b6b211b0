/**
 * The live state of one function during a run: its configuration (mutable by `setConfig`), its
 * samplers, its idle environments (most recently used first) and its counters.
 */
import { Limits } from '../lambda/limits'
import type { FunctionSpec } from '../scenario/types'
import { createSampler } from '../sim/distributions'
import { createRng, type Rng } from '../sim/rng'
import { DurationHistogram } from '../telemetry/histogram'
import { Series } from '../telemetry/series'
import type { PoolMember } from './concurrency'
import { IdleList } from './environment'
import { TokenBucket } from './scaling'

/** A time integral of a count (for time-averaged environments and busy). */
export class Integral {
  value = 0
  area = 0
  #at = 0

  constructor(private readonly horizon: number) {}

  /** Changes the count by `delta` at time `now`. */
  change(now: number, delta: number): void {
    const t = now < this.horizon ? now : this.horizon
    if (t > this.#at) {
      this.area += this.value * (t - this.#at)
      this.#at = t
    }
    this.value += delta
  }

  /** The time average over [0, min(now, horizon)]. */
  average(now: number): number {
    const t = Math.min(now, this.horizon)
    if (t <= 0) return this.value
    return (this.area + this.value * Math.max(0, t - this.#at)) / t
  }
}

/** Counters of a function (or of the whole account) for the report. */
export class Counters {
  invocations = 0
  coldStarts = 0
  throttles = 0
  errors = 0
  retries = 0
  deadLettered = 0
  dropped = 0
  /** Requests (sync calls and async events); each ends in exactly one of the outcomes below. */
  requests = 0
  /** Sync requests that succeeded, and async events that succeeded on some attempt. */
  requestsSucceeded = 0
  /** Sync requests that ended in a function error or timeout. */
  requestsFailed = 0
  /** Sync requests refused with a 429. */
  requestsThrottled = 0
  maxConcurrency = 0
  readonly durations = new DurationHistogram()
  readonly alive: Integral
  readonly busy: Integral
  readonly series: Series

  constructor(horizonMs: number, seriesCapacity: number) {
    this.alive = new Integral(horizonMs)
    this.busy = new Integral(horizonMs)
    this.series = new Series(seriesCapacity)
  }
}

/** Mixes a seed with small integers into an independent 32-bit seed (splitmix-style). */
export function deriveSeed(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** One function's runtime state. */
export class FunctionRuntime implements PoolMember {
  readonly name: string
  spec: FunctionSpec
  reserved: number | null
  provisioned: number
  onDemandBusy = 0
  /** Provisioned environments busy, initializing or idle. */
  provisionedAlive = 0
  readonly idleProvisioned = new IdleList()
  readonly idleOnDemand = new IdleList()
  readonly bucket = new TokenBucket()
  readonly counters: Counters
  /** Duration multiplier from memory: 1769/memory below one vCPU, 1 above. */
  cpuScale = 1
  timeoutMs = 0
  sampleDuration!: () => number
  sampleInit!: () => number
  sampleLifetime!: () => number
  /** Draws for modeled errors. */
  readonly errors: Rng
  /** Configurations applied so far: each gets fresh sampler streams. */
  #generation = 0

  constructor(
    spec: FunctionSpec,
    readonly index: number,
    seed: number,
    horizonMs: number,
    seriesCapacity: number,
  ) {
    this.name = spec.name
    this.spec = spec
    this.reserved = spec.reservedConcurrency
    this.provisioned = spec.provisionedConcurrency
    this.counters = new Counters(horizonMs, seriesCapacity)
    this.errors = createRng(deriveSeed(seed, index, 0))
    this.configure(spec, seed)
  }

  /** Applies a (new) spec: samplers restart from seeds derived from the run's seed. */
  configure(spec: FunctionSpec, seed: number): void {
    this.spec = spec
    this.cpuScale =
      spec.memoryMB < Limits.MemoryPerVcpuMB ? Limits.MemoryPerVcpuMB / spec.memoryMB : 1
    this.timeoutMs = spec.timeoutSeconds * 1000
    // Each configuration draws from fresh streams, so a change never replays earlier samples.
    const g = 4 * this.#generation++
    const rng = (purpose: number) => createRng(deriveSeed(seed, this.index, g + purpose))
    this.sampleDuration = createSampler(spec.duration, rng(1))
    this.sampleInit = createSampler(spec.init, rng(2))
    this.sampleLifetime = createSampler(spec.idleLifetime, rng(3))
  }

  /** Invocations of this function in flight now. */
  get busyNow(): number {
    return this.counters.busy.value
  }
}
