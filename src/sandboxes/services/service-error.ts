import type { LambdaErrorPayload } from '../../core/lambda/errors'

/**
 * The error body of a failed service call, as the SDK bridge reads it (runtime/sdk-bridge.ts):
 * Lambda's payload shape (`errorType` is the SDK error's `name`), plus what AWS SDK v3 puts on
 * its errors. `httpStatusCode` defaults to 400 and `fault` to `server` from 500 on, `client`
 * below.
 */
export interface ServiceErrorPayload extends LambdaErrorPayload {
  httpStatusCode?: number
  fault?: 'client' | 'server'
  requestId?: string
}

/** Thrown inside a service double to answer with an error (caught by `ServiceDouble.call`). */
export class ServiceFault extends Error {
  constructor(readonly payload: ServiceErrorPayload) {
    super(payload.errorMessage)
    this.name = payload.errorType
  }
}

/** A client error (`400` unless said otherwise) named as the service names it. */
export function fault(errorType: string, errorMessage: string, httpStatusCode = 400): ServiceFault {
  return new ServiceFault({ errorType, errorMessage, httpStatusCode })
}

/** A request field the operation needs, as a string (`ValidationException` when missing). */
export function requiredString(input: Record<string, unknown>, field: string): string {
  const value = input[field]
  if (typeof value === 'string' && value !== '') return value
  throw fault(
    'ValidationException',
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  )
}

/** The input of a call as an object (the guest's JSON is untrusted). */
export function inputObject(requestJson: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(requestJson)
  } catch {
    throw fault('SerializationException', 'The request is not valid JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fault('SerializationException', 'The request must be a JSON object')
  }
  return value as Record<string, unknown>
}
