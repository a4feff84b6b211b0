import type { FunctionConfig } from '../core/lambda/function-config'
import { defaultFunctionConfig } from '../core/lambda/function-config'
import { createFunctionHost } from './function-host'
import type { QuickJSFunctionHost } from './function-host'
import { nodeWasmSource } from './quickjs/load-quickjs-node'
import type { InvocationRecord, InvokeRejection, SourceLanguage } from './types'

const live: QuickJSFunctionHost[] = []

/**
 * Disposes every host the helpers created and returns how many environments failed to free
 * cleanly (QuickJS objects still referenced by the host glue). Call it in `afterEach`.
 */
export async function disposeHosts(): Promise<number> {
  let leaks = 0
  for (const host of live.splice(0)) {
    await host.dispose()
    leaks += host.leakedEnvironments
  }
  return leaks
}

/**
 * Test helpers for the QuickJS sandbox (Node). Functions get a 1 s timeout unless a test says
 * otherwise, so loops are cut fast.
 */
export async function deployed(
  code: string,
  config: Partial<FunctionConfig> = {},
  language: SourceLanguage = 'javascript',
  now?: () => number,
): Promise<QuickJSFunctionHost> {
  const host = createFunctionHost({
    wasm: nodeWasmSource,
    seed: 7,
    verifyDisposal: true,
    ...(now ? { now } : {}),
  })
  live.push(host)
  await host.deploy({
    config: { ...defaultFunctionConfig(), timeoutSeconds: 1, ...config },
    code,
    language,
  })
  return host
}

/** A platform clock the test moves by hand (epoch ms), for hosts built with `deployed(…, now)`. */
export function manualClock(startMs = Date.UTC(2026, 10, 26, 12)): {
  now: () => number
  advance(ms: number): void
} {
  let t = startMs
  return { now: () => t, advance: (ms) => void (t += ms) }
}

/** Invokes and insists that the host accepted the request. */
export async function invoked(
  host: QuickJSFunctionHost,
  event: unknown = {},
): Promise<InvocationRecord> {
  const result = await host.invoke(JSON.stringify(event))
  if (result.status === 'rejected') throw new Error(`rejected: ${result.error.errorMessage}`)
  return result
}

/** Invokes and insists that the host refused the request. */
export async function rejected(
  host: QuickJSFunctionHost,
  eventJson: string,
): Promise<InvokeRejection> {
  const result = await host.invoke(eventJson)
  if (result.status !== 'rejected') throw new Error(`invoked: ${result.status}`)
  return result
}

/** The application lines of a record as `[request id, level, message]` (time left out). */
export function appLines(record: InvocationRecord): [string, string, string][] {
  return record.logLines
    .map((line) => line.split('\t'))
    .filter((parts) => parts.length >= 4 && /^\d{4}-\d\d-\d\dT/.test(parts[0] ?? ''))
    .map((parts) => [parts[1] ?? '', parts[2] ?? '', parts.slice(3).join('\t')])
}

/** The messages logged at INFO, in order. */
export function messages(record: InvocationRecord): string[] {
  return appLines(record).map(([, , message]) => message)
}

/** The parsed response of a successful invocation. */
export function response(record: InvocationRecord): unknown {
  if (record.status !== 'succeeded') throw new Error(`failed: ${JSON.stringify(record.error)}`)
  return JSON.parse(record.responseJson ?? 'null')
}
