/**
 * Lambda's internal queue for asynchronous invocations: accepts events, attempts them, retries
 * throttles with backoff and function errors 1 then 2 minutes later, and gives up (destination,
 * DLQ or drop) when retries or the maximum event age run out. Reserved concurrency 0 sends events
 * straight to the on-failure target without retries.
 */
import { modeledFunctionError, timeoutError, type LambdaErrorPayload } from '../lambda/errors'
import { Why } from '../telemetry/explanations'
import { Metric } from '../telemetry/series'
import {
  AsyncEvent,
  destinationRecord,
  errorRetryDelayMs,
  throttleBackoffMs,
  type AsyncOwner,
  type DeliveredFailure,
  type FailureCondition,
} from './async-events'
import { Refusal } from './concurrency'
import { Outcome, type ExecEnv } from './environment'
import { EventKind } from './event-kinds'
import type { FunctionRuntime } from './function-runtime'
import type { OnFailureTarget } from '../scenario/types'
import type { Platform } from './platform'

/** The body of a modeled function error. */
export const MODELED_ERROR: LambdaErrorPayload = modeledFunctionError

/** The async queue of all functions. */
export class AsyncInvoker implements AsyncOwner {
  readonly #pool: AsyncEvent[] = []
  readonly #free: number[] = []
  #live = 0
  #waiting = 0
  /** Waiting events per function index. */
  readonly #waitingOf: number[] = []
  /** The most recent deliveries to on-failure targets (bounded). */
  readonly delivered: DeliveredFailure[] = []

  constructor(
    private readonly platform: Platform,
    private readonly deliveredCapacity = 100,
  ) {
    platform.onAsync = (kind, slot, gen) => this.#handle(kind, slot, gen)
  }

  /** Events waiting in the queue (between attempts) or running. */
  get inQueue(): number {
    return this.#live
  }

  /** Events waiting for their next attempt (after a throttle or a function error). */
  get waiting(): number {
    return this.#waiting
  }

  /** Accepts an event for `fn` now (202) and attempts it at once. */
  receive(fn: FunctionRuntime, payload: unknown = null): AsyncEvent {
    const p = this.platform
    const now = p.kernel.now
    const event = this.#take()
    event.reset(fn.index, p.newRequest(fn), now, payload)
    this.#live++
    fn.counters.series.add(now, Metric.AsyncEventsReceived)
    p.total.series.add(now, Metric.AsyncEventsReceived)
    this.#attempt(event)
    return event
  }

  /** Called by the platform when an attempt ends. */
  asyncFinished(event: AsyncEvent, env: ExecEnv): void {
    const p = this.platform
    const fn = p.functions[event.fn] as FunctionRuntime
    if (env.outcome === Outcome.Success) {
      this.#release(event)
      fn.counters.requestsSucceeded++
      p.total.requestsSucceeded++
      return
    }
    event.lastError = this.#errorOf(env, fn)
    const retries = fn.spec.maximumRetryAttempts
    if (event.invokeCount > retries) return this.#giveUp(event, 'RetriesExhausted')
    const delay = errorRetryDelayMs(event.invokeCount)
    p.why.add(
      p.kernel.now,
      Why.RetryAfterError,
      fn.index,
      event.reqNo,
      event.invokeCount,
      retries,
      delay,
    )
    this.#later(event, delay)
  }

