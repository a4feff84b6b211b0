/**
 * The platform model: routes each request to an execution environment (warm → the most recently
 * used idle one; else cold, if concurrency and the scaling rate allow), runs it for a modeled or
 * real duration, and frees, keeps or discards the environment. Counters, series, logs and
 * explanations are updated on the way; billing goes to the meter. All state changes happen in
 * kernel events, so the same seed gives the same run, event for event.
 */
import type { AccountSpec, FunctionSpec } from '../scenario/types'
import { Kernel, Priority } from '../sim/kernel'
import { bucketOf } from '../telemetry/histogram'
import { Explanations, Why } from '../telemetry/explanations'
import { InvocationLog } from '../telemetry/invocation-log'
import { Metric } from '../telemetry/series'
import type { Meter, InvocationCharge } from '../billing/meter'
import type { Executor, ServiceCalls } from '../ports'
import { Concurrency, Refusal } from './concurrency'
import { EnvState, ExecEnv, Outcome, type Job } from './environment'
import { Counters, FunctionRuntime } from './function-runtime'
import { LegacyBurst } from './scaling'
import { RealRuns } from './real-runs'
import { EventKind } from './event-kinds'
import { deriveSeed } from './function-runtime'
import { uuidFromSeed } from './request-ids'
import { explainRefusal, provision, provisionedReady } from './provisioning'
import { billInvocation, countEnded, newCharge } from './accounting'

// Imported const objects are live bindings (property getters under some loaders, tsx among
// them); the hot path reads these module-local copies instead.
const M_CONCURRENT = Metric.ConcurrentExecutions
const M_ENVIRONMENTS = Metric.Environments
const S_IDLE = EnvState.Idle
const S_BUSY = EnvState.Busy
const O_SUCCESS = Outcome.Success
const O_ERROR = Outcome.Error
const O_TIMEOUT = Outcome.Timeout
const R_NONE = Refusal.None
const W_COLD = Why.Cold
const W_WARM = Why.Warm
const K_ARRIVAL = EventKind.Arrival
const K_END = EventKind.End
const K_EXPIRY = EventKind.Expiry
const K_READY = EventKind.ProvisionedReady
const K_ASYNC_ATTEMPT = EventKind.AsyncAttempt
const K_ASYNC_GIVE_UP = EventKind.AsyncGiveUp
const K_RESUME = EventKind.Resume
const K_POLL = EventKind.Poll
const K_CALL = EventKind.Call
const S_RECLAIMED = EnvState.Reclaimed
const O_CRASH = Outcome.Crash
const P_HIGH = Priority.High
const bucketOfMs = bucketOf

/** Options of the platform model. */
export interface PlatformOptions {
  /** The run's seed: every random stream and request id derives from it. */
  seed: number
  /** Time averages (instances, busy) cover [0, horizon). */
  horizonMs: number
  /** Concurrency limit and scaling model. */
  account: AccountSpec
  /** The functions, normalized. */
  functions: FunctionSpec[]
  /** Receives every invocation that ran (null: no billing). */
  meter?: Meter | null
  /** Runs functions that have `code` (null: everything is modeled). */
  executor?: Executor | null
  /** Answers real code's service calls. */
  services?: ServiceCalls | null
  /** Invocation records kept for logs and spans (default 1,000). */
  logCapacity?: number
  /** Decisions kept (default 1,000). */
  explanationCapacity?: number
  /** Buckets per metric series (default 512). */
  seriesCapacity?: number
  /** Virtual time 0 as epoch ms, for timestamps (default 2026-01-01T00:00:00Z). */
  epochMs: number
}

