import type { InvocationRecord, InvokeRejection } from '../types'
import type { Observations, Outcome } from './types'

/** A check's finding: thrown by the helpers below, turned into the case's failure message. */
export class Mismatch extends Error {
  override name = 'Mismatch'
}

/**
 * Writes a case's check as straight-line assertions: the helpers throw a `Mismatch` naming what
 * differed, and this turns it into the `string | undefined` a case returns.
 */
export function verify(
  assertions: (outcomes: Outcome[], seen: Observations) => void,
): (outcomes: Outcome[], seen: Observations) => string | undefined {
  return (outcomes, seen) => {
    try {
      assertions(outcomes, seen)
      return undefined
    } catch (error) {
      if (error instanceof Mismatch) return error.message
      return `the check itself threw: ${String(error)}`
    }
  }
}

/** Fails the check with `message`. */
export function fail(message: string): never {
  throw new Mismatch(message)
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/** Key order does not matter; array order does. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]))
  }
  return value
}

/** `actual` deep-equals `expected` (JSON values). */
export function same(label: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(canonical(actual)) !== JSON.stringify(canonical(expected)))
    fail(`${label}: expected ${shown(expected)}, got ${shown(actual)}`)
}

/** `actual` is a string matching `pattern`. */
export function matches(label: string, actual: unknown, pattern: RegExp): void {
  if (typeof actual !== 'string' || !pattern.test(actual))
    fail(`${label}: expected to match ${String(pattern)}, got ${shown(actual)}`)
}

/** `min ≤ actual ≤ max` (either bound optional). */
export function within(label: string, actual: unknown, min?: number, max?: number): void {
  const ok =
    typeof actual === 'number' &&
    (min === undefined || actual >= min) &&
    (max === undefined || actual <= max)
  if (!ok) fail(`${label}: expected ${min ?? '−∞'} … ${max ?? '∞'}, got ${shown(actual)}`)
}

/** The outcome of event `index`, which must be an invocation (not a refusal). */
export function invocation(outcomes: Outcome[], index: number): InvocationRecord {
  const outcome = outcomes[index]
  if (!outcome) fail(`invocation ${index + 1}: missing (${outcomes.length} outcomes)`)
  if (outcome.status === 'rejected')
    fail(`invocation ${index + 1}: refused with ${outcome.error.errorType}`)
  return outcome
}

/** The outcome of event `index`, which must be a refusal (nothing invoked). */
export function refusal(outcomes: Outcome[], index: number): InvokeRejection {
  const outcome = outcomes[index]
  if (!outcome) fail(`event ${index + 1}: missing (${outcomes.length} outcomes)`)
  if (outcome.status !== 'rejected')
    fail(`event ${index + 1}: expected a refusal, but it was invoked (${outcome.status})`)
  return outcome
}

/** The parsed response of a successful invocation. */
export function responseOf(record: InvocationRecord): unknown {
  if (record.status !== 'succeeded')
    fail(`expected success, got ${record.error?.errorType}: ${record.error?.errorMessage}`)
  return JSON.parse(record.responseJson ?? 'null') as unknown
}

/** The invocation succeeded with this response. */
export function responded(label: string, record: InvocationRecord, expected: unknown): void {
  same(`${label} response`, responseOf(record), expected)
}

/** The invocation failed with this error type; returns its error body. */
export function failedWith(
  label: string,
  record: InvocationRecord,
  errorType: string,
): NonNullable<InvocationRecord['error']> {
  if (record.status !== 'failed' || !record.error)
    fail(`${label}: expected ${errorType}, but it succeeded with ${shown(record.responseJson)}`)
  if (record.error.errorType !== errorType)
    fail(
      `${label}: expected ${errorType}, got ${record.error.errorType}: ${shown(record.error.errorMessage)}`,
    )
  return record.error
}

/** The application lines of a record as `[request id, level, message]` (time left out). */
export function appLines(record: InvocationRecord): [string, string, string][] {
  return record.logLines
    .map((line) => line.split('\t'))
    .filter((parts) => parts.length >= 4 && /^\d{4}-\d\d-\d\dT/.test(parts[0] ?? ''))
    .map((parts) => [parts[1] ?? '', parts[2] ?? '', parts.slice(3).join('\t')])
}

/** The messages of the application lines, in order. */
export function messages(record: InvocationRecord): string[] {
  return appLines(record).map(([, , message]) => message)
}

/** `^<ISO time> <request id> Task timed out after N.00 seconds$`, Lambda's timeout body. */
export function timeoutPattern(record: InvocationRecord, seconds: number): RegExp {
  const time = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z'
  return new RegExp(
    `^${time} ${record.requestId} Task timed out after ${seconds.toFixed(2)} seconds$`,
  )
}

/** Timed out at `seconds` with Lambda's message and trailing line; the environment discarded. */
export function timedOut(label: string, record: InvocationRecord, seconds: number): void {
  const error = failedWith(label, record, 'Sandbox.Timedout')
  matches(`${label} errorMessage`, error.errorMessage, timeoutPattern(record, seconds))
  same(`${label} last log line`, record.logLines.at(-1), error.errorMessage)
  same(`${label} environmentDiscarded`, record.environmentDiscarded, 'timeout')
}

/** Served by a new environment, cold, after `previous` was discarded. */
export function coldAfter(label: string, record: InvocationRecord, previous: InvocationRecord) {
  same(`${label} cold`, record.cold, true)
  if (record.environmentId === previous.environmentId)
    fail(`${label}: served by environment ${record.environmentId} again, expected a new one`)
}

/** Served warm by the same environment as `previous`. */
export function warmAfter(label: string, record: InvocationRecord, previous: InvocationRecord) {
  same(
    `${label} [cold, environment]`,
    [record.cold, record.environmentId],
    [false, previous.environmentId],
  )
}
