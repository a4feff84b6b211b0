/**
 * The QuickJS sandboxes of one run, as one executor for the core. A QuickJS executor keeps wasm
 * instances ready only for the memory sizes it was built with (instances are made
 * asynchronously, environments are created synchronously mid-event). A memory change mid-run
 * needs instances of the new size before the next cold start, so this set builds one executor
 * per memory size on demand (`prepare`, awaited before the change is applied) and routes each
 * environment to the executor that created it.
 */
import type { Scenario } from '../core'
import type { EnvironmentRef, Executor, InvocationCoroutine, VirtualClock } from '../core/ports'
import { createQuickJSExecutor } from '../sandboxes/quickjs/quickjs-executor'
import type { ExecutorFunction, QuickJSExecutor } from '../sandboxes/quickjs/quickjs-executor'
import type { WasmSource } from '../sandboxes/quickjs/wasm-module'
import { createServiceDouble, type ServiceDouble } from '../sandboxes/services/service-double'
import { DEFAULT_EPOCH_MS } from '../core/simulation'

/** Most wasm instances kept ready per memory size (each one is a `WebAssembly.Memory`). */
export const MaxSpares = 16

/**
 * Instances to keep ready per memory size: the most environments the scenario's traffic can
 * start in one virtual millisecond (a burst, simultaneous listed arrivals, rates above
 * 1,000/s), plus one; at least 2 (the CLI's default), at most {@link MaxSpares}.
 */
export function sparesFor(scenario: Scenario): number {
  let most = 1
  for (const t of scenario.traffic) {
    const a = t.arrivals
    if (a.kind === 'burst') most = Math.max(most, a.count)
    else if (a.kind === 'list') {
      const perMs = new Map<number, number>()
      for (const s of a.seconds) {
        const ms = Math.round(s * 1000)
        const n = (perMs.get(ms) ?? 0) + 1
        perMs.set(ms, n)
        if (n > most) most = n
      }
    } else {
      const peak =
        a.kind === 'spike'
          ? a.spikeRatePerSecond
          : a.kind === 'step'
            ? Math.max(0, ...a.steps.map((s) => s.ratePerSecond))
            : a.kind === 'diurnal'
              ? a.meanRatePerSecond * (1 + a.amplitude)
              : a.ratePerSecond
      most = Math.max(most, Math.ceil(peak / 1000) + 1)
    }
  }
  return Math.min(MaxSpares, Math.max(2, most + 1))
}

/** The executors of one run, one per memory size, behind the core's executor port. */
export class SandboxSet implements Executor {
  readonly #bySize = new Map<number, QuickJSExecutor>()
  readonly #owner = new Map<number, QuickJSExecutor>()
  #clock: VirtualClock | null = null
  /**
   * The simulated services real code's SDK calls reach (in memory, on the run's clock, seeded by
   * the scenario as the CLI seeds them); give it to the simulation as its `services`.
   */
  readonly services: ServiceDouble

  private constructor(
    private readonly wasm: WasmSource,
    private readonly spares: number,
    private functions: ExecutorFunction[],
    seed: number,
  ) {
    this.services = createServiceDouble({
      seed,
      now: () => (this.#clock ? this.#clock.epochMs + this.#clock.now() : DEFAULT_EPOCH_MS),
    })
  }

  /** Builds the set for a scenario's functions (instances of every memory size they use). */
  static async create(wasm: WasmSource, scenario: Scenario): Promise<SandboxSet> {
    const set = new SandboxSet(wasm, sparesFor(scenario), scenario.functions.slice(), scenario.seed)
    await set.#add(set.functions)
    return set
  }

  async #add(functions: ExecutorFunction[]): Promise<void> {
    const executor = await createQuickJSExecutor(this.wasm, {
      functions,
      spares: this.spares,
      services: this.services,
    })
    if (this.#clock !== null) executor.attachClock(this.#clock)
    for (const fn of functions)
      if (!this.#bySize.has(fn.memoryMB)) this.#bySize.set(fn.memoryMB, executor)
  }

  /**
   * Makes instances of `memoryMB` ready for `functionName` before a change to that memory is
   * applied (a no-op when the size is known already).
   */
  async prepare(functionName: string, memoryMB: number): Promise<void> {
    this.functions = this.functions.map((fn) =>
      fn.name === functionName ? { ...fn, memoryMB } : fn,
    )
    if (this.#bySize.has(memoryMB)) return
    await this.#add(this.functions.filter((fn) => fn.name === functionName))
  }

  /** True when an executor's pool must be topped up before the next event. */
  get needsRefill(): boolean {
    for (const executor of this.#executors()) if (executor.needsRefill) return true
    return false
  }

  /** Tops every pool up (asynchronous: wasm is instantiated with a promise). */
  async refill(): Promise<void> {
    for (const executor of this.#executors()) if (executor.needsRefill) await executor.refill()
  }

  /** Sandboxed environments created, disposed and alive, over all memory sizes. */
  get stats(): { created: number; disposed: number; alive: number } {
    const total = { created: 0, disposed: 0, alive: 0 }
    for (const executor of this.#executors()) {
      total.created += executor.stats.created
      total.disposed += executor.stats.disposed
      total.alive += executor.stats.alive
    }
    return total
  }

  attachClock(clock: VirtualClock): void {
    this.#clock = clock
    for (const executor of this.#executors()) executor.attachClock(clock)
  }

  init(ref: EnvironmentRef, code: string) {
    const executor = this.#forSize(ref.memoryMB)
    this.#owner.set(ref.environmentId, executor)
    return executor.init(ref, code)
  }

  invoke(
    ref: EnvironmentRef,
    request: { requestId: string; eventJson: string; deadlineMs: number },
  ): InvocationCoroutine {
    // Provisioned environments are first seen here (their INIT is run on first use).
    let executor = this.#owner.get(ref.environmentId)
    if (executor === undefined) {
      executor = this.#forSize(ref.memoryMB)
      this.#owner.set(ref.environmentId, executor)
    }
    return executor.invoke(ref, request)
  }

  dispose(environmentId: number): void {
    this.#owner.get(environmentId)?.dispose(environmentId)
    this.#owner.delete(environmentId)
  }

  /** Frees every environment still alive (the run is being replaced). */
  disposeAll(): void {
    for (const id of [...this.#owner.keys()]) this.dispose(id)
  }

  #forSize(memoryMB: number): QuickJSExecutor {
    const executor = this.#bySize.get(memoryMB)
    if (executor === undefined)
      throw new Error(`No QuickJS sandboxes of ${memoryMB} MB were prepared for this run`)
    return executor
  }

  #executors(): Set<QuickJSExecutor> {
    return new Set(this.#bySize.values())
  }
}
