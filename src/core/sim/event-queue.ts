/**
 * A binary min-heap of events keyed by (time, priority, sequence), stored in parallel typed
 * arrays so that scheduling allocates nothing on the hot path. An event is four numbers: a
 * `kind` the owner dispatches on and two integer arguments (an index and a generation, say).
 */

/** Ordering key step: the priority is the high part of `order`, the sequence number the low. */
const PRIORITY_SPAN = 2 ** 44

/** What `pop()` hands back; one record is reused, copy the fields you keep. */
export interface PoppedEvent {
  time: number
  kind: number
  a: number
  b: number
}

/** A growable min-heap of (time, priority, sequence) → (kind, a, b). */
export class EventQueue {
  #size = 0
  #time = new Float64Array(64)
  #order = new Float64Array(64)
  #kind = new Int32Array(64)
  #a = new Float64Array(64)
  #b = new Float64Array(64)
  readonly #out: PoppedEvent = { time: 0, kind: 0, a: 0, b: 0 }

  /** Number of events waiting. */
  get size(): number {
    return this.#size
  }

  /** Time of the earliest event, or `Infinity` when empty. */
  peekTime(): number {
    return this.#size === 0 ? Infinity : (this.#time[0] as number)
  }

  /** Adds an event; `seq` must grow with every call so equal keys keep insertion order. */
  push(time: number, priority: number, seq: number, kind: number, a: number, b: number): void {
    if (this.#size === this.#time.length) this.#grow()
    const order = priority * PRIORITY_SPAN + seq
    let i = this.#size++
    // Sift up: move parents down until the new key fits.
    const times = this.#time
    while (i > 0) {
      const p = (i - 1) >> 1
      const pt = times[p] as number
      if (pt < time || (pt === time && (this.#order[p] as number) < order)) break
      this.#move(p, i)
      i = p
    }
    this.#set(i, time, order, kind, a, b)
  }

  /** Removes the earliest event into the shared record `out` (valid until the next pop). */
  pop(): PoppedEvent | undefined {
    if (this.#size === 0) return undefined
    const out = this.#out
    out.time = this.#time[0] as number
    out.kind = this.#kind[0] as number
    out.a = this.#a[0] as number
    out.b = this.#b[0] as number
    const last = --this.#size
    if (last > 0) this.#siftDown(last)
    return out
  }

  /** Drops every event. */
  clear(): void {
    this.#size = 0
  }

  #siftDown(from: number): void {
    const times = this.#time
    const orders = this.#order
    const time = times[from] as number
    const order = orders[from] as number
    const kind = this.#kind[from] as number
    const a = this.#a[from] as number
    const b = this.#b[from] as number
    const n = this.#size
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      let ct = times[c] as number
      let co = orders[c] as number
      const r = c + 1
      if (r < n) {
        const rt = times[r] as number
        const ro = orders[r] as number
        if (rt < ct || (rt === ct && ro < co)) {
          c = r
          ct = rt
          co = ro
        }
      }
      if (time < ct || (time === ct && order < co)) break
      this.#move(c, i)
      i = c
    }
    this.#set(i, time, order, kind, a, b)
  }

  #move(from: number, to: number): void {
    this.#time[to] = this.#time[from] as number
    this.#order[to] = this.#order[from] as number
    this.#kind[to] = this.#kind[from] as number
    this.#a[to] = this.#a[from] as number
    this.#b[to] = this.#b[from] as number
  }

  #set(i: number, time: number, order: number, kind: number, a: number, b: number): void {
    this.#time[i] = time
    this.#order[i] = order
    this.#kind[i] = kind
    this.#a[i] = a
    this.#b[i] = b
  }

  #grow(): void {
    const n = this.#time.length * 2
    this.#time = copyInto(new Float64Array(n), this.#time)
    this.#order = copyInto(new Float64Array(n), this.#order)
    this.#kind = copyInto(new Int32Array(n), this.#kind)
    this.#a = copyInto(new Float64Array(n), this.#a)
    this.#b = copyInto(new Float64Array(n), this.#b)
  }
}

function copyInto<T extends Float64Array | Int32Array>(target: T, source: T): T {
  target.set(source)
  return target
}
