import type { QuickJSContext } from 'quickjs-emscripten-core'

/**
 * QuickJS's `JS_INTERRUPT_COUNTER_INIT`: the polls (function calls and jumps, which include every
 * loop's backward branch) between two calls of the runtime's interrupt handler. One handler call
 * is one tick.
 */
export const POLLS_PER_TICK = 10_000

/**
 * Byte offset of `int interrupt_counter` in QuickJS's `struct JSContext`, in the wasm32 build of
 * `@jitl/quickjs-wasmfile-release-sync` 0.32.0 (QuickJS 2025-09-13), the only build this project
 * loads. Found by diffing the struct's words around loops of known length (the counter is the
 * word that drops by exactly the loop's polls); `poll-counter.test.ts` checks it still holds. If
 * another build moves it, the counter's reading fails its range check and only whole ticks count.
 */
export const INTERRUPT_COUNTER_OFFSET = 232

/** The pointer behind a context (quickjs-emscripten keeps it `protected`; it is stable). */
function contextPointer(ctx: QuickJSContext): number {
  const lifetime = (ctx as unknown as { ctx?: { value?: unknown } }).ctx
  const value = lifetime?.value
  return typeof value === 'number' ? value : -1
}

/**
 * Exact count of the polls a QuickJS context has made, read from QuickJS's own countdown: whole
 * ticks (counted by the interrupt handler, which must call `tick()` first thing) plus the part of
 * the current tick already counted down. It is the same for the same code on every machine,
 * whatever ran in the context before, unlike the ticks alone (their phase depends on history).
 */
export class PollCounter {
  private ticks = 0
  private view: Int32Array
  private readonly index: number
  private readable: boolean

  constructor(
    private readonly memory: WebAssembly.Memory,
    ctx: QuickJSContext,
  ) {
    const address = contextPointer(ctx) + INTERRUPT_COUNTER_OFFSET
    this.index = address >> 2
    this.view = new Int32Array(memory.buffer)
    this.readable = address > INTERRUPT_COUNTER_OFFSET && address % 4 === 0 && this.inRange()
  }

  /** False when the countdown could not be read (another QuickJS build): whole ticks only. */
  get exact(): boolean {
    return this.readable
  }

  /**
   * The interrupt handler was called. QuickJS has just reset its countdown to `POLLS_PER_TICK`:
   * any other reading means the offset is wrong for this build, and from then on only whole ticks
   * count (the count never goes back: a countdown is clamped to one tick).
   */
  tick(): void {
    this.ticks++
    if (this.readable && this.countdown() !== POLLS_PER_TICK) this.readable = false
  }

  /** Polls since the context was made (monotonic; differences are what count). */
  polls(): number {
    if (!this.readable) return this.ticks * POLLS_PER_TICK
    // A new context's countdown is 0, which ticks at the next poll, as 1 does.
    const left = this.countdown()
    return (
      this.ticks * POLLS_PER_TICK - (left > POLLS_PER_TICK ? POLLS_PER_TICK : left > 1 ? left : 1)
    )
  }

  /** QuickJS's countdown to the next tick; a grown heap detaches the old view (length 0). */
  private countdown(): number {
    if (this.view.length === 0) this.view = new Int32Array(this.memory.buffer)
    return this.view[this.index] ?? 0
  }

  private inRange(): boolean {
    const value = this.view[this.index]
    return value !== undefined && value >= 0 && value <= POLLS_PER_TICK
  }
}
