import type {
  QuickJSContext,
  QuickJSHandle,
  QuickJSRuntime,
  VmCallResult,
} from 'quickjs-emscripten-core'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { runtimeExitError } from '../runtime/init-errors'
import { GuestClock } from './guest-clock'
import { PollCounter } from './poll-counter'
import type { CappedQuickJS } from './wasm-module'

/** Why a phase ended: normally, or by one of the faults that discard the environment. */
export type PhaseEnd = 'done' | 'timeout' | 'out-of-memory' | 'crash'

/** A fault that ends the environment, with the error body for a crash. */
export interface Fault {
  kind: Exclude<PhaseEnd, 'done'>
  error?: LambdaErrorPayload
}

/** What a guest error looks like once dumped to the host. */
export interface DumpedError {
  name?: unknown
  message?: unknown
  stack?: unknown
  code?: unknown
  lineNumber?: unknown
}

/**
 * A segment is also cut as a timeout once its wall time exceeds this many times the CPU time it
 * had left (guest-clock.ts `wallOverrun`): a bound for loops of native calls that do not poll (a
 * `while` around a megabyte `join` would otherwise hold the host for hours). Only code whose
 * wall time is already 5× past its timeout meets it, so the tick clock decides every other case;
 * a cut by it still ends at the deadline, so its Duration is the timeout on every machine, but
 * whether such code times out at all can depend on the machine.
 */
const WALL_BACKSTOP = 5

/** QuickJS's deepest safe stack in Chromium workers (toolchain notes P14). */
const MAX_STACK_BYTES = 128 * 1024

/**
 * One QuickJS runtime + context with the limits of an execution environment: every call into
 * the guest is a CPU segment on the environment's clock, which counts the guest's interrupt
 * polls (guest-clock.ts); the interrupt handler, called once per tick of 10,000 polls, counts the
 * tick and cuts a segment at the deadline or when the wasm heap reaches its cap; any host-side
 * exception (a wasm trap, a host stack overflow) is a crash, since it may leave the wasm instance
 * inconsistent.
 */
export class GuestVm {
  readonly runtime: QuickJSRuntime
  readonly ctx: QuickJSContext
  readonly clock: GuestClock
  /** The guest's polls and ticks, which drive the clock. */
  readonly counter: PollCounter
  /** Virtual epoch ms at which the running phase is cut. */
  deadline = Number.POSITIVE_INFINITY
  /** The request being served, for fault messages (`undefined` during INIT). */
  requestId: string | undefined
  private faultState: Fault | null = null
  /** The segment during which the fault was recorded, and the clock's time then. */
  private faultSegment = -1
  private faultAt = 0
  private segments = 0
  /** Set when the wasm instance itself may be inconsistent (a trap, an out-of-memory). */
  private poisoned = false

  constructor(
    private readonly wasm: CappedQuickJS,
    startMs: number,
  ) {
    this.runtime = wasm.module.newRuntime()
    this.runtime.setMaxStackSize(MAX_STACK_BYTES)
    this.ctx = this.runtime.newContext()
    const counter = new PollCounter(wasm.memory, this.ctx)
    this.counter = counter
    this.clock = new GuestClock(startMs, () => counter.polls())
    // Installed once the counter exists (the context polls from its first call). It runs once
    // per 10,000 polls of guest code, so it only counts and compares.
    this.runtime.setInterruptHandler(() => {
      counter.tick()
      return this.shouldInterrupt()
    })
  }

  /** The fault that ended the environment, if one did. */
  get fault(): Fault | null {
    return this.faultState
  }

  /** Records a fault; the first one wins (a timeout stays a timeout even if a crash follows). */
  setFault(fault: Fault): void {
    if (this.faultState) return
    this.faultState = fault
    this.faultSegment = this.segments
    this.faultAt = this.clock.now()
  }

  /**
   * What the end of segment `segment` found: the memory cap reached, or the clock past the
   * deadline. A crash recorded during that segment gave way to it: the guest's own reaction to
   * an allocation failing (an uncaught `InternalError: out of memory` in a timer) is not what
   * ended the process, and a crash after the deadline came too late, Lambda having killed the
   * process at the deadline.
   */
  private segmentEnded(segment: number): void {
    const overrun = this.clock.now() > this.deadline
    if (!this.atMemoryCap() && !overrun) return
    const fault: Fault = this.atMemoryCap() ? { kind: 'out-of-memory' } : { kind: 'timeout' }
    const since = fault.kind === 'timeout' ? this.deadline : Number.NEGATIVE_INFINITY
    const current = this.faultState
    const replaceable =
      current?.kind === 'crash' && this.faultSegment === segment && this.faultAt > since
    if (current && !replaceable) return
    this.faultState = null
    this.setFault(fault)
  }

  /** True when the wasm heap reached its cap or could not grow: the environment is out of memory. */
  atMemoryCap(): boolean {
    return this.wasm.exhausted() || this.wasm.memory.buffer.byteLength >= this.wasm.maxBytes
  }

