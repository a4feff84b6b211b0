import type { QuickJSHandle } from 'quickjs-emscripten-core'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import type { FunctionConfig } from '../../core/lambda/function-config'
import { functionArn, lambdaEnvironment, logGroupName } from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import type { LogLevel } from '../../core/lambda/log-lines'
import { formattedForLog } from '../runtime/init-errors'
import { LogBuffer } from '../runtime/log-buffer'
import { GuestEventLoop } from './event-loop'
import type { LoopStep, PhaseStatus } from './event-loop'
import type { GuestClock } from './guest-clock'
import { GuestVm } from './guest-vm'
import type { PhaseEnd } from './guest-vm'
import { ModuleLoader } from './module-loader'
import type { UserModule } from './module-loader'
import { installShim } from './shim-bridge'
import type { ShimHandles } from './shim-bridge'
import { newCappedQuickJS } from './wasm-module'
import type { CappedQuickJS, WasmSource } from './wasm-module'

export type { PhaseEnd } from './guest-vm'
export type { LoopStep } from './event-loop'

/** Everything an execution environment is created from. */
export interface EnvironmentSpec {
  config: FunctionConfig
  module: UserModule
  /** `2026/11/26/[$LATEST]<hex>` */
  logStreamName: string
  /** Virtual epoch ms at which INIT starts. */
  createdAt: number
}

/** How INIT went. */
export interface InitReport {
  end: PhaseEnd
  /** Set when INIT failed (an init error, or a fault's placeholder). */
  error?: LambdaErrorPayload
  initDurationMs: number
  logLines: string[]
}

/** How one invocation went, before the host adds START/END/REPORT. */
export interface InvokeReport {
  end: PhaseEnd
  responseJson?: string
  error?: LambdaErrorPayload
  startedAt: number
  durationMs: number
  logLines: string[]
  maxMemoryUsedMB: number
}

const SHIM_STATUS = { pending: 0, done: 1, waitingForEmptyLoop: 2 } as const
const MB = 1024 * 1024

/**
 * An execution environment: one QuickJS runtime and context that live from INIT to disposal.
 * Globals persist between invocations (warm starts); timers left pending when a handler
 * responds stay frozen and fire on the next invocation, as on Lambda.
 */
export class QuickJSEnvironment {
  private readonly vm: GuestVm
  private readonly shim: ShimHandles
  private readonly loop: GuestEventLoop
  private logs = new LogBuffer()
  private logsTaken = 0
  private startedAt = 0
  private peakBytes = 0
  private runtimeLines = 0

  private constructor(
    private readonly spec: EnvironmentSpec,
    private readonly wasm: CappedQuickJS,
  ) {
    this.vm = new GuestVm(wasm, spec.createdAt)
    const env = lambdaEnvironment(spec.config, spec.logStreamName)
    this.shim = installShim(this.vm, spec.config, env, { log: (l, m) => this.log(l, m) })
    this.loop = new GuestEventLoop(this.vm, this.shim)
  }

  /** Instantiates QuickJS (own capped wasm memory) and installs the runtime shim. */
  static async create(spec: EnvironmentSpec, wasm: WasmSource): Promise<QuickJSEnvironment> {
    return new QuickJSEnvironment(spec, await newCappedQuickJS(wasm, spec.config.memoryMB))
  }

  /**
   * Builds the environment in a wasm instance made earlier, synchronously (the simulation core
   * creates environments in the middle of a synchronous run).
   */
  static open(spec: EnvironmentSpec, wasm: CappedQuickJS): QuickJSEnvironment {
    return new QuickJSEnvironment(spec, wasm)
  }

  /** True when the configured memory exceeded the 2 GiB a wasm32 heap allows. */
  get memoryCapped(): boolean {
    return this.wasm.capped
  }

  /** The environment's own wasm memory (leak checks watch it being garbage-collected). */
  get wasmMemory(): WebAssembly.Memory {
    return this.wasm.memory
  }

  /** The environment's clock now, virtual epoch ms. */
  now(): number {
    return this.vm.clock.now()
  }

  /** The clock itself: a driver moves it to the simulation's time and reads the CPU used. */
  get clock(): GuestClock {
    return this.vm.clock
  }

  /** Log lines of the current phase written since the last call (a driver ships them per step). */
  takeLogLines(): string[] {
    const lines = this.logs.lines.slice(this.logsTaken)
    this.logsTaken = this.logs.lines.length
    return lines
  }

  private log(level: LogLevel, message: string): void {
    // Once a fault ends the phase, the guest's own reaction (an `interrupted` error reaching
    // the handler's promise) is not what Lambda would print.
    if (this.vm.fault) return
    const at = Math.floor(this.vm.clock.now())
    const runtimeLine =
      message.startsWith('Invoke Error \t') || message.startsWith('Uncaught Exception \t')
    if (runtimeLine && this.runtimeLines++ === 0)
      this.logs.addRuntime(at, this.vm.requestId, level, message)
    else this.logs.add(at, this.vm.requestId, level, message)
  }

  private startPhase(requestId: string | undefined): void {
    this.logs = new LogBuffer()
    this.logsTaken = 0
    this.runtimeLines = 0
    this.vm.requestId = requestId
  }

