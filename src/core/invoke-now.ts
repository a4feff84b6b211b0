/**
 * "Send one request now": a synchronous invocation injected by hand at the current virtual
 * time, with an event the person chose, outside the scenario's traffic. It is routed, billed,
 * logged and explained like any request; what is kept apart is its result (response or error
 * body and its own log lines), so that the page can show it next to the run.
 */
import { modeledFunctionError, timeoutError } from './lambda/errors'
import type { ExecEnv, Job } from './platform/environment'
import { Outcome } from './platform/environment'
import type { FunctionRuntime } from './platform/function-runtime'
import type { Platform } from './platform/platform'
import { Refusal } from './platform/concurrency'
import type { LogContext, LogLine } from './telemetry/invocation-log'

/** A request sent by hand, as it stands. Plain data. */
export interface SentRequest {
  requestId: string
  function: string
  /** Virtual ms at which it was sent (and started, unless throttled). */
  sentAt: number
  /** `running` until the invocation ends; `throttled` when it was refused (429). */
  status: 'running' | 'succeeded' | 'failed' | 'throttled'
  /** How the invocation ended (null while running and when throttled). */
  outcome: 'success' | 'error' | 'timeout' | 'crash' | null
  /** The request created its environment (a cold start with INIT). */
  cold: boolean
  /** Virtual ms at which it ended (null while running and when throttled). */
  endedAt: number | null
  /**
   * What the caller receives, JSON: the handler's response, the error body, or Lambda's 429
   * body. Null while running.
   */
  responseJson: string | null
  /** Why it was throttled, in words (null otherwise). */
  throttledBecause: string | null
  /** Its CloudWatch lines (START, the handler's own lines, END, REPORT), once it ended. */
  lines: LogLine[]
}

const OUTCOMES = ['success', 'error', 'timeout', 'crash'] as const

/** The refusal in the words of Lambda's 429 (`TooManyRequestsException`, reference §3.2). */
const REFUSALS: Record<number, string> = {
  [Refusal.Stopped]: 'the function is stopped (reserved concurrency 0)',
  [Refusal.Reserved]: "the function's reserved concurrency is all in use",
  [Refusal.Account]: "the account's unreserved concurrency is all in use",
  [Refusal.ScalingRate]: 'the scaling rate allows no new execution environment now',
}

/** Requests sent by hand in one run: the most recent `capacity` are kept. */
export class SentRequests {
  readonly #kept: SentRequest[] = []

  constructor(
    private readonly platform: Platform,
    private readonly ctx: LogContext,
    private readonly capacity = 20,
  ) {}

  /**
   * Sends one synchronous request to `fn` now with `payload` as its event (real code receives
   * it; a modeled function ignores it). Counted like a scenario's synchronous request.
   */
  send(fn: FunctionRuntime, payload: unknown): SentRequest {
    const p = this.platform
    const reqNo = p.newRequest(fn)
    const sent: SentRequest = {
      requestId: p.requestId(reqNo),
      function: fn.name,
      sentAt: p.kernel.now,
      status: 'running',
      outcome: null,
      cold: false,
      endedAt: null,
      responseJson: null,
      throttledBecause: null,
      lines: [],
    }
    this.#keep(sent)
    const job: Job = { payload, finished: (env) => this.#finished(sent, fn, env) }
    const refusal = p.start(fn, reqNo, p.kernel.now, job)
    if (refusal !== Refusal.None) {
      fn.counters.requestsThrottled++
      p.total.requestsThrottled++
      sent.status = 'throttled'
      sent.throttledBecause = REFUSALS[refusal] ?? 'concurrency'
      sent.responseJson = JSON.stringify({
        errorType: 'TooManyRequestsException',
        errorMessage: `Rate Exceeded: ${sent.throttledBecause}`,
      })
      return { ...sent }
    }
    // The environment serving it is busy with it now: was it created for it?
    sent.cold = p.envs.some((env) => env.reqNo === reqNo && env.cold && env.job === job)
    return { ...sent }
  }

  /** Every kept request, oldest first (copies). */
  all(): SentRequest[] {
    return this.#kept.map((sent) => ({ ...sent }))
  }

  /** One kept request by id (a copy), or undefined. */
  get(requestId: string): SentRequest | undefined {
    const sent = this.#kept.find((s) => s.requestId === requestId)
    return sent === undefined ? undefined : { ...sent }
  }

  #keep(sent: SentRequest): void {
    this.#kept.push(sent)
    if (this.#kept.length > this.capacity) this.#kept.shift()
  }

  /** Called by the platform when the invocation ends (its log record was just added). */
  #finished(sent: SentRequest, fn: FunctionRuntime, env: ExecEnv): void {
    const p = this.platform
    const now = p.kernel.now
    const failed = env.outcome !== Outcome.Success
    if (failed) {
      fn.counters.requestsFailed++
      p.total.requestsFailed++
    } else {
      fn.counters.requestsSucceeded++
      p.total.requestsSucceeded++
    }
    sent.status = failed ? 'failed' : 'succeeded'
    sent.outcome = OUTCOMES[env.outcome] ?? 'error'
    sent.endedAt = now
    sent.cold = env.cold
    sent.responseJson = env.responseJson ?? this.#modeledBody(sent, fn, env)
    // The platform logs an invocation just before it calls its job: the newest record is this.
    sent.lines = p.log.lines(this.ctx, 1)
  }

  /** A modeled invocation ran no code: the body Lambda would return for its outcome. */
  #modeledBody(sent: SentRequest, fn: FunctionRuntime, env: ExecEnv): string {
    if (env.outcome === Outcome.Success) return 'null'
    if (env.outcome === Outcome.Timeout) {
      const end = this.ctx.epochMs + env.startedAt + env.coldInitMs + fn.timeoutMs
      return JSON.stringify(timeoutError(end, sent.requestId, fn.spec.timeoutSeconds))
    }
    return JSON.stringify(modeledFunctionError)
  }
}
