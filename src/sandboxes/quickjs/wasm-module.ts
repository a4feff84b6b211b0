import { newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten-core'
import type { QuickJSWASMModule } from 'quickjs-emscripten-core'
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync'

/** Compiles (once) the QuickJS wasm binary; each platform has its own way to fetch the bytes. */
export type WasmSource = () => Promise<WebAssembly.Module>

/** One WebAssembly page is 64 KiB, so 1 MB of configured memory is 16 pages. */
const PAGES_PER_MB = 16
/** QuickJS is a wasm32 build whose heap may grow to 2 GiB at most (32,768 pages). */
export const MAX_WASM_PAGES = 32_768
/** Emscripten refuses a smaller initial memory (toolchain notes P12). */
const INITIAL_PAGES = 256

/** A QuickJS wasm instance with its own memory, hard-capped at the function's memory. */
export interface CappedQuickJS {
  module: QuickJSWASMModule
  memory: WebAssembly.Memory
  /** The cap, bytes. */
  maxBytes: number
  /** True when the configured memory exceeded what a wasm32 heap can hold and was cut to 2 GiB. */
  capped: boolean
  /** True once the heap needed to grow and could not: QuickJS has run out of memory. */
  exhausted(): boolean
}

/**
 * Emscripten grows the heap by calling `memory.grow`; a refusal means malloc fails and QuickJS
 * throws a (catchable) `InternalError: out of memory`. Its growth policy over-allocates, so a
 * refusal can come just below the cap; watching `grow` catches both cases.
 */
function watchGrowth(memory: WebAssembly.Memory): () => boolean {
  let refused = false
  const grow = memory.grow.bind(memory)
  Object.defineProperty(memory, 'grow', {
    value: (delta: number): number => {
      try {
        return grow(delta)
      } catch (error) {
        refused = true
        throw error
      }
    },
  })
  return () => refused
}

/** Pages for a configured memory size, and whether the 2 GiB wasm32 ceiling cut it. */
export function pagesFor(memoryMB: number): { pages: number; capped: boolean } {
  const wanted = Math.max(INITIAL_PAGES, memoryMB * PAGES_PER_MB)
  return { pages: Math.min(wanted, MAX_WASM_PAGES), capped: wanted > MAX_WASM_PAGES }
}

/**
 * Instantiates QuickJS in a fresh wasm instance whose memory cannot grow past `memoryMB`.
 * `setMemoryLimit` does not count bytes in these builds (toolchain notes P11), so the wasm
 * memory's `maximum` is the only real cap: an allocation past it fails inside QuickJS.
 */
export async function newCappedQuickJS(
  source: WasmSource,
  memoryMB: number,
): Promise<CappedQuickJS> {
  const { pages, capped } = pagesFor(memoryMB)
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: pages })
  const exhausted = watchGrowth(memory)
  const module = await newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, { wasmModule: await source(), wasmMemory: memory }),
  )
  return { module, memory, maxBytes: pages * 65_536, capped, exhausted }
}
