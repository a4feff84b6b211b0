import { isoTime } from './log-lines'
import { Limits } from './limits'

/** The body Lambda returns for a failed invocation (`X-Amz-Function-Error: Unhandled`). */
export interface LambdaErrorPayload {
  errorType: string
  errorMessage: string
  /** Stack lines, Node.js style, when the runtime has them. */
  trace?: string[]
}

/** `Task timed out after 3.00 seconds`, the body of a timed-out synchronous invocation. */
export function timeoutError(
  epochMs: number,
  requestId: string,
  timeoutSeconds: number,
): LambdaErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `${isoTime(epochMs)} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  }
}

/** The runtime process was killed for using more than its configured memory. */
export function outOfMemoryError(requestId: string): LambdaErrorPayload {
  return {
    errorType: 'Runtime.OutOfMemory',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
  }
}

/** `index.handler is undefined or not exported` */
export function handlerNotFoundError(handler: string): LambdaErrorPayload {
  return {
    errorType: 'Runtime.HandlerNotFound',
    errorMessage: `${handler} is undefined or not exported`,
    trace: [
      `Runtime.HandlerNotFound: ${handler} is undefined or not exported`,
      '    at UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1122:15)',
    ],
  }
}

/** The request body exceeds 6 MB: refused before any environment sees it (HTTP 413). */
export function requestTooLargeError(bytes: number): LambdaErrorPayload {
  return {
    errorType: 'RequestEntityTooLargeException',
    errorMessage: `Request must be smaller than ${Limits.SyncRequestBytes} bytes for the InvokeFunction operation (this one is ${bytes} bytes)`,
  }
}

/** The handler returned more than 6 MB. */
export function responseTooLargeError(bytes: number): LambdaErrorPayload {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${Limits.SyncResponseBytes} bytes).`,
  }
}

/** The body of a modeled function error (a scenario's `errorRate`: no code ran). */
export const modeledFunctionError: LambdaErrorPayload = {
  errorType: 'Error',
  errorMessage: 'Modeled function error (errorRate)',
}
