import type { QuickJSHandle } from 'quickjs-emscripten-core'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import type { FunctionConfig } from '../../core/lambda/function-config'
import type { ServiceCalls } from '../../core/ports'
import { functionArn, lambdaEnvironment, logGroupName } from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import type { LogLevel } from '../../core/lambda/log-lines'
import { formattedForLog } from '../runtime/init-errors'
import { LogBuffer } from '../runtime/log-buffer'
import { GuestEventLoop } from './event-loop'
import { decodeOutcome, unreadableExitError } from './guest-text'
import type { CallResult, GuestCall, LoopStep, PhasePoll } from './event-loop'
import type { GuestClock } from './guest-clock'
import type { GuestVm, PhaseEnd } from './guest-vm'
import { MemoryPeak } from './memory-peak'
import { ModuleLoader } from './module-loader'
import type { UserModule } from './module-loader'
import { newPreparedSandbox, prepareSandbox } from './prepared-sandbox'
import type { PreparedSandbox } from './prepared-sandbox'
import { configureShim } from './shim-bridge'
import type { ShimHandles } from './shim-bridge'
import type { CappedQuickJS, WasmSource } from './wasm-module'

export type { PhaseEnd } from './guest-vm'
export type { CallResult, GuestCall, LoopStep } from './event-loop'

/** Everything an execution environment is created from. */
export interface EnvironmentSpec {
  config: FunctionConfig
  module: UserModule
  /** `2026/11/26/[$LATEST]<hex>` */
  logStreamName: string
  /** Virtual epoch ms at which INIT starts. */
  createdAt: number
  /**
   * Answers the guest's service calls when the environment runs a phase on its own (`init`,
   * `invoke`); a driver stepping it (`settle`) answers them itself. Without it, calls fail.
   */
  services?: ServiceCalls
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
const ignore = (): void => {}

/**
 * An execution environment: one QuickJS runtime and context that live from INIT to disposal.
 * Globals persist between invocations (warm starts); timers left pending when a handler
 * responds stay frozen and fire on the next invocation, as on Lambda.
 */
export class QuickJSEnvironment {
  private readonly vm: GuestVm
  private readonly shim: ShimHandles
  private readonly wasm: CappedQuickJS
  private readonly loop: GuestEventLoop
  private readonly memory: MemoryPeak
  private logs = new LogBuffer()
  private logsTaken = 0
  private startedAt = 0
  private runtimeLines = 0
  /** The shim's encoded outcome, read with the poll that saw the invocation end. */
  private outcomeJson: string | undefined

  private constructor(
    private readonly spec: EnvironmentSpec,
    sandbox: PreparedSandbox,
  ) {
    const { vm, wasm, shim } = sandbox
    this.vm = vm
    this.wasm = wasm
    this.shim = shim
    sandbox.sink.log = (l, m) => this.log(l, m)
    sandbox.sink.call = (id, service, operation, json) =>
      this.loop.enqueue(id, service, operation, json)
    vm.clock.advanceTo(spec.createdAt)
    const { config } = spec
    configureShim(vm, shim, lambdaEnvironment(config, spec.logStreamName), {
      functionVersion: '$LATEST',
      functionName: config.name,
      memoryLimitInMB: String(config.memoryMB),
      logGroupName: logGroupName(config.name),
      logStreamName: spec.logStreamName,
      invokedFunctionArn: functionArn(config.name),
    })
    this.loop = new GuestEventLoop(vm, shim, spec.services)
    this.memory = new MemoryPeak({
      heapBytes: () => wasm.memory.buffer.byteLength,
      usedBytes: () => vm.memoryUsedBytes(),
      wallNow: () => performance.now(),
    })
  }

  /** Instantiates QuickJS (own capped wasm memory) and installs the runtime shim. */
  static async create(spec: EnvironmentSpec, wasm: WasmSource): Promise<QuickJSEnvironment> {
    return new QuickJSEnvironment(spec, await newPreparedSandbox(wasm, spec.config))
  }

  /**
   * Builds the environment in a wasm instance made earlier, synchronously (the simulation core
   * creates environments in the middle of a synchronous run).
   */
  static open(spec: EnvironmentSpec, wasm: CappedQuickJS): QuickJSEnvironment {
    return new QuickJSEnvironment(spec, prepareSandbox(wasm, spec.config))
  }

  /**
   * Opens the environment in a sandbox prepared ahead of time for the same memory, runtime and
   * architecture (`prepareSandbox`): what is left of a cold start is INIT itself.
   */
  static openPrepared(spec: EnvironmentSpec, sandbox: PreparedSandbox): QuickJSEnvironment {
    return new QuickJSEnvironment(spec, sandbox)
  }

