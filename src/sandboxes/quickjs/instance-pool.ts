import { newCappedQuickJS } from './wasm-module'
import type { CappedQuickJS, WasmSource } from './wasm-module'

/**
 * QuickJS wasm instances made ahead of time, per memory size. Emscripten's loader only
 * instantiates asynchronously, while the simulation core creates environments in the middle of
 * a synchronous run: a driver tops the pool up between events (`refill`) and the executor
 * takes from it synchronously.
 */
export class InstancePool {
  readonly #ready = new Map<number, CappedQuickJS[]>()

  /**
   * @param wasm where the compiled module comes from
   * @param spares instances kept ready per memory size
   */
  constructor(
    private readonly wasm: WasmSource,
    private readonly spares: number,
  ) {}

  /** Declares a memory size the pool must keep instances for. */
  want(memoryMB: number): void {
    if (!this.#ready.has(memoryMB)) this.#ready.set(memoryMB, [])
  }

  /** True when a memory size has fewer than `spares` instances ready. */
  get low(): boolean {
    for (const list of this.#ready.values()) if (list.length < this.spares) return true
    return false
  }

  /** Makes instances until every wanted memory size has `spares` of them. */
  async refill(): Promise<void> {
    for (const [memoryMB, list] of this.#ready) {
      while (list.length < this.spares) list.push(await newCappedQuickJS(this.wasm, memoryMB))
    }
  }

  /** An instance for `memoryMB`, or undefined when none is ready (the size is then wanted). */
  take(memoryMB: number): CappedQuickJS | undefined {
    this.want(memoryMB)
    return this.#ready.get(memoryMB)?.pop()
  }
}
