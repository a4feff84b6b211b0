import { GuestVm } from './guest-vm'
import { installShim } from './shim-bridge'
import type { ShimConfig, ShimHandles, ShimHost } from './shim-bridge'
import { newCappedQuickJS } from './wasm-module'
import type { CappedQuickJS, WasmSource } from './wasm-module'

/** What a prepared sandbox depends on: the memory cap and what the shim's installation reads. */
export type SandboxConfig = ShimConfig & { memoryMB: number }

/**
 * A QuickJS instance with its runtime, context and runtime shim installed, and no environment
 * yet: everything a cold start does before the user's code, made ahead of time. No user code has
 * run in it; the environment that opens it sets its variables and clock (`configureShim`).
 */
export interface PreparedSandbox {
  wasm: CappedQuickJS
  vm: GuestVm
  shim: ShimHandles
  /** Where the shim's log lines go; the environment that opens the sandbox points it at itself. */
  sink: ShimHost
  /** `sandboxKey` of the configuration it was made for. */
  key: string
}

/** Sandboxes made for configurations with the same key are interchangeable. */
export function sandboxKey(config: SandboxConfig): string {
  return `${config.memoryMB}/${config.runtime}/${config.architecture}`
}

/**
 * Prepares a sandbox in a wasm instance made earlier (synchronous: the simulation core opens
 * environments in the middle of a synchronous run). Its clock starts at 0; the environment moves
 * it to its creation time.
 */
export function prepareSandbox(wasm: CappedQuickJS, config: SandboxConfig): PreparedSandbox {
  const vm = new GuestVm(wasm, 0)
  const sink: ShimHost = { log: () => {} }
  const shim = installShim(vm, config, sink)
  return { wasm, vm, shim, sink, key: sandboxKey(config) }
}

/** Instantiates QuickJS with its own capped memory, then prepares the sandbox in it. */
export async function newPreparedSandbox(
  source: WasmSource,
  config: SandboxConfig,
): Promise<PreparedSandbox> {
  return prepareSandbox(await newCappedQuickJS(source, config.memoryMB), config)
}

/**
 * Disposes a sandbox no environment opened. With `verify`, frees its handles and runtime
 * explicitly and returns false if objects were still referenced (see `GuestVm.dispose`).
 */
export function disposeSandbox(sandbox: PreparedSandbox, verify = false): boolean {
  if (!verify) return sandbox.vm.dispose(false)
  try {
    sandbox.shim.dispose()
  } catch {
    return false
  }
  return sandbox.vm.dispose(true)
}
