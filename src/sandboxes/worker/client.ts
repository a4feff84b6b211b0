import * as Comlink from 'comlink'
import { Limits } from '../../core/lambda/limits'
import { endLine, reportLine, startLine } from '../../core/lambda/log-lines'
import type {
  Deployment,
  EnvironmentSummary,
  FunctionHost,
  InvocationRecord,
  InvokeRejection,
} from '../types'
import type { QuickJSHostWorkerApi } from './quickjs-host.worker'

/** Extra wall time the watchdog grants beyond the function's timeout before it kills the worker. */
const WATCHDOG_GRACE_MS = 5_000
/** Deploys load sucrase and compile the wasm; anything slower than this is a dead worker. */
const DEPLOY_TIMEOUT_MS = 60_000

class WorkerUnresponsive extends Error {
  override name = 'WorkerUnresponsive'
}

/** What the client needs of a worker: a Comlink endpoint that can be terminated. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void }

/** Knobs of the client; the defaults are the product's. Tests shrink the waits. */
export interface WorkerHostOptions {
  /** Starts a sandbox worker (default: the Vite-bundled module worker). */
  spawnWorker?: () => WorkerLike
  /** Wall time granted beyond the function's timeout, ms (default 5,000). */
  graceMs?: number
  /** Extra wall time while no warm environment is known, for INIT, ms (default 10,000). */
  initAllowanceMs?: number
}

interface Spawned {
  worker: WorkerLike
  api: Comlink.Remote<QuickJSHostWorkerApi>
}

function moduleWorker(): WorkerLike {
  return new Worker(new URL('./quickjs-host.worker.ts', import.meta.url), {
    type: 'module',
    name: 'quickjs-host',
  })
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WorkerUnresponsive(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

function requestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? '00000000-0000-4000-8000-000000000000'
}

/** The record of an invocation whose worker stopped answering (a wasm trap, a hung host). */
function crashRecord(
  deployment: Deployment | undefined,
  wallMs: number,
  startedAt: number,
): InvocationRecord {
  const id = requestId()
  const memorySizeMB = deployment?.config.memoryMB ?? 128
  const billed = Math.max(1, Math.ceil(wallMs))
  const error = {
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${id} Error: Runtime exited with error: signal: killed`,
  }
  return {
    requestId: id,
    environmentId: 0,
    cold: false,
    status: 'failed',
    error,
    environmentDiscarded: 'crash',
    durationMs: wallMs,
    billedDurationMs: billed,
    memorySizeMB,
    maxMemoryUsedMB: memorySizeMB,
    logLines: [
      startLine(id),
      endLine(id),
      reportLine({
        requestId: id,
        durationMs: wallMs,
        billedDurationMs: billed,
        memorySizeMB,
        maxMemoryUsedMB: memorySizeMB,
      }),
      `${error.errorMessage}\n${error.errorType}`,
    ],
    wallMs,
    startedAt,
    notices: [
      'The execution environment crashed: the sandbox worker stopped answering and was restarted. All environments were discarded; the next invocation is a cold start.',
    ],
  }
}

/**
 * The page's side of the sandbox worker: a `FunctionHost` whose every call crosses to a module
 * worker through Comlink. A watchdog terminates and respawns the worker when an invocation does
 * not answer within the function's timeout plus 5 s (plus the 10 s INIT limit when no warm
 * environment is known), and reports that invocation as a crashed environment.
 */
export function createWorkerFunctionHost(
  options: WorkerHostOptions = {},
): FunctionHost & { terminate(): void } {
  const graceMs = options.graceMs ?? WATCHDOG_GRACE_MS
  const initAllowanceMs = options.initAllowanceMs ?? Limits.InitTimeoutMs
  const spawn = (): Spawned => {
    const worker = (options.spawnWorker ?? moduleWorker)()
    return { worker, api: Comlink.wrap<QuickJSHostWorkerApi>(worker) }
  }
  let current = spawn()
  let deployment: Deployment | undefined
  let warmKnown = false
  let terminated = false

  const respawn = (): void => {
    current.api[Comlink.releaseProxy]()
    current.worker.terminate()
    current = spawn()
    warmKnown = false
    if (deployment) void current.api.deploy(deployment).catch(() => undefined)
  }

  const call = async <T>(
    work: (api: Comlink.Remote<QuickJSHostWorkerApi>) => Promise<T>,
    ms: number,
  ): Promise<T> => {
    if (terminated) throw new Error('The sandbox worker was terminated.')
    try {
      return await withDeadline(work(current.api), ms)
    } catch (error) {
      if (error instanceof WorkerUnresponsive) respawn()
      throw error
    }
  }

  return {
    async deploy(next: Deployment): Promise<void> {
      const changed = JSON.stringify(next) !== JSON.stringify(deployment)
      deployment = structuredClone(next)
      if (changed) warmKnown = false
      await call((api) => api.deploy(next), DEPLOY_TIMEOUT_MS)
    },
    async invoke(eventJson: string): Promise<InvocationRecord | InvokeRejection> {
      const timeoutMs = (deployment?.config.timeoutSeconds ?? Limits.MaxTimeoutSeconds) * 1000
      const budget = timeoutMs + graceMs + (warmKnown ? 0 : initAllowanceMs)
      const started = performance.now()
      const startedAt = Date.now()
      try {
        const result = await call<InvocationRecord | InvokeRejection>(
          // Comlink's Remote type distributes over the union; the value is the union itself.
          (api) => api.invoke(eventJson) as Promise<InvocationRecord | InvokeRejection>,
          budget,
        )
        warmKnown = result.status !== 'rejected' && result.environmentDiscarded === undefined
        return result
      } catch (error) {
        if (error instanceof WorkerUnresponsive)
          return crashRecord(deployment, performance.now() - started, startedAt)
        throw error
      }
    },
    async resetEnvironments(): Promise<void> {
      warmKnown = false
      await call((api) => api.resetEnvironments(), DEPLOY_TIMEOUT_MS)
    },
    async environments(): Promise<EnvironmentSummary[]> {
      return call((api) => api.environments(), DEPLOY_TIMEOUT_MS)
    },
    async dispose(): Promise<void> {
      await call((api) => api.dispose(), DEPLOY_TIMEOUT_MS)
    },
    terminate(): void {
      terminated = true
      current.api[Comlink.releaseProxy]()
      current.worker.terminate()
    },
  }
}
