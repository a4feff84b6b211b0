import { expect } from 'vitest'
import type { QuickJSFunctionHost } from '../function-host'
import { invoked, response } from '../testing'
import type { InvocationRecord, InvokeRejection } from '../types'

/** A hostile handler: what it tries, and its code. */
export interface HostileCase {
  name: string
  code: string
}

/**
 * Invokes without letting a host exception escape: a throw from `invoke` is the host breaking
 * (the worst outcome), so it is returned as data for the test to assert on.
 */
export async function attempt(
  host: QuickJSFunctionHost,
  eventJson = '{}',
): Promise<InvocationRecord | InvokeRejection | { status: 'host-threw'; error: string }> {
  try {
    return await host.invoke(eventJson)
  } catch (error) {
    return { status: 'host-threw', error: String(error) }
  }
}

/** The record of an attempt; fails the test with the host's own exception if it threw or refused. */
export function answered(result: Awaited<ReturnType<typeof attempt>>): InvocationRecord {
  if (result.status === 'host-threw') throw new Error(`the host threw: ${result.error}`)
  if (result.status === 'rejected') throw new Error(`refused: ${result.error.errorMessage}`)
  return result
}

/** `^<ISO time> <request id> Task timed out after 1.00 seconds$`, Lambda's timeout body. */
export function timeoutMessage(record: InvocationRecord, seconds = 1): RegExp {
  const time = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z'
  return new RegExp(
    `^${time} ${record.requestId} Task timed out after ${seconds.toFixed(2)} seconds$`,
  )
}

/** Lambda's out-of-memory body for this record's request. */
export function outOfMemoryBody(record: InvocationRecord): object {
  return {
    errorType: 'Runtime.OutOfMemory',
    errorMessage: `RequestId: ${record.requestId} Error: Runtime exited with error: signal: killed`,
  }
}

/** The event that makes a `hostileHandler` misbehave; any other event gets `'ok'`. */
export const HOSTILE_EVENT = '{"hostile":true}'

/**
 * An ES module handler that runs `body` (async function body) only for `HOSTILE_EVENT` and
 * answers `'ok'` otherwise, so one deployment shows both the attack and the recovery.
 */
export function hostileHandler(body: string): string {
  return `export const handler = async (event, context) => {\n  if (!event.hostile) return 'ok'\n${body}\n}`
}

/**
 * After a faulted invocation the function still works: the next (harmless) invocation is served
 * cold by a new environment, the faulted one having been discarded, and answers `'ok'`.
 */
export async function expectColdAndWorking(
  host: QuickJSFunctionHost,
  faulted: InvocationRecord,
): Promise<void> {
  const next = await invoked(host)
  expect([next.cold, next.environmentId > faulted.environmentId, response(next)]).toEqual([
    true,
    true,
    'ok',
  ])
}

/** The next harmless invocation is served warm by the same environment and answers `'ok'`. */
export async function expectWarmAndWorking(
  host: QuickJSFunctionHost,
  previous: InvocationRecord,
): Promise<void> {
  const next = await invoked(host)
  expect([next.cold, next.environmentId, response(next)]).toEqual([
    false,
    previous.environmentId,
    'ok',
  ])
}