/** The platform's state and rules. */
export class Platform {
  /** The virtual clock and event heap. */
  readonly kernel: Kernel
  /** Per-function state, in scenario order. */
  readonly functions: FunctionRuntime[]
  readonly byName = new Map<string, FunctionRuntime>()
  /** Account-wide counters and series. */
  readonly total: Counters
  readonly concurrency: Concurrency
  /** The most recent decisions, explained. */
  readonly why: Explanations
  /** The most recent invocations (logs, spans). */
  readonly log: InvocationLog
  /** Environment table, indexed by slot; reclaimed slots are reused. */
  readonly envs: ExecEnv[] = []
  /** Real-code driver (null without an executor). */
  readonly real: RealRuns | null
  /** Legacy scaling ceiling, or null under the current model. */
  legacy: LegacyBurst | null
  meter: Meter | null
  /** Next request number. */
  nextReqNo = 0
  /** Hooks for event kinds owned by others (traffic, event source mappings). */
  onArrival: (stream: number) => void = () => {}
  onPoll: (mapping: number, at: number) => void = () => {}
  /** Async event handler (set by AsyncInvoker). */
  onAsync: (kind: number, slot: number, gen: number) => void = () => {}
  #nextEnvId = 1
  readonly #freeSlots: number[] = []
  readonly #charge: InvocationCharge = newCharge()

  constructor(readonly options: PlatformOptions) {
    const capacity = options.seriesCapacity ?? 512
    this.kernel = new Kernel((kind, a, b) => this.handle(kind, a, b))
    this.total = new Counters(options.horizonMs, capacity)
    this.functions = options.functions.map((spec, i) => {
      const fn = new FunctionRuntime(spec, i, options.seed, options.horizonMs, capacity)
      this.byName.set(spec.name, fn)
      return fn
    })
    this.concurrency = new Concurrency(options.account.concurrencyLimit, this.functions)
    this.legacy =
      options.account.scalingModel === 'legacy' ? new LegacyBurst(options.account.burst) : null
    this.why = new Explanations(options.explanationCapacity ?? 1000)
    this.log = new InvocationLog(options.logCapacity ?? 1000)
    this.meter = options.meter ?? null
    this.real = options.executor
      ? new RealRuns(this, options.executor, options.services ?? null)
      : null
    for (const fn of this.functions) provision(this, fn, fn.provisioned, true)
  }

