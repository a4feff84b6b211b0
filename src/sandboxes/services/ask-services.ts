import type { ServiceCalls, WaitResult } from '../../core/ports'

/** A service call's answer (the `call` kind of the core's `WaitResult`). */
export type CallResult = Extract<WaitResult, { kind: 'call' }>

/**
 * Asks `services` for a call's result and latency, never throwing: a double that throws or
 * answers something other than a call's result is the service failing (a 500 the handler
 * sees, at once), not the guest. Both sandbox kinds answer their guests' calls with it.
 */
export function askServices(
  services: ServiceCalls,
  call: { service: string; operation: string; requestJson: string },
): { latencyMs: number; result: CallResult } {
  try {
    const { latencyMs, result } = services.call(call.service, call.operation, call.requestJson)
    if (result.kind === 'call') return { latencyMs, result }
    const error = { errorType: 'InternalFailure', errorMessage: 'The service answered nothing' }
    return { latencyMs, result: { kind: 'call', ok: false, error } }
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown)
    const error = { errorType: 'InternalFailure', errorMessage: reason, httpStatusCode: 500 }
    return { latencyMs: 0, result: { kind: 'call', ok: false, error } }
  }
}
