/**
 * A minimal in-memory queue with SQS's visibility rule, for event source mappings until the
 * simulated SQS of sources/ exists: received messages are hidden until deleted, or until
 * `visibilityTimeoutMs` after a failure releases them.
 */
import type { PolledMessage, PolledSource } from './event-source'

interface Entry {
  message: PolledMessage
  visibleAt: number
  inFlight: boolean
  receiveCount: number
}

/** The queue and its test-facing extras. */
export interface MemoryQueue extends PolledSource {
  /** Adds a message; returns its id. */
  send(body: unknown, now: number): string
  /** Messages not yet deleted (visible, hidden or in flight). */
  readonly size: number
  /** How often each message was received, by id. */
  receiveCounts(): Record<string, number>
}

/** A FIFO in-memory queue (first in, first received; released messages keep their place). */
export function createMemoryQueue(options: { visibilityTimeoutMs?: number } = {}): MemoryQueue {
  const timeout = options.visibilityTimeoutMs ?? 0
  const entries = new Map<string, Entry>()
  let next = 1
  const ready = (e: Entry, now: number) => !e.inFlight && e.visibleAt <= now
  return {
    send(body, now) {
      const id = `m${next++}`
      entries.set(id, { message: { id, body }, visibleAt: now, inFlight: false, receiveCount: 0 })
      return id
    },
    get size() {
      return entries.size
    },
    visible(now) {
      let n = 0
      for (const e of entries.values()) if (ready(e, now)) n++
      return n
    },
    receive(max, now) {
      const out: PolledMessage[] = []
      for (const e of entries.values()) {
        if (out.length >= max) break
        if (!ready(e, now)) continue
        e.inFlight = true
        e.receiveCount++
        out.push(e.message)
      }
      return out
    },
    delete(ids) {
      for (const id of ids) entries.delete(id)
    },
    release(ids, now) {
      for (const id of ids) {
        const e = entries.get(id)
        if (e === undefined) continue
        e.inFlight = false
        e.visibleAt = now + timeout
      }
    },
    receiveCounts() {
      const out: Record<string, number> = {}
      for (const [id, e] of entries) out[id] = e.receiveCount
      return out
    },
  }
}
