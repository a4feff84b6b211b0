/**
 * The page's side of the simulation worker. Comlink stays inside this folder: the UI sees a
 * plain async version of {@link SimSession}.
 */
import * as Comlink from 'comlink'
import type { ConfigChange, SimulationReport } from '../core'
import type { Frame } from './frame'
import type { LogPage, LogQuery } from './log-store'
import type { ConfigResult, LoadResult, SimSession } from './session'

/** {@link SimSession}, every call a message to the worker. */
export interface SimClient {
  load(json: unknown): Promise<LoadResult>
  advance(virtualMs: number): Promise<Frame>
  step(): Promise<Frame>
  setConfig(change: ConfigChange): Promise<ConfigResult>
  reset(seed?: number): Promise<Frame>
  report(): Promise<SimulationReport | null>
  /** Stops the worker; the client is unusable afterwards. */
  terminate(): void
}

/** The log view's side of the same worker (kept apart: a SimClient need not serve logs). */
export interface LogClient {
  queryLogs(query: LogQuery): Promise<LogPage>
}

let latest: LogClient | null = null

/** The logs of the most recently started worker, or null before one started. */
export function currentLogClient(): LogClient | null {
  return latest
}

/** Starts a simulation worker and returns its client. */
export function createSimClient(): SimClient {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  })
  const remote = Comlink.wrap<SimSession>(worker)
  const logs: LogClient = { queryLogs: (query) => remote.queryLogs(query) }
  latest = logs
  return {
    load: (json) => remote.load(json),
    advance: (virtualMs) => remote.advance(virtualMs),
    step: () => remote.step(),
    setConfig: (change) => remote.setConfig(change),
    reset: (seed) => remote.reset(seed),
    report: () => remote.report(),
    terminate: () => {
      if (latest === logs) latest = null
      remote[Comlink.releaseProxy]()
      worker.terminate()
    },
  }
}
