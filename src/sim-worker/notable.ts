/**
 * The decisions worth reading (cold starts, throttles, retries, reclaims…), collected frame by
 * frame. The core explains every invocation, warm ones included, in a ring of the last 1,000:
 * a few seconds of steady traffic would push the last throttle out of it. This keeps the
 * notable ones as they pass.
 */
import type { Explanation } from '../core'

const Routine = new Set<Explanation['code']>(['Warm', 'WarmProvisioned'])

const key = (e: Explanation) => `${e.t}|${e.code}|${e.requestId ?? ''}|${e.text}`

/** Collects notable explanations from successive, overlapping snapshots (oldest first). */
export class NotableLog {
  #kept: Explanation[] = []
  #lastT = -1
  /** Keys of the kept explanations at `#lastT`: a later snapshot repeats them. */
  #atLast = new Set<string>()

  constructor(readonly capacity = 40) {}

  /** Adds the explanations of one snapshot that are new and notable. */
  add(recent: readonly Explanation[]): void {
    for (const e of recent) {
      if (e.t < this.#lastT || Routine.has(e.code)) continue
      const k = key(e)
      if (e.t === this.#lastT && this.#atLast.has(k)) continue
      if (e.t > this.#lastT) {
        this.#lastT = e.t
        this.#atLast = new Set()
      }
      this.#atLast.add(k)
      this.#kept.push(e)
    }
    if (this.#kept.length > this.capacity) this.#kept = this.#kept.slice(-this.capacity)
  }

  /** The most recent notable explanations, oldest first. */
  list(): Explanation[] {
    return this.#kept.slice()
  }
}
