import { describe, expect, it } from 'vitest'
import { nodeWasmSource } from './load-quickjs-node'
import { MAX_WASM_PAGES, newCappedQuickJS, pagesFor } from './wasm-module'

describe('the memory cap of an execution environment', () => {
  it('is the configured memory in 64 KiB pages, at least the 16 MiB emscripten needs', () => {
    expect(pagesFor(128)).toEqual({ pages: 2048, capped: false })
    expect(pagesFor(1769)).toEqual({ pages: 28_304, capped: false })
  })

  it('stops at the 2 GiB a wasm32 heap can address, and says so', () => {
    expect(pagesFor(2048)).toEqual({ pages: MAX_WASM_PAGES, capped: false })
    expect(pagesFor(10_240)).toEqual({ pages: MAX_WASM_PAGES, capped: true })
  })

  it('gives each environment its own wasm memory with that maximum', async () => {
    const a = await newCappedQuickJS(nodeWasmSource, 128)
    const b = await newCappedQuickJS(nodeWasmSource, 256)
    expect(a.memory).not.toBe(b.memory)
    expect([a.maxBytes, b.maxBytes]).toEqual([128 * 2 ** 20, 256 * 2 ** 20])
    expect(a.module.getWasmMemory()).toBe(a.memory)
    expect(a.exhausted()).toBe(false)
  })
})
