/**
 * The page's side of the simulation worker. Comlink stays inside this folder: the UI sees a
 * plain async version of {@link AsyncSimSession}.
 */
import * as Comlink from 'comlink'
import type { ConfigChange, SimulationReport } from '../core'
import type { SentRequest } from '../core/invoke-now'
import type { Frame } from './frame'
import type { LogPage, LogQuery } from './log-store'
import type { AsyncSimSession, ConfigResult, LoadResult, SendResult } from './session'

/** {@link AsyncSimSession}, every call a message to the worker. */
export interface SimClient {
  load(json: unknown): Promise<LoadResult>
  advance(virtualMs: number): Promise<Frame>
  step(): Promise<Frame>
  setConfig(change: ConfigChange): Promise<ConfigResult>
  reset(seed?: number): Promise<Frame>
  /** One synchronous request now with `eventJson` (see `SimSession.sendNow`). */
  sendNow(eventJson: string): Promise<SendResult>
  sentRequests(): Promise<SentRequest[]>
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
  const remote = Comlink.wrap<AsyncSimSession>(worker)
  const logs: LogClient = { queryLogs: (query) => remote.queryLogs(query) }
  latest = logs
  return {
    load: (json) => remote.load(json),
    advance: (virtualMs) => remote.advance(virtualMs),
    step: () => remote.step(),
    setConfig: (change) => remote.setConfig(change),
    reset: (seed) => remote.reset(seed),
    sendNow: (eventJson) => remote.sendNow(eventJson),
    sentRequests: () => remote.sentRequests(),
    report: () => remote.report(),
    terminate: () => {
      if (latest === logs) latest = null
      remote[Comlink.releaseProxy]()
      worker.terminate()
    },
  }
}
