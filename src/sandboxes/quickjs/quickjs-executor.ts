/**
 * The core's executor port implemented with QuickJS: one sandboxed environment per execution
 * environment of the simulation, each invocation a coroutine in the simulation's virtual time.
 */
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { outOfMemoryError, timeoutError } from '../../core/lambda/errors'
import type { FunctionConfig } from '../../core/lambda/function-config'
import { logStreamName } from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import type {
  EnvironmentRef,
  Executor,
  ExecutorStep,
  InvocationCoroutine,
  ServiceCalls,
  VirtualClock,
} from '../../core/ports'
import { DEFAULT_EPOCH_MS } from '../../core/simulation'
import { createRng, randomHex } from '../../core/sim/rng'
import { runtimeExitError } from '../runtime/init-errors'
import { detectModuleKind } from '../runtime/module-source'
import { InstancePool } from './instance-pool'
import { QuickJSEnvironment } from './quickjs-environment'
import type { PhaseEnd } from './quickjs-environment'
import { QuickJSInvocation } from './quickjs-invocation'
import type { WasmSource } from './wasm-module'

/** A function as the executor needs it: its settings and, for provisioned environments, code. */
export type ExecutorFunction = FunctionConfig & { code?: string | null }

/** What the executor needs besides the wasm. */
export interface QuickJSExecutorOptions {
  /** The functions' settings (handler, runtime, environment…) and code, found by name. */
  functions: readonly ExecutorFunction[]
  /** Wasm instances kept ready per memory size (default 2). */
  spares?: number
  /**
   * Answers service calls made during INIT (top-level `await s3.send(…)`): the port's `init` is
   * one step, so the executor answers them itself and their latency counts into the INIT's
   * duration. Pass the simulation's own `ServiceCalls` so both see the same resources. Calls
   * made by handlers go to the core (a `call` wait). Without it, INIT-time calls fail.
   */
  services?: ServiceCalls
}

/** The executor, plus what a driver and tests need. */
export interface QuickJSExecutor extends Executor {
  /** True when the instance pool must be topped up before the next event. */
  readonly needsRefill: boolean
  /** Tops the pool up (asynchronous: emscripten instantiates wasm with a promise). */
  refill(): Promise<void>
  /** Takes the simulation's clock (the core calls it when the simulation is built). */
  attachClock(clock: VirtualClock): void
  /** Sandboxed environments created (INITs run) and disposed so far, and alive now. */
  readonly stats: { created: number; disposed: number; alive: number }
}

/** Thrown when the core creates more environments in one event than the pool had ready. */
export class SandboxPoolEmptyError extends Error {
  constructor(memoryMB: number) {
    super(
      `No QuickJS sandbox of ${memoryMB} MB was ready: drive the simulation with ` +
        '`runWithQuickJS` (it refills the pool between events) or raise `spares`.',
    )
    this.name = 'SandboxPoolEmptyError'
  }
}

/** Lambda's CPU share: below 1,769 MB the guest gets memory / 1,769 of a vCPU. */
function cpuScale(memoryMB: number): number {
  return memoryMB < Limits.MemoryPerVcpuMB ? Limits.MemoryPerVcpuMB / memoryMB : 1
}

/** The error body of a failed INIT (there is no request id yet). */
function initError(end: PhaseEnd, error: LambdaErrorPayload | undefined, at: number) {
  if (end === 'timeout') return timeoutError(at, 'undefined', Limits.InitTimeoutMs / 1000)
  if (end === 'out-of-memory') return outOfMemoryError('undefined')
  return error ?? runtimeExitError('undefined', 'with error: signal: aborted')
}

/**
 * Builds a QuickJS executor and makes its first instances (one per memory size of
 * `options.functions`, `spares` each).
 *
 * @example
 * const executor = await createQuickJSExecutor(nodeWasmSource, { functions: scenario.functions })
 * const simulation = createSimulation(scenario, { executor })
 * await runWithQuickJS(simulation, executor)
 */
export async function createQuickJSExecutor(
  wasm: WasmSource,
  options: QuickJSExecutorOptions,
): Promise<QuickJSExecutor> {
  const pool = new InstancePool(wasm, Math.max(1, options.spares ?? 2))
  for (const fn of options.functions) pool.want(fn.memoryMB)
  await pool.refill()
  return new Sandboxes(pool, options.functions, options.services)
}

