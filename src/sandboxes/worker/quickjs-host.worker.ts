import * as Comlink from 'comlink'
import { createFunctionHost } from '../function-host'
import { browserWasmSource } from '../quickjs/load-quickjs-browser'
import type { Deployment } from '../types'

/**
 * The sandbox worker: hosts the QuickJS function host off the UI thread and exposes it with
 * Comlink. User code runs only here, inside QuickJS; a hung or trapped worker is terminated and
 * replaced by the client's watchdog.
 */
const host = createFunctionHost({ wasm: browserWasmSource })

const api = {
  deploy: (deployment: Deployment) => host.deploy(deployment),
  invoke: (eventJson: string) => host.invoke(eventJson),
  resetEnvironments: () => host.resetEnvironments(),
  environments: () => host.environments(),
  dispose: () => host.dispose(),
  /** Answers once the module has loaded: the client's readiness probe. */
  ping: () => true,
}

/** What the worker exposes, for `Comlink.wrap` on the page side. */
export type QuickJSHostWorkerApi = typeof api

Comlink.expose(api)
