/**
 * Invocations of real code through the executor port, as coroutines in virtual time: each slice
 * of CPU (scaled by memory) and each wait (timer, service call) moves the invocation's own clock;
 * the core resumes it at that virtual moment, or cuts it at the function timeout.
 */
import { timeoutError } from '../lambda/errors'
import type { Executor, ExecutorStep, ServiceCalls } from '../ports'
import { Priority } from '../sim/kernel'
import { EnvState, Outcome, type ExecEnv } from './environment'
import type { FunctionRuntime } from './function-runtime'
import type { Platform } from './platform'
import { EventKind } from './event-kinds'

/** Drives executor coroutines for the platform. */
export class RealRuns {
  constructor(
    private readonly platform: Platform,
    private readonly executor: Executor,
    private readonly services: ServiceCalls | null,
  ) {
    executor.attachClock?.({ epochMs: platform.options.epochMs, now: () => platform.kernel.now })
  }

  /** Starts real code on a busy environment (running INIT first on a cold start). */
  begin(env: ExecEnv, fn: FunctionRuntime): void {
    env.elapsedMs = 0
    env.appLines = null
    env.pending = null
    env.call = null
    const ref = { functionName: fn.name, environmentId: env.id, memoryMB: fn.spec.memoryMB }
    if (env.cold) {
      // INIT gets a full CPU burst whatever the memory (reference §2.2), so it is not scaled.
      const init = this.executor.init(ref, fn.spec.code ?? '')
      env.coldInitMs = fn.spec.runtimeInitMs + init.cpuMs
      env.initMs = env.coldInitMs
      this.#lines(env, init)
      // A failed INIT resets the environment; the next request initializes a new one.
      if (init.kind === 'error') return this.#finish(env, Outcome.Crash, JSON.stringify(init.error))
    }
    const requestId = this.platform.requestId(env.reqNo)
    const job = env.job
    const runStart = this.platform.kernel.now + Math.ceil(env.coldInitMs)
    env.coroutine = this.executor.invoke(ref, {
      requestId,
      eventJson: JSON.stringify(job === null ? {} : (job.payload ?? {})),
      deadlineMs: runStart + fn.timeoutMs,
    })
    // The handler starts when INIT is over, so its calls happen at the right virtual moment.
    if (runStart > this.platform.kernel.now) this.#schedule(env, EventKind.Resume)
    else this.resume(env)
  }

  /** Runs the next slice of an invocation (at its virtual resume time). */
  resume(env: ExecEnv | null): void {
    if (env === null || env.state !== EnvState.Busy || env.coroutine === null) return
    const fn = this.platform.functions[env.fn] as FunctionRuntime
    const result = env.pending ?? undefined
    env.pending = null
    const step = env.coroutine.resume(result)
    this.#lines(env, step)
    env.elapsedMs += step.cpuMs * fn.cpuScale
    // A slice that ran past the timeout was cut there: whatever it ended with never happened.
    if (env.elapsedMs >= fn.timeoutMs) return this.#finish(env, Outcome.Timeout, null)
    if (step.kind === 'done') return this.#finish(env, Outcome.Success, step.responseJson)
    if (step.kind === 'error') {
      const outcome = step.fatal ? Outcome.Crash : Outcome.Error
      return this.#finish(env, outcome, JSON.stringify(step.error))
    }
    if (step.wait.kind === 'call') {
      // Made after the CPU slice: perform it at that virtual moment, not now.
      env.call = step.wait
      return this.#schedule(env, EventKind.Call)
    }
    env.elapsedMs += Math.max(0, step.wait.ms)
    env.pending = { kind: 'timer' }
    this.#next(env, fn)
  }

  /** Performs the service call an invocation made, at the virtual moment it made it. */
  call(env: ExecEnv | null): void {
    if (env === null || env.state !== EnvState.Busy || env.call === null) return
    const fn = this.platform.functions[env.fn] as FunctionRuntime
    const { service, operation, requestJson } = env.call
    env.call = null
    if (this.services === null) {
      const error = { errorType: 'UnknownService', errorMessage: `No simulated ${service}` }
      env.pending = { kind: 'call', ok: false, error }
    } else {
      const answer = this.services.call(service, operation, requestJson)
      env.elapsedMs += Math.max(0, answer.latencyMs)
      env.pending = answer.result
    }
    this.#next(env, fn)
  }

  /** Resumes after the wait, or ends at the timeout if the wait runs past it. */
  #next(env: ExecEnv, fn: FunctionRuntime): void {
    if (env.elapsedMs >= fn.timeoutMs) return this.#finish(env, Outcome.Timeout, null)
    this.#schedule(env, EventKind.Resume)
  }

  /** The environment is gone: free its realm. */
  dispose(env: ExecEnv): void {
    this.executor.dispose(env.id)
  }

  #finish(env: ExecEnv, outcome: Outcome, body: string | null): void {
    const fn = this.platform.functions[env.fn] as FunctionRuntime
    if (outcome === Outcome.Timeout) {
      env.coroutine?.abort()
      env.elapsedMs = fn.timeoutMs
      const end = this.platform.options.epochMs + env.startedAt + env.coldInitMs + fn.timeoutMs
      body = JSON.stringify(
        timeoutError(end, this.platform.requestId(env.reqNo), fn.spec.timeoutSeconds),
      )
    }
    env.coroutine = null
    env.outcome = outcome
    env.runMs = env.elapsedMs
    env.responseJson = body
    this.#schedule(env, EventKind.End)
  }

  /** Schedules the next resume or the end at the invocation's own clock. */
  #schedule(env: ExecEnv, kind: number): void {
    const at = env.startedAt + Math.ceil(env.coldInitMs + env.elapsedMs)
    const kernel = this.platform.kernel
    kernel.scheduleAt(
      Math.max(at, kernel.now),
      kind,
      env.slot,
      env.id,
      kind === EventKind.End ? Priority.High : Priority.Normal,
    )
  }

  #lines(env: ExecEnv, step: ExecutorStep): void {
    if (step.logs === undefined || step.logs.length === 0) return
    env.appLines = (env.appLines ?? []).concat(step.logs)
  }
}