  /** Dispatches a kernel event. */
  handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case K_ARRIVAL:
        return this.onArrival(a)
      case K_END:
        return this.#ended(this.#envAt(a, b))
      case K_EXPIRY:
        return this.#expiry(this.#envAt(a, b))
      case K_READY:
        return provisionedReady(this, this.#envAt(a, b))
      case K_ASYNC_ATTEMPT:
      case K_ASYNC_GIVE_UP:
        return this.onAsync(kind, a, b)
      case K_RESUME:
        return this.real?.resume(this.#envAt(a, b))
      case K_POLL:
        return this.onPoll(a, b)
      case K_CALL:
        return this.real?.call(this.#envAt(a, b))
    }
  }

  /** The request id (a UUID) of request number `reqNo`, derived from the seed. */
  requestId(reqNo: number): string {
    return uuidFromSeed(
      deriveSeed(this.options.seed, reqNo, 7),
      deriveSeed(this.options.seed, reqNo, 8),
    )
  }

  /** A new request number (request ids are derived from it). */
  newRequest(fn: FunctionRuntime): number {
    fn.counters.requests++
    this.total.requests++
    return this.nextReqNo++
  }

  /** A synchronous request now: runs, or is throttled (429). Returns the refusal, if any. */
  invokeSync(fn: FunctionRuntime): Refusal {
    const reqNo = this.newRequest(fn)
    const refusal = this.start(fn, reqNo, this.kernel.now, null)
    if (refusal !== R_NONE) {
      fn.counters.requestsThrottled++
      this.total.requestsThrottled++
    }
    return refusal
  }

  /**
   * Starts an invocation now on the best environment: an idle provisioned one, else (if the
   * concurrency pool allows) the most recently used idle one, else a new one (if the scaling
   * rate allows). Returns `R_NONE` when it started; otherwise records the throttle.
   */
  start(fn: FunctionRuntime, reqNo: number, queuedAt: number, job: Job | null): Refusal {
    const now = this.kernel.now
    let env = fn.idleProvisioned.shift()
    if (env !== null) {
      this.why.add(now, Why.WarmProvisioned, fn.index, reqNo, env.id)
      this.#begin(env, fn, reqNo, queuedAt, job, false, false)
      return R_NONE
    }
    let refusal = this.concurrency.check(fn)
    const idle = fn.idleOnDemand.size
    if (refusal === R_NONE && idle === 0) refusal = this.#scaleCheck(fn, now)
    if (refusal !== R_NONE) return this.#refuse(fn, reqNo, refusal)
    env = fn.idleOnDemand.shift()
    const cold = env === null
    if (env === null) {
      env = this.create(fn, false)
      this.why.add(now, W_COLD, fn.index, reqNo, fn.busyNow, env.id)
    } else this.why.add(now, W_WARM, fn.index, reqNo, env.id, idle)
    this.concurrency.acquire(fn)
    if (fn.provisioned > 0) {
      fn.counters.series.add(now, Metric.ProvisionedConcurrencySpilloverInvocations)
      this.total.series.add(now, Metric.ProvisionedConcurrencySpilloverInvocations)
      this.why.add(now, Why.Spillover, fn.index, reqNo, fn.provisioned)
    }
    this.#begin(env, fn, reqNo, queuedAt, job, true, cold)
    return R_NONE
  }

  /** Creates an environment (alive, not yet serving). */
  create(fn: FunctionRuntime, provisioned: boolean): ExecEnv {
    const now = this.kernel.now
    const slot = this.#freeSlots.pop() ?? this.envs.push(new ExecEnv()) - 1
    const env = this.envs[slot] as ExecEnv
    env.slot = slot
    env.id = this.#nextEnvId++
    env.fn = fn.index
    env.provisioned = provisioned
    env.retire = false
    env.createdAt = now
    env.lifetimeMs = Math.max(0, Math.round(fn.sampleLifetime()))
    env.expiryPending = false
    env.invocations = 0
    env.initMs = 0
    fn.counters.alive.change(now, 1)
    this.total.alive.change(now, 1)
    fn.counters.series.max(now, M_ENVIRONMENTS, fn.counters.alive.value)
    this.total.series.max(now, M_ENVIRONMENTS, this.total.alive.value)
    return env
  }

  /** Removes an environment for good (idle expiry, timeout, crash, retirement). */
  destroy(env: ExecEnv, why: Why, n2 = 0): void {
    const now = this.kernel.now
    const fn = this.functions[env.fn] as FunctionRuntime
    if (env.state === S_IDLE) {
      if (env.provisioned) fn.idleProvisioned.remove(env)
      else fn.idleOnDemand.remove(env)
    }
    env.state = EnvState.Reclaimed
    env.coroutine = null
    env.job = null
    if (env.provisioned && !env.retire) fn.provisionedAlive--
    fn.counters.alive.change(now, -1)
    this.total.alive.change(now, -1)
    this.#freeSlots.push(env.slot)
    this.real?.dispose(env)
    this.why.add(now, why, fn.index, -1, env.id, n2)
  }

  #envAt(slot: number, id: number): ExecEnv | null {
    const env = this.envs[slot]
    return env !== undefined && env.id === id && env.state !== S_RECLAIMED ? env : null
  }

