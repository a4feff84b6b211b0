import wasmUrl from '@jitl/quickjs-wasmfile-release-sync/wasm?url'
import type { WasmSource } from './wasm-module'

let compiled: Promise<WebAssembly.Module> | undefined

/**
 * The browser's wasm source: Vite emits the QuickJS binary as an asset (no CDN), and it is
 * compiled once per worker; every execution environment instantiates it with its own memory.
 */
export const browserWasmSource: WasmSource = () => {
  compiled ??= WebAssembly.compileStreaming(fetch(wasmUrl)).catch(async () => {
    // Some static hosts serve .wasm without `application/wasm`; compile from bytes instead.
    const response = await fetch(wasmUrl)
    return WebAssembly.compile(await response.arrayBuffer())
  })
  return compiled
}