class Sandboxes implements QuickJSExecutor {
  readonly #envs = new Map<number, QuickJSEnvironment>()
  readonly #configs = new Map<string, ExecutorFunction>()
  #clock: VirtualClock = { epochMs: DEFAULT_EPOCH_MS, now: () => 0 }
  #created = 0
  #disposed = 0

  constructor(
    private readonly pool: InstancePool,
    functions: readonly ExecutorFunction[],
    private readonly services: ServiceCalls | undefined,
  ) {
    for (const fn of functions) this.#configs.set(fn.name, fn)
  }

  get needsRefill(): boolean {
    return this.pool.low
  }

  refill(): Promise<void> {
    return this.pool.refill()
  }

  get stats(): { created: number; disposed: number; alive: number } {
    return { created: this.#created, disposed: this.#disposed, alive: this.#envs.size }
  }

  attachClock(clock: VirtualClock): void {
    this.#clock = clock
  }

  /** Virtual now as epoch ms. */
  #now(): number {
    return this.#clock.epochMs + this.#clock.now()
  }

  #config(ref: EnvironmentRef): FunctionConfig {
    const fn = this.#configs.get(ref.functionName)
    if (fn === undefined) throw new Error(`QuickJS executor: unknown function ${ref.functionName}`)
    const { code: _code, ...config } = fn
    return { ...config, memoryMB: ref.memoryMB }
  }

  init(ref: EnvironmentRef, code: string): ExecutorStep {
    return this.#open(ref, code)
  }

  /** Creates the environment and runs INIT: the step to report, and the environment kept. */
  #open(ref: EnvironmentRef, code: string): ExecutorStep {
    const config = this.#config(ref)
    const wasm = this.pool.take(ref.memoryMB)
    if (wasm === undefined) throw new SandboxPoolEmptyError(ref.memoryMB)
    const createdAt = this.#now()
    // The stream name's suffix is drawn from the environment id, so a run repeats exactly.
    const stream = logStreamName(createdAt, randomHex(createRng(ref.environmentId), 32))
    const module = { code, kind: detectModuleKind(code), handler: config.handler }
    const spec = { config, module, logStreamName: stream, createdAt }
    const env = QuickJSEnvironment.open(
      this.services ? { ...spec, services: this.services } : spec,
      wasm,
    )
    this.#created++
    // INIT is one step of the port: waits at top level count into its duration, at one vCPU.
    const report = env.init()
    const cpuMs = report.initDurationMs
    if (report.end === 'done') {
      this.#envs.set(ref.environmentId, env)
      return { kind: 'done', cpuMs, responseJson: 'null', logs: report.logLines }
    }
    env.dispose()
    this.#disposed++
    const error = initError(report.end, report.error, createdAt + cpuMs)
    return { kind: 'error', cpuMs, error, fatal: true, logs: report.logLines }
  }

  invoke(
    ref: EnvironmentRef,
    request: { requestId: string; eventJson: string; deadlineMs: number },
  ): InvocationCoroutine {
    const config = this.#config(ref)
    // The core initializes provisioned environments ahead of traffic without calling `init`
    // (their INIT time is modeled): the sandbox runs that INIT now, off the books.
    let env: QuickJSEnvironment | ExecutorStep | undefined = this.#envs.get(ref.environmentId)
    if (env === undefined) {
      const step = this.#open(ref, this.#configs.get(ref.functionName)?.code ?? '')
      env = step.kind === 'error' ? { ...step, cpuMs: 0 } : this.#envs.get(ref.environmentId)
    }
    return new QuickJSInvocation(env as QuickJSEnvironment | ExecutorStep, {
      requestId: request.requestId,
      eventJson: request.eventJson,
      // The guest's own cut comes 1 ms after the core's, so the core always decides a timeout
      // (its resume times are rounded up to whole ms).
      deadlineMs: this.#clock.epochMs + request.deadlineMs + 1,
      timeoutSeconds: config.timeoutSeconds,
      cpuScale: cpuScale(ref.memoryMB),
      now: () => this.#now(),
    })
  }

  dispose(environmentId: number): void {
    const env = this.#envs.get(environmentId)
    if (env === undefined) return
    this.#envs.delete(environmentId)
    env.dispose()
    this.#disposed++
  }
}
