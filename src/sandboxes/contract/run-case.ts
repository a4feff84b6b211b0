import { defaultFunctionConfig } from '../../core/lambda/function-config'
import type { FunctionHost, SandboxKind } from '../types'
import type { CaseResult, ContractCase, Observations, Outcome } from './types'

/** How long after the last invocation a listening case waits for stray broadcasts, ms. */
const BROADCAST_SETTLE_MS = 150

/** Options of `runCase`. */
export interface RunCaseOptions {
  /** The host's kind: a case that does not apply to it is skipped with its reason. */
  kind?: SandboxKind
}

class NoAnswer extends Error {
  override name = 'NoAnswer'
}

/** Wall time a case may take before the runner gives up on the host (it may be hung). */
function caseBudgetMs(events: number, timeoutSeconds: number): number {
  return 60_000 + events * (timeoutSeconds * 1000 + 20_000)
}

function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer from the host within ${ms} ms`)), ms)
  })
  return Promise.race([work, limit]).finally(() => clearTimeout(timer))
}

/** Listens on a BroadcastChannel, where the runtime has one (browsers, Node ≥ 18). */
function listenOn(name: string | undefined, into: unknown[]): () => void {
  if (!name || typeof BroadcastChannel === 'undefined') return () => undefined
  const channel = new BroadcastChannel(name)
  channel.onmessage = (message: MessageEvent) => into.push(message.data)
  return () => channel.close()
}

async function invokeAll(
  host: FunctionHost,
  c: ContractCase,
  events: string[],
): Promise<Outcome[]> {
  const config = { ...defaultFunctionConfig(), ...c.config }
  const language = c.language ?? 'javascript'
  await host.deploy({ config, code: c.code, language, ...(c.files ? { files: c.files } : {}) })
  // The same deployment as the previous case keeps its environments: start every case cold.
  await host.resetEnvironments()
  const outcomes: Outcome[] = []
  for (const event of events) outcomes.push(await host.invoke(event))
  return outcomes
}

/**
 * Runs one contract case on a host: deploys its code (a fresh deployment, no warm environment),
 * invokes its events in order, and checks the outcomes. A host that throws or stops answering
 * fails the case with that, never the runner. Works in Node and in the browser.
 */
export async function runCase(
  host: FunctionHost,
  c: ContractCase,
  options: RunCaseOptions = {},
): Promise<CaseResult> {
  const base = { id: c.id, group: c.group, title: c.title, kind: options.kind }
  if (options.kind && c.kinds && !c.kinds.includes(options.kind))
    return { ...base, result: 'skip', detail: c.why ?? `not for ${options.kind}`, wallMs: 0 }
  const seen: Observations = { broadcasts: [] }
  const stopListening = listenOn(c.listen, seen.broadcasts)
  const started = performance.now()
  try {
    const timeoutSeconds = c.config?.timeoutSeconds ?? defaultFunctionConfig().timeoutSeconds
    // Read once: a case may build a large event on demand.
    const events = c.events
    const outcomes = await bounded(
      invokeAll(host, c, events),
      caseBudgetMs(events.length, timeoutSeconds),
    )
    const wallMs = performance.now() - started
    if (c.listen) await new Promise((resolve) => setTimeout(resolve, BROADCAST_SETTLE_MS))
    const failure = c.check(outcomes, seen)
    return { ...base, result: failure ? 'fail' : 'pass', detail: failure ?? '', wallMs }
  } catch (error) {
    const wallMs = performance.now() - started
    const what = error instanceof NoAnswer ? error.message : `the host threw: ${String(error)}`
    return { ...base, result: 'fail', detail: what, wallMs }
  } finally {
    stopListening()
  }
}