  /** Runs the module's top-level code once (INIT, cut at 10 s) and resolves the handler. */
  init(): InitReport {
    this.startPhase(undefined)
    const start = this.vm.clock.now()
    this.vm.deadline = start + Limits.InitTimeoutMs
    const loader = new ModuleLoader(this.vm, this.shim, this.spec.module)
    let result = loader.load()
    let end: PhaseEnd = this.vm.fault?.kind ?? 'done'
    if (result.ok === 'pending' && end === 'done') {
      const pending = result
      end = this.loop.run(() => this.promiseStatus(pending.promise))
      if (end === 'done') result = pending.finish()
      else pending.promise.dispose()
    }
    const report: InitReport = { end, initDurationMs: this.vm.clock.now() - start, logLines: [] }
    if (end === 'done' && result.ok === false) {
      report.end = 'crash'
      report.error = result.error
      if (!result.logged) this.log('ERROR', `Uncaught Exception ${formattedForLog(result.error)}`)
    }
    if (end === 'crash') report.error = this.vm.fault?.error
    this.trackMemory(end)
    report.logLines = this.logs.lines
    return report
  }

  /** Invokes the handler with a JSON event at virtual time `startAt` (or later, if busy). */
  invoke(requestId: string, eventJson: string, startAt: number): InvokeReport {
    this.startInvocation(requestId, eventJson, startAt)
    return this.finishInvocation(this.loop.run(() => this.shimStatus()))
  }

  /**
   * Starts the handler at virtual time `startAt` (or later, if busy); a driver then alternates
   * `settle` and `wake` until the phase ends, and calls `finishInvocation`. `deadline` (epoch ms)
   * defaults to the configured timeout after the start.
   */
  startInvocation(requestId: string, eventJson: string, startAt: number, deadline?: number): void {
    this.startPhase(requestId)
    this.vm.clock.advanceTo(startAt)
    const startedAt = this.vm.clock.now()
    const { config } = this.spec
    this.startedAt = startedAt
    this.vm.deadline = deadline ?? startedAt + config.timeoutSeconds * 1000
    const contextJson = JSON.stringify({
      awsRequestId: requestId,
      functionName: config.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: functionArn(config.name),
      memoryLimitInMB: String(config.memoryMB),
      logGroupName: logGroupName(config.name),
      logStreamName: this.spec.logStreamName,
      deadlineMs: Math.floor(this.vm.deadline),
    })
    const args = [this.vm.ctx.newString(eventJson), this.vm.ctx.newString(contextJson)]
    this.vm.call(this.shim.get('invoke'), args, () => {})?.dispose()
    for (const h of args) h.dispose()
  }

  /** Runs what the invocation can run now: it ended, or waits until a virtual moment. */
  settle(): LoopStep {
    return this.loop.settle(() => this.shimStatus())
  }

  /** The moment the invocation waited for has come (the clock moves there): fire its timer. */
  wake(at: number): void {
    this.loop.wake(at)
  }

  /** Ends an invocation whose wait the driver cut at the deadline (the environment is faulted). */
  cutAtDeadline(): PhaseEnd {
    return this.loop.timeout()
  }

  /** Reads how the invocation ended: response or error, duration, memory, log lines. */
  finishInvocation(end: PhaseEnd): InvokeReport {
    const { startedAt } = this
    const report: InvokeReport = {
      end,
      startedAt,
      durationMs: this.vm.clock.now() - startedAt,
      logLines: [],
      maxMemoryUsedMB: 0,
    }
    if (end === 'done') Object.assign(report, this.readOutcome())
    if (end === 'crash') report.error = this.vm.fault?.error
    report.maxMemoryUsedMB = this.trackMemory(end)
    report.logLines = this.logs.lines
    return report
  }

  private promiseStatus(promise: QuickJSHandle): 'pending' | 'done' {
    const state = this.vm.ctx.getPromiseState(promise)
    if (state.type === 'pending') return 'pending'
    // A settled state carries a handle of its own; only its existence matters here.
    if (state.type === 'fulfilled') state.value.dispose()
    else state.error.dispose()
    return 'done'
  }

  private shimStatus(): PhaseStatus {
    const handle = this.vm.call(this.shim.get('status'), [], () => {})
    const status = handle ? this.vm.ctx.getNumber(handle) : SHIM_STATUS.done
    handle?.dispose()
    if (status === SHIM_STATUS.done) return 'done'
    return status === SHIM_STATUS.waitingForEmptyLoop ? 'wait-empty' : 'pending'
  }

  private readOutcome(): Pick<InvokeReport, 'responseJson' | 'error'> {
    const handle = this.vm.call(this.shim.get('outcome'), [], () => {})
    const text = handle ? this.vm.ctx.getString(handle) : 'null'
    handle?.dispose()
    const outcome = JSON.parse(text) as
      { ok: true; json: string } | { ok: false; error: LambdaErrorPayload } | null
    if (outcome === null)
      return { error: { errorType: 'Runtime.Unknown', errorMessage: 'No result' } }
    return outcome.ok ? { responseJson: outcome.json } : { error: outcome.error }
  }

  private trackMemory(end: PhaseEnd): number {
    if (end === 'out-of-memory') return this.spec.config.memoryMB
    const used = end === 'done' ? this.vm.memoryUsedBytes() : undefined
    if (used !== undefined) this.peakBytes = Math.max(this.peakBytes, used)
    return Math.max(1, Math.ceil(this.peakBytes / MB))
  }

  /**
   * Ends the environment: drops its wasm instance (memory and all). With `verify`, frees every
   * handle and the QuickJS runtime explicitly and returns false if objects were still referenced
   * (tests use it to prove the host glue leaks nothing).
   */
  dispose(verify = false): boolean {
    if (!verify || !this.vm.freeable) return this.vm.dispose(verify)
    try {
      this.shim.dispose()
    } catch {
      return false
    }
    return this.vm.dispose(true)
  }
}
