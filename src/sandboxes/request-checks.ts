import { requestTooLargeError } from '../core/lambda/errors'
import { Limits, utf8Length } from '../core/lambda/limits'
import type { InvokeRejection } from './types'

/**
 * The checks Lambda makes on a synchronous request before any environment runs: the payload
 * fits the 6 MB request limit, and it parses as JSON (with the parser's own reason in the
 * message, as `Could not parse request body into json: …`). Shared by every kind of sandbox.
 *
 * @returns the rejection to answer with, or `undefined` when the request may be invoked.
 */
export function checkRequest(eventJson: string): InvokeRejection | undefined {
  const bytes = utf8Length(eventJson)
  if (bytes > Limits.SyncRequestBytes) {
    return { status: 'rejected', error: requestTooLargeError(bytes) }
  }
  try {
    JSON.parse(eventJson)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      status: 'rejected',
      error: {
        errorType: 'InvalidRequestContentException',
        errorMessage: `Could not parse request body into json: ${reason}`,
      },
    }
  }
  return undefined
}
