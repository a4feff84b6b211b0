import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { runtimeExitError } from '../runtime/init-errors'

/**
 * Text the guest hands the host (a response, an error body) is made by the shim inside the same
 * realm as user code. The shim serializes with the built-ins it captured before user code ran,
 * but the host still reads that text as untrusted: a malformed body must become a Lambda-shaped
 * result, never an exception in the host.
 */

/** The error body in `json`, or `undefined` when it is not JSON or not shaped like one. */
export function readErrorPayload(json: string): LambdaErrorPayload | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { errorType, errorMessage, trace } = value as Record<string, unknown>
  if (typeof errorType !== 'string' || typeof errorMessage !== 'string') return undefined
  const payload: LambdaErrorPayload = { errorType, errorMessage }
  if (Array.isArray(trace)) payload.trace = trace.map(String)
  return payload
}

/** True when `text` is one JSON value (what a response must be). */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** How an invocation settled, as the host reads the shim's encoded outcome. */
export type Outcome =
  { responseJson?: string; error?: LambdaErrorPayload } | { unreadable: 'response' | 'error body' }

/**
 * Decodes the shim's `outcome()`: 'J' + the response JSON, 'U' (a response that serialized to
 * nothing), 'E' + the error body's JSON, or 'N' (nothing settled).
 */
export function decodeOutcome(text: string): Outcome {
  const body = text.slice(1)
  if (text.startsWith('J'))
    return isJsonText(body) ? { responseJson: body } : { unreadable: 'response' }
  if (text.startsWith('E')) {
    const error = readErrorPayload(body)
    return error ? { error } : { unreadable: 'error body' }
  }
  if (text === 'U') return {}
  if (text === 'N') return { error: { errorType: 'Runtime.Unknown', errorMessage: 'No result' } }
  return { unreadable: 'response' }
}

/**
 * The body of a runtime that could not report how it ended (its error body was unreadable): the
 * process is treated as having died, as a host fault is.
 */
export function unreadableExitError(
  requestId: string | undefined,
  what: string,
): LambdaErrorPayload {
  const payload = runtimeExitError(requestId ?? 'undefined', 'with error: signal: aborted')
  return { ...payload, trace: [`Host fault: the runtime's ${what} could not be read`] }
}
