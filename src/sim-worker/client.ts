/**
 * The page's side of the simulation worker. Comlink stays inside this folder: the UI sees a
 * plain async version of {@link SimSession}.
 */
import * as Comlink from 'comlink'
import type { ConfigChange, SimulationReport } from '../core'
import type { Frame } from './frame'
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

/** Starts a simulation worker and returns its client. */
export function createSimClient(): SimClient {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'simulation',
  })
  const remote = Comlink.wrap<SimSession>(worker)
  return {
    load: (json) => remote.load(json),
    advance: (virtualMs) => remote.advance(virtualMs),
    step: () => remote.step(),
    setConfig: (change) => remote.setConfig(change),
    reset: (seed) => remote.reset(seed),
    report: () => remote.report(),
    terminate: () => {
      remote[Comlink.releaseProxy]()
      worker.terminate()
    },
  }
}