  #take(): AsyncEvent {
    const slot = this.#free.pop()
    if (slot !== undefined) return this.#pool[slot] as AsyncEvent
    const event = new AsyncEvent(this)
    event.slot = this.#pool.push(event) - 1
    return event
  }

  #release(event: AsyncEvent): void {
    event.live = false
    event.payload = null
    this.#free.push(event.slot)
    this.#live--
  }

  #handle(kind: number, slot: number, gen: number): void {
    const event = this.#pool[slot]
    if (event === undefined || !event.live || event.gen !== gen) return
    // Its wait is over: it is attempted now, or given up on.
    this.#wait(event, -1)
    if (kind === EventKind.AsyncAttempt) this.#attempt(event)
    else this.#giveUp(event, 'EventAgeExceeded')
  }

  #attempt(event: AsyncEvent): void {
    const p = this.platform
    const now = p.kernel.now
    const fn = p.functions[event.fn] as FunctionRuntime
    fn.counters.series.max(now, Metric.AsyncEventAge, now - event.enqueuedAt)
    p.total.series.max(now, Metric.AsyncEventAge, now - event.enqueuedAt)
    const refusal = p.start(fn, event.reqNo, event.enqueuedAt, event)
    if (refusal === Refusal.None) {
      // An attempt after one that ran is a retry after a function error (success ends the event).
      if (event.invokeCount > 0) {
        fn.counters.retries++
        p.total.retries++
      }
      event.invokeCount++
      return
    }
    if (refusal === Refusal.Stopped) return this.#giveUp(event, 'RetriesExhausted', true)
    event.throttleCount++
    const delay = throttleBackoffMs(event.throttleCount)
    p.why.add(now, Why.RetryAfterThrottle, fn.index, event.reqNo, event.throttleCount, delay)
    this.#later(event, delay)
  }

  /** Schedules the next attempt, or the give-up at the maximum event age if that comes first. */
  #later(event: AsyncEvent, delay: number): void {
    const p = this.platform
    const fn = p.functions[event.fn] as FunctionRuntime
    const now = p.kernel.now
    const deadline = event.enqueuedAt + fn.spec.maximumEventAgeSeconds * 1000
    this.#wait(event, 1)
    if (now + delay > deadline) {
      p.kernel.scheduleAt(Math.max(now, deadline), EventKind.AsyncGiveUp, event.slot, event.gen)
    } else p.kernel.scheduleAt(now + delay, EventKind.AsyncAttempt, event.slot, event.gen)
  }

  /** Counts an event into (+1) or out of (-1) the queue's waiting events, and charts the depth. */
  #wait(event: AsyncEvent, delta: 1 | -1): void {
    const p = this.platform
    const fn = p.functions[event.fn] as FunctionRuntime
    const now = p.kernel.now
    this.#waiting += delta
    const mine = (this.#waitingOf[event.fn] ?? 0) + delta
    this.#waitingOf[event.fn] = mine
    fn.counters.series.level(now, Metric.AsyncQueueDepth, mine)
    p.total.series.level(now, Metric.AsyncQueueDepth, this.#waiting)
  }

  #giveUp(event: AsyncEvent, condition: FailureCondition, stopped = false): void {
    const p = this.platform
    const now = p.kernel.now
    const fn = p.functions[event.fn] as FunctionRuntime
    const target = fn.spec.onFailure
    const sent = target === null ? 0 : 1
    const why = stopped
      ? Why.StoppedToFailure
      : condition === 'RetriesExhausted'
        ? Why.RetriesExhausted
        : Why.EventAgeExceeded
    const n1 = condition === 'EventAgeExceeded' ? fn.spec.maximumEventAgeSeconds : event.invokeCount
    p.why.add(now, why, fn.index, event.reqNo, n1, sent)
    for (const c of [fn.counters, p.total]) {
      c.series.add(now, Metric.AsyncEventsDropped)
      if (target === null) c.dropped++
      else {
        c.deadLettered++
        c.series.add(now, Metric.DeadLettered)
      }
    }
    if (target !== null) this.#deliver(event, fn, target, condition)
    this.#release(event)
  }

  /** Hands the event to its on-failure target: the full record, or the body alone to a DLQ. */
  #deliver(
    event: AsyncEvent,
    fn: FunctionRuntime,
    target: OnFailureTarget,
    condition: FailureCondition,
  ): void {
    const p = this.platform
    const now = p.kernel.now
    const requestId = p.requestId(event.reqNo)
    const body =
      target.kind === 'dlq'
        ? (event.payload ?? null)
        : destinationRecord(event, fn.name, requestId, condition, p.options.epochMs, now)
    this.delivered.push({
      t: now,
      function: fn.name,
      kind: target.kind,
      target: target.target,
      body,
    })
    if (this.delivered.length > this.deliveredCapacity) this.delivered.shift()
  }

  #errorOf(env: ExecEnv, fn: FunctionRuntime): LambdaErrorPayload {
    const p = this.platform
    if (env.outcome === Outcome.Timeout) {
      const end = p.options.epochMs + env.startedAt + env.coldInitMs + env.runMs
      return timeoutError(end, p.requestId(env.reqNo), fn.spec.timeoutSeconds)
    }
    if (env.responseJson !== null) {
      try {
        return JSON.parse(env.responseJson) as LambdaErrorPayload
      } catch {
        return { errorType: 'Runtime.MarshalError', errorMessage: env.responseJson }
      }
    }
    return MODELED_ERROR
  }
}
