import { outOfMemoryError, timeoutError } from '../../core/lambda/errors'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import type { ExecutorStep, InvocationCoroutine, WaitResult } from '../../core/ports'
import { runtimeExitError } from '../runtime/init-errors'
import type { CallResult, GuestCall, InvokeReport, QuickJSEnvironment } from './quickjs-environment'

/** One invocation as the executor starts it. */
export interface InvocationRequest {
  requestId: string
  eventJson: string
  /** Epoch ms at which the guest's own interrupt cuts it (just after the core's timeout). */
  deadlineMs: number
  timeoutSeconds: number
  /** Virtual ms per CPU ms (Lambda's CPU share at this memory). */
  cpuScale: number
  /** The simulation's time now, epoch ms. */
  now(): number
}

/** The error body of an invocation whose environment died (timeout, out of memory, crash). */
function faultError(report: InvokeReport, requestId: string, timeoutSeconds: number) {
  if (report.end === 'timeout') {
    return timeoutError(report.startedAt + report.durationMs, requestId, timeoutSeconds)
  }
  if (report.end === 'out-of-memory') return outOfMemoryError(requestId)
  return report.error ?? runtimeExitError(requestId, 'with error: signal: aborted')
}

const ENDED: LambdaErrorPayload = {
  errorType: 'Runtime.Unknown',
  errorMessage: 'The invocation was resumed after it ended',
}

/** What resumes a call wait; anything else (a driver's mistake) fails the call, not the host. */
function callResult(result: WaitResult | undefined): CallResult {
  if (result?.kind === 'call') return result
  const error = {
    errorType: 'InternalFailure',
    errorMessage: 'The call was resumed without its answer',
  }
  return { kind: 'call', ok: false, error }
}

/**
 * An invocation in a QuickJS environment as a coroutine: each `resume` runs the guest until the
 * handler settles, waits on a timer or calls a simulated service (the core performs the call and
 * resumes it with the answer once the call's latency is over), and reports the CPU time its
 * segments used (counted from QuickJS's interrupt polls, guest-clock.ts, so the same code reports
 * the same time on every machine; the CPU at one vCPU: the core scales it by memory). The
 * guest's clock is moved to the simulation's time at each resume and runs at `cpuScale` inside
 * segments, so `Date.now()`, log timestamps and the interrupt at the deadline all agree with the
 * core's accounting.
 */
export class QuickJSInvocation implements InvocationCoroutine {
  #started = false
  #ended = false
  /** The call the last step yielded, answered by the next `resume`. */
  #call: GuestCall | undefined

  constructor(
    /** The environment, or the step that failed its (late) INIT. */
    private readonly env: QuickJSEnvironment | ExecutorStep,
    private readonly request: InvocationRequest,
  ) {}

  resume(result?: WaitResult): ExecutorStep {
    const { env, request } = this
    if (this.#ended) return { kind: 'error', cpuMs: 0, error: ENDED, fatal: true }
    if (!('clock' in env)) {
      this.#ended = true
      return env
    }
    const clock = env.clock
    const busy = clock.busyMs
    if (this.#started) {
      const now = request.now()
      // A timer wait ends with its timer (the core resumes at the whole ms after it); a call
      // ends with its answer, after the timers set to fire before it.
      if (this.#call) {
        env.resolveCall(this.#call, callResult(result), now)
        env.catchUp(now)
      } else env.wake(now)
      this.#call = undefined
    } else {
      this.#started = true
      clock.rate = request.cpuScale
      env.startInvocation(request.requestId, request.eventJson, request.now(), request.deadlineMs)
    }
    const step = env.settle()
    const cpuMs = clock.busyMs - busy
    if (step.kind === 'call') {
      this.#call = step.call
      const { service, operation, requestJson } = step.call
      const wait = { kind: 'call' as const, service, operation, requestJson }
      return { kind: 'wait', cpuMs, wait, logs: env.takeLogLines() }
    }
    if (step.kind === 'wait') {
      const ms = Math.max(0, Math.min(step.until, request.deadlineMs) - clock.now())
      return { kind: 'wait', cpuMs, wait: { kind: 'timer', ms }, logs: env.takeLogLines() }
    }
    return this.#end(env, env.finishInvocation(step.end), cpuMs)
  }

  #end(env: QuickJSEnvironment, report: InvokeReport, cpuMs: number): ExecutorStep {
    this.#ended = true
    env.clock.rate = 1
    const logs = env.takeLogLines()
    if (report.end === 'done' && report.error) {
      return { kind: 'error', cpuMs, error: report.error, logs }
    }
    if (report.end === 'done') {
      return { kind: 'done', cpuMs, responseJson: report.responseJson ?? 'null', logs }
    }
    const error = faultError(report, this.request.requestId, this.request.timeoutSeconds)
    return { kind: 'error', cpuMs, error, fatal: true, logs }
  }

  abort(): void {
    // The core cut it at the timeout and discards the environment, which frees everything.
    this.#ended = true
  }
}