  #scaleCheck(fn: FunctionRuntime, now: number): Refusal {
    if (this.legacy !== null) {
      return this.legacy.allow(now, this.total.busy.value) ? R_NONE : Refusal.ScalingRate
    }
    return fn.bucket.take(now) ? R_NONE : Refusal.ScalingRate
  }

  #refuse(fn: FunctionRuntime, reqNo: number, refusal: Refusal): Refusal {
    const now = this.kernel.now
    fn.counters.throttles++
    this.total.throttles++
    fn.counters.series.add(now, Metric.Throttles)
    this.total.series.add(now, Metric.Throttles)
    explainRefusal(this, fn, reqNo, refusal)
    return refusal
  }

  #begin(
    env: ExecEnv,
    fn: FunctionRuntime,
    reqNo: number,
    queuedAt: number,
    job: Job | null,
    onDemand: boolean,
    cold: boolean,
  ): void {
    const now = this.kernel.now
    env.state = S_BUSY
    env.reqNo = reqNo
    env.queuedAt = queuedAt
    env.startedAt = now
    env.onDemand = onDemand
    env.job = job
    env.responseJson = null
    env.invocations++
    const c = fn.counters
    c.busy.change(now, 1)
    this.total.busy.change(now, 1)
    if (c.busy.value > c.maxConcurrency) c.maxConcurrency = c.busy.value
    if (this.total.busy.value > this.total.maxConcurrency)
      this.total.maxConcurrency = this.total.busy.value
    c.series.max(now, M_CONCURRENT, c.busy.value)
    this.total.series.max(now, M_CONCURRENT, this.total.busy.value)
    env.cold = cold
    env.coldInitMs = cold ? fn.spec.runtimeInitMs + fn.sampleInit() : 0
    if (cold) env.initMs = env.coldInitMs
    if (this.real !== null && fn.spec.code !== null) return this.real.begin(env, fn)
    let run = fn.sampleDuration() * fn.cpuScale
    if (run >= fn.timeoutMs) {
      run = fn.timeoutMs
      env.outcome = O_TIMEOUT
    } else env.outcome = fn.errors.next() < fn.spec.errorRate ? O_ERROR : O_SUCCESS
    env.runMs = run
    this.kernel.scheduleAt(now + Math.ceil(env.coldInitMs + run), K_END, env.slot, env.id, P_HIGH)
  }

  #ended(env: ExecEnv | null): void {
    if (env === null) return
    const now = this.kernel.now
    const fn = this.functions[env.fn] as FunctionRuntime
    const run = env.runMs
    const bucket = bucketOfMs(run)
    const cold = env.cold
    const failed = env.outcome !== O_SUCCESS
    countEnded(fn.counters, now, run, bucket, cold, failed)
    countEnded(this.total, now, run, bucket, cold, failed)
    if (env.onDemand) this.concurrency.release(fn)
    const init = cold ? env.coldInitMs : -1
    this.log.add(
      fn.index,
      env.id,
      env.reqNo,
      env.queuedAt,
      env.startedAt,
      init,
      run,
      env.outcome,
      env.appLines ?? undefined,
    )
    env.appLines = null
    if (this.meter !== null) billInvocation(this.meter, this.#charge, fn, env)
    const job = env.job
    env.job = null
    if (env.outcome === O_TIMEOUT) this.destroy(env, Why.DiscardedTimeout)
    else if (env.outcome === O_CRASH) this.destroy(env, Why.DiscardedCrash)
    else if (env.retire) this.destroy(env, Why.Retired)
    else this.release(env, fn)
    if (job !== null) job.finished(env)
    else if (failed) {
      fn.counters.requestsFailed++
      this.total.requestsFailed++
    } else {
      fn.counters.requestsSucceeded++
      this.total.requestsSucceeded++
    }
  }

  /** Freezes `env` after an invocation (or INIT): most recently used, with its idle deadline. */
  release(env: ExecEnv, fn: FunctionRuntime): void {
    const now = this.kernel.now
    env.state = S_IDLE
    env.releasedAt = now
    if (env.provisioned) return fn.idleProvisioned.push(env)
    fn.idleOnDemand.push(env)
    if (!env.expiryPending) {
      env.expiryPending = true
      this.kernel.scheduleAt(now + env.lifetimeMs, K_EXPIRY, env.slot, env.id, P_HIGH)
    }
  }

  #expiry(env: ExecEnv | null): void {
    if (env === null) return
    env.expiryPending = false
    if (env.state !== S_IDLE) return
    const due = env.releasedAt + env.lifetimeMs
    if (this.kernel.now >= due)
      return this.destroy(env, Why.Reclaimed, this.kernel.now - env.releasedAt)
    env.expiryPending = true
    this.kernel.scheduleAt(due, K_EXPIRY, env.slot, env.id, P_HIGH)
  }
}
