import type { FunctionHost } from '../types'
import { WebWorkerFunctionHost } from './webworker-host'
import type { WebWorkerHostOptions } from './webworker-host'

export type { WebWorkerHostOptions } from './webworker-host'
export { WebWorkerFunctionHost } from './webworker-host'

/**
 * Creates a function host whose execution environments are dedicated Web Workers in an
 * opaque-origin sandboxed iframe (browser only: it adds a hidden frame to the document on the
 * first cold start). Same semantics and records as the QuickJS host, at native speed; memory is
 * neither capped nor measured.
 */
export function createWebWorkerFunctionHost(options: WebWorkerHostOptions = {}): FunctionHost {
  return new WebWorkerFunctionHost(options)
}
