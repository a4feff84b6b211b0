import type { WasmSource } from './wasm-module'

/** The two Node functions this loader needs, typed here so sandboxes need no Node types. */
interface NodeFs {
  readFile(path: string): Promise<Uint8Array>
}
interface NodeModule {
  createRequire(from: string): { resolve(id: string): string }
}

let compiled: Promise<WebAssembly.Module> | undefined

async function compileFromPackage(): Promise<WebAssembly.Module> {
  // Specifiers in variables keep bundlers from pulling Node built-ins into the browser build.
  const fsId = 'node:fs/promises'
  const moduleId = 'node:module'
  const fs = (await import(/* @vite-ignore */ fsId)) as NodeFs
  const { createRequire } = (await import(/* @vite-ignore */ moduleId)) as NodeModule
  const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm')
  const bytes = await fs.readFile(path)
  return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>)
}

/** Node's wasm source (tests, CLI): the package's binary is read and compiled once per process. */
export const nodeWasmSource: WasmSource = () => {
  compiled ??= compileFromPackage()
  return compiled
}
