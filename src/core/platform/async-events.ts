/**
 * Asynchronous invocation (reference §3.2): events wait in Lambda's internal queue. A throttled
 * attempt is retried with exponential backoff from 1 s up to 5 minutes until the event's maximum
 * age; a function error is retried `maximumRetryAttempts` (0–2) times, 1 minute then 2 minutes
 * later. Then the event goes to the on-failure destination or DLQ, or is dropped.
 */
import { functionArn } from '../lambda/function-config'
import { isoTime } from '../lambda/log-lines'
import type { LambdaErrorPayload } from '../lambda/errors'
import type { ExecEnv, Job } from './environment'

/** First throttle backoff, ms. */
export const THROTTLE_BACKOFF_START_MS = 1_000
/** Longest throttle backoff, ms (5 minutes). */
export const THROTTLE_BACKOFF_MAX_MS = 300_000
/** Wait before the 1st and 2nd retry after a function error, ms. */
export const ERROR_RETRY_DELAYS_MS = [60_000, 120_000] as const

/** Delay before the next attempt after the n-th throttle (1-based): 1 s, 2 s, 4 s … ≤ 5 min. */
export function throttleBackoffMs(n: number): number {
  return Math.min(THROTTLE_BACKOFF_MAX_MS, THROTTLE_BACKOFF_START_MS * 2 ** Math.min(n - 1, 30))
}

/** Delay before retry number `retry` (1-based) after a function error. */
export function errorRetryDelayMs(retry: number): number {
  return ERROR_RETRY_DELAYS_MS[Math.min(retry, 2) - 1] ?? ERROR_RETRY_DELAYS_MS[1]
}

/** Why an event was given up on, as Lambda's record names it. */
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded'

/** The record an on-failure destination receives (Lambda's invocation record, reference §3.2). */
export interface DestinationRecord {
  version: '1.0'
  timestamp: string
  requestContext: {
    requestId: string
    functionArn: string
    condition: FailureCondition
    approximateInvokeCount: number
  }
  requestPayload: unknown
  responseContext: {
    /** 200 when the function ran and failed; 429 when it never got to run (throttled). */
    statusCode: number
    executedVersion: '$LATEST'
    /** `Unhandled` after a function error or timeout; absent when it never ran. */
    functionError?: 'Unhandled'
  }
  /** The last error body, or null when the function never ran. */
  responsePayload: LambdaErrorPayload | null
}

/** What a target received: a destination gets the full record, a DLQ only the event body. */
export interface DeliveredFailure {
  /** Virtual ms. */
  t: number
  function: string
  kind: 'destination' | 'dlq'
  target: string
  /** The full record (destination), or the event body (DLQ). */
  body: DestinationRecord | unknown
}

/** Receives invocation results of async events. */
export interface AsyncOwner {
  asyncFinished(event: AsyncEvent, env: ExecEnv): void
}

/**
 * An event in Lambda's internal queue. Records are pooled by the invoker (a busy async workload
 * would otherwise allocate one per request); `gen` tells a reused record from its past life.
 */
export class AsyncEvent implements Job {
  /** Pool index. */
  slot = 0
  /** Incremented on each reuse, so events scheduled for an earlier life are ignored. */
  gen = 0
  live = false
  fn = 0
  reqNo = 0
  /** When Lambda accepted the event (its age counts from here). */
  enqueuedAt = 0
  payload: unknown = null
  /** Attempts that reached an environment. */
  invokeCount = 0
  /** Attempts refused for concurrency. */
  throttleCount = 0
  /** The last error body, for the destination record. */
  lastError: LambdaErrorPayload | null = null

  constructor(readonly owner: AsyncOwner) {}

  /** Starts a new life for this record. */
  reset(fn: number, reqNo: number, enqueuedAt: number, payload: unknown): void {
    this.gen++
    this.live = true
    this.fn = fn
    this.reqNo = reqNo
    this.enqueuedAt = enqueuedAt
    this.payload = payload
    this.invokeCount = 0
    this.throttleCount = 0
    this.lastError = null
  }

  finished(env: ExecEnv): void {
    this.owner.asyncFinished(this, env)
  }
}

/** Builds Lambda's destination record for an event given up on. */
export function destinationRecord(
  event: AsyncEvent,
  functionName: string,
  requestId: string,
  condition: FailureCondition,
  epochMs: number,
  now: number,
): DestinationRecord {
  const ran = event.lastError !== null
  return {
    version: '1.0',
    timestamp: isoTime(epochMs + now),
    requestContext: {
      requestId,
      functionArn: `${functionArn(functionName)}:$LATEST`,
      condition,
      approximateInvokeCount: event.invokeCount,
    },
    requestPayload: event.payload ?? null,
    responseContext: ran
      ? { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' }
      : { statusCode: 429, executedVersion: '$LATEST' },
    responsePayload: event.lastError,
  }
}
