/** Exact readings at least this often, in invocations (bounds how stale the peak can be). */
const EXACT_EVERY = 64
/** An exact reading may cost at most 1/50 of the wall time between two of them (2 %). */
const COST_SHARE = 50

/** Where a memory peak reads from. */
export interface MemorySources {
  /** Size of the wasm heap now, bytes: cheap (`memory.buffer.byteLength`), and it never shrinks. */
  heapBytes(): number
  /** QuickJS's exact count of bytes in use (walks every object), or undefined if unreadable. */
  usedBytes(): number | undefined
  /** Wall clock, ms (`performance.now()`). */
  wallNow(): number
}

/**
 * Max Memory Used as a high-water mark of QuickJS's exact readings, without paying for an exact
 * reading on every invocation (it walks every live object: 14 µs on a small heap, 0.7 ms with
 * 100,000 objects, against a 4 µs floor for a whole call).
 *
 * At the end of each phase the heap size is read (about 0.02 µs). The exact count is read when
 * any of these holds: there is no exact reading yet; the wasm heap grew since the last one (the
 * guest allocated past everything it had before); 64 phases passed since the last one; or the
 * wall time since the last one is at least 50 times what that reading cost, so readings never
 * take more than about 2 % of the time. Invocations a person starts by hand are always far
 * enough apart to be read exactly; only tight loops (simulations, benchmarks) are sampled.
 *
 * The peak is the maximum of the exact readings: it never goes down and is never below what was
 * measured. Like Lambda's figure it is a peak over the environment's life, and like the reading
 * before this rule, it is taken at phase ends, so a transient inside one phase is not seen.
 */
export class MemoryPeak {
  #peak = 0
  #heapAtExact = -1
  #phasesSinceExact = 0
  #exactAt = 0
  #exactCostMs = 0
  #exactReadings = 0

  constructor(private readonly sources: MemorySources) {}

  /** The high-water mark so far, bytes (0 before the first reading). */
  get peakBytes(): number {
    return this.#peak
  }

  /** Exact readings taken so far (benchmarks and tests watch the rule at work). */
  get exactReadings(): number {
    return this.#exactReadings
  }

  /** A phase ended: reads exactly if the rule says so, and returns the peak, bytes. */
  sample(): number {
    const heap = this.sources.heapBytes()
    this.#phasesSinceExact++
    if (this.#due(heap)) this.#readExact(heap)
    return this.#peak
  }

  #due(heap: number): boolean {
    if (heap > this.#heapAtExact || this.#phasesSinceExact >= EXACT_EVERY) return true
    return this.sources.wallNow() - this.#exactAt >= COST_SHARE * this.#exactCostMs
  }

  #readExact(heap: number): void {
    const start = this.sources.wallNow()
    const used = this.sources.usedBytes()
    const end = this.sources.wallNow()
    if (used === undefined) return
    this.#peak = Math.max(this.#peak, used)
    this.#heapAtExact = heap
    this.#phasesSinceExact = 0
    this.#exactAt = end
    this.#exactCostMs = end - start
    this.#exactReadings++
  }
}