  private shouldInterrupt(): boolean {
    if (this.atMemoryCap()) {
      this.setFault({ kind: 'out-of-memory' })
      return true
    }
    if (this.overdue()) {
      this.setFault({ kind: 'timeout' })
      return true
    }
    return false
  }

  /**
   * True when the running segment has passed the deadline on the tick clock (the interrupt will
   * cut it at the next tick, after the same work on every machine), or, as a backstop, spent far
   * more wall time than the CPU time it had left (`WALL_BACKSTOP`).
   */
  overdue(): boolean {
    const { clock } = this
    if (!clock.running) return false
    if (clock.now() > this.deadline) return true
    if (!clock.wallOverrun(this.deadline, WALL_BACKSTOP)) return false
    // Cut by the backstop: the phase still lasted until its deadline, as a timeout does.
    clock.chargeUntil(this.deadline)
    return true
  }

  /**
   * Runs `work` as a CPU segment; a host exception becomes a crash (or out-of-memory). QuickJS
   * calls the interrupt only every 10,000 polls, so a segment can end a little past the deadline
   * without being cut: the clock is checked once it has ended.
   */
  guard<T>(work: () => T): T | undefined {
    const segment = ++this.segments
    try {
      const result = this.clock.segment(work)
      this.segmentEnded(segment)
      return result
    } catch (error) {
      this.poisoned = true
      if (this.atMemoryCap()) this.setFault({ kind: 'out-of-memory' })
      else this.setFault({ kind: 'crash', error: this.crashError(error) })
      return undefined
    }
  }

  private crashError(error: unknown): LambdaErrorPayload {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    const payload = runtimeExitError(this.requestId ?? 'undefined', 'with error: signal: aborted')
    return { ...payload, trace: [`Host fault: ${reason}`] }
  }

  /**
   * Unwraps a call result: the value, or `undefined` after handing the dumped error to
   * `onError` (an `InternalError: out of memory` is a fault, whatever the guest does with it).
   */
  unwrap(
    result: VmCallResult<QuickJSHandle> | undefined,
    onError: (error: DumpedError, handle: QuickJSHandle) => void,
  ): QuickJSHandle | undefined {
    if (result === undefined) return undefined
    if (!result.error) return result.value
    const dumped = this.dumpError(result.error)
    if (dumped.name === 'InternalError' && dumped.message === 'out of memory') {
      this.setFault({ kind: 'out-of-memory' })
    } else if (!this.faultState) {
      onError(dumped, result.error)
    }
    result.error.dispose()
    return undefined
  }

  /** Dumps a guest error to plain data (never throws). */
  dumpError(handle: QuickJSHandle): DumpedError {
    try {
      const value: unknown = this.ctx.dump(handle)
      return typeof value === 'object' && value !== null
        ? (value as DumpedError)
        : { message: value }
    } catch {
      return { name: 'Error', message: 'unreadable error' }
    }
  }

  /** Calls a guest function as one segment. */
  call(
    fn: QuickJSHandle,
    args: QuickJSHandle[],
    onError: (error: DumpedError, handle: QuickJSHandle) => void,
  ): QuickJSHandle | undefined {
    return this.unwrap(
      this.guard(() => this.ctx.callFunction(fn, this.ctx.undefined, ...args)),
      onError,
    )
  }

  /** Runs every pending promise job (microtasks) as one segment. */
  drainJobs(): void {
    const result = this.guard(() => this.runtime.executePendingJobs())
    if (result === undefined || !result.error) return
    const dumped = this.dumpError(result.error)
    result.error.dispose()
    if (dumped.name === 'InternalError' && dumped.message === 'out of memory') {
      this.setFault({ kind: 'out-of-memory' })
    }
  }

  /** QuickJS's own count of bytes in use (the runtime's `memory_used_size`). */
  memoryUsedBytes(): number | undefined {
    try {
      const usage = this.runtime.computeMemoryUsage()
      // Reading one property is half the cost of dumping the whole usage object.
      const used = this.ctx.getProp(usage, 'memory_used_size')
      const bytes = this.ctx.getNumber(used)
      used.dispose()
      usage.dispose()
      return bytes
    } catch {
      return undefined
    }
  }

  /** False when QuickJS's heap may be inconsistent: drop the instance, never free into it. */
  get freeable(): boolean {
    return !this.poisoned && this.faultState?.kind !== 'out-of-memory'
  }

  /**
   * Ends the VM. By default the wasm instance is simply dropped: it is this environment's own,
   * so the garbage collector reclaims everything at once, and QuickJS's `JS_FreeRuntime` is
   * never entered (it can abort on an assertion after large promise-job allocations, upstream
   * quickjs-emscripten #269, and after an out-of-memory). With `verify`, the context and runtime
   * are freed explicitly; false then means objects were still referenced (a handle leak).
   */
  dispose(verify = false): boolean {
    if (!verify || !this.freeable) return true
    try {
      this.ctx.dispose()
      this.runtime.dispose()
      return true
    } catch {
      return false
    }
  }
}