  /** Exact memory readings taken so far (see `MemoryPeak`). */
  get exactMemoryReadings(): number {
    return this.memory.exactReadings
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
    // the handler's promise) is not what Lambda would print; nor is anything written once the
    // heap is at its cap (an `InternalError: out of memory` caught and logged), since Lambda
    // kills the process there and this segment will end as out of memory.
    if (this.vm.fault || this.vm.atMemoryCap()) return
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
    this.outcomeJson = undefined
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
      end = this.loop.run(() => ({ state: this.promiseStatus(pending.promise) }))
      if (end === 'done') result = pending.finish()
      else pending.promise.dispose()
    }
    const report: InitReport = { end, initDurationMs: this.elapsedSince(start, end), logLines: [] }
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
    return this.finishInvocation(this.loop.run(() => this.poll()))
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
    this.startedAt = startedAt
    this.vm.deadline = deadline ?? startedAt + this.spec.config.timeoutSeconds * 1000
    const { ctx } = this.vm
    const args = [
      ctx.newString(eventJson),
      ctx.newString(requestId),
      ctx.newNumber(Math.floor(this.vm.deadline)),
    ]
    this.vm.call(this.shim.get('invoke'), args, ignore)?.dispose()
    for (const h of args) h.dispose()
  }

  /** Runs what the invocation can run now: it ended, or waits until a virtual moment. */
  settle(): LoopStep {
    return this.loop.settle(() => this.poll())
  }

  /** The moment the invocation waited for has come (the clock moves there): fire its timer. */
  wake(at: number): void {
    this.loop.wake(at)
  }

  /** The answer to the call of a `call` step reaches the guest at virtual epoch ms `at`. */
  resolveCall(call: GuestCall, result: CallResult, at: number): void {
    this.loop.resolveCall(call, result, at)
  }

  /** Fires the timers and answers due by `at`, each at its moment, and moves the clock there. */
  catchUp(at: number): void {
    this.loop.catchUp(at)
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
      durationMs: this.elapsedSince(startedAt, end),
      logLines: [],
      maxMemoryUsedMB: 0,
    }
    if (end === 'done') Object.assign(report, this.readOutcome())
    // An outcome the host could not read ended the runtime (`readOutcome`).
    if (end === 'done' && this.vm.fault?.kind === 'crash') report.end = 'crash'
    if (report.end === 'crash') report.error = this.vm.fault?.error
    report.maxMemoryUsedMB = this.trackMemory(end)
    report.logLines = this.logs.lines
    return report
  }

  /**
   * Virtual ms since `start`; a phase that timed out lasted until its deadline, however far past
   * it the last segment ran (QuickJS polls the interrupt only every ~10,000 branches and calls).
   */
  private elapsedSince(start: number, end: PhaseEnd): number {
    const now = this.vm.clock.now()
    return (end === 'timeout' ? Math.min(now, this.vm.deadline) : now) - start
  }

  private promiseStatus(promise: QuickJSHandle): 'pending' | 'done' {
    const state = this.vm.ctx.getPromiseState(promise)
    if (state.type === 'pending') return 'pending'
    // A settled state carries a handle of its own; only its existence matters here.
    if (state.type === 'fulfilled') state.value.dispose()
    else state.error.dispose()
    return 'done'
  }

  /**
   * One guest call per loop turn: the shim's `poll()` answers `status[,nextTimerAt]`, followed by
   * a newline and the encoded outcome once the invocation is done (an outcome never changes
   * after that). Numbers cross as text: JavaScript prints a double so that it parses back exactly.
   */
  private poll(): PhasePoll {
    const handle = this.vm.call(this.shim.get('poll'), [], ignore)
    if (!handle) return { state: 'done', nextTimerAt: -1 }
    const text = this.vm.ctx.getString(handle)
    handle.dispose()
    const newline = text.indexOf('\n')
    const head = newline < 0 ? text : text.slice(0, newline)
    if (newline >= 0) this.outcomeJson = text.slice(newline + 1)
    const comma = head.indexOf(',')
    const status = Number(comma < 0 ? head : head.slice(0, comma))
    const nextTimerAt = comma < 0 ? -1 : Number(head.slice(comma + 1))
    if (status === SHIM_STATUS.done) return { state: 'done', nextTimerAt }
    const state = status === SHIM_STATUS.waitingForEmptyLoop ? 'wait-empty' : 'pending'
    return { state, nextTimerAt }
  }

  private readOutcome(): Pick<InvokeReport, 'responseJson' | 'error'> {
    let text = this.outcomeJson
    if (text === undefined) {
      const handle = this.vm.call(this.shim.get('outcome'), [], ignore)
      text = handle ? this.vm.ctx.getString(handle) : 'N'
      handle?.dispose()
    }
    // Read as untrusted (guest-text.ts): what cannot be read is a crash, and the environment
    // is discarded.
    const outcome = decodeOutcome(text)
    if (!('unreadable' in outcome)) return outcome
    this.vm.setFault({
      kind: 'crash',
      error: unreadableExitError(this.vm.requestId, outcome.unreadable),
    })
    return {}
  }

  /** Max Memory Used in MB: the high-water mark of `MemoryPeak` (read at a phase's end). */
  private trackMemory(end: PhaseEnd): number {
    if (end === 'out-of-memory') return this.spec.config.memoryMB
    const bytes = end === 'done' ? this.memory.sample() : this.memory.peakBytes
    return Math.max(1, Math.ceil(bytes / MB))
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
