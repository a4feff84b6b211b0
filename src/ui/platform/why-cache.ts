/**
 * The platform's notable decisions per request id, gathered from frame after frame. A frame
 * carries only the last few dozen decisions; an invocation opened on the timeline may have had
 * its cold start decided a few hundred decisions ago, still within the timeline's window.
 */
import type { Explanation } from '../../core'

/** A bounded map of request id → the decisions about it, oldest first. */
export class WhyCache {
  readonly #byRequest = new Map<string, Explanation[]>()
  #lastT = -Infinity

  /** @param capacity request ids kept (the oldest is dropped first) */
  constructor(readonly capacity = 2000) {}

  /** Adds a frame's decisions (oldest first); a list older than what was seen means a reset. */
  ingest(list: readonly Explanation[]): void {
    const newest = list[list.length - 1]
    if (newest === undefined) return
    if (newest.t < this.#lastT) this.clear()
    for (const e of list) {
      if (e.requestId === null || e.t < this.#lastT) continue
      const known = this.#byRequest.get(e.requestId)
      if (e.t === this.#lastT && known?.some((k) => k.t === e.t && k.code === e.code)) continue
      this.#lastT = e.t
      if (known !== undefined) known.push(e)
      else this.#add(e.requestId, [e])
    }
  }

  /** The decisions kept about `requestId`, oldest first. */
  of(requestId: string): readonly Explanation[] {
    return this.#byRequest.get(requestId) ?? []
  }

  /** Forgets everything (a new run). */
  clear(): void {
    this.#byRequest.clear()
    this.#lastT = -Infinity
  }

  #add(requestId: string, list: Explanation[]): void {
    this.#byRequest.set(requestId, list)
    if (this.#byRequest.size > this.capacity) {
      const oldest = this.#byRequest.keys().next().value
      if (oldest !== undefined) this.#byRequest.delete(oldest)
    }
  }
}
