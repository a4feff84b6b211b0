import type { FunctionHost, SandboxKind } from '../sandboxes/types'
import { createWebWorkerFunctionHost } from '../sandboxes/webworker'
import { createWorkerFunctionHost } from '../sandboxes/worker/client'

/** A host the page can also tear down (a worker, an iframe). */
export type PageHost = FunctionHost & { terminate?(): void }

/** Human names of the kinds, as the table shows them. */
export const KIND_NAMES: Record<SandboxKind, string> = {
  quickjs: 'QuickJS',
  webworker: 'Web Worker',
}

/** The kinds this build can run, in the order the page runs them. */
export function availableKinds(): SandboxKind[] {
  return ['quickjs', 'webworker']
}

/** A new host of `kind`: the QuickJS host in its module worker, or the Web Worker host. */
export async function createHost(kind: SandboxKind): Promise<PageHost> {
  if (kind === 'quickjs') return createWorkerFunctionHost()
  return createWebWorkerFunctionHost({ seed: 7 })
}

/** Frees a host and whatever it runs in, never throwing (the host may be the broken one). */
export async function releaseHost(host: PageHost): Promise<void> {
  try {
    await Promise.race([host.dispose(), new Promise((resolve) => setTimeout(resolve, 2_000))])
  } catch {
    // a host that cannot dispose is terminated below
  }
  host.terminate?.()
}

/** The kinds asked for with `?kinds=quickjs,webworker`, among those available. */
export function requestedKinds(search: string, available: SandboxKind[]): SandboxKind[] {
  const asked = new URLSearchParams(search).get('kinds')
  if (!asked) return available
  const wanted = new Set(asked.split(',').map((kind) => kind.trim()))
  return available.filter((kind) => wanted.has(kind))
}
