/**
 * Polled batches (event source mappings, reference §3.3): pollers read batches from a queue and
 * invoke the function synchronously, one batch per invocation. The number of concurrent batches
 * starts at 5 and grows by 300 per minute while messages wait, up to 1,000 or the mapping's
 * `maximumConcurrency`; it falls back to 5 when the queue is empty. A failed invocation returns
 * the whole batch to the queue; with `reportBatchItemFailures`, only the items the handler names.
 * Queue and stream sources implement `PolledSource`; `memory-queue.ts` is a simple one.
 */
import { createRng, type Rng } from '../sim/rng'
import { Refusal } from './concurrency'
import { Outcome, type ExecEnv, type Job } from './environment'
import { EventKind } from './event-kinds'
import { deriveSeed, type FunctionRuntime } from './function-runtime'
import type { Platform } from './platform'

/** A message handed to a batch. */
export interface PolledMessage {
  id: string
  body: unknown
}

/** What a mapping needs from its source. */
export interface PolledSource {
  /** Messages that could be received now. */
  visible(now: number): number
  /** Receives up to `max` messages; they stay invisible until deleted or released. */
  receive(max: number, now: number): PolledMessage[]
  /** Deletes processed messages. */
  delete(ids: readonly string[], now: number): void
  /** Returns failed messages to the queue (visible again after the source's rule). */
  release(ids: readonly string[], now: number): void
}

/** Settings of a mapping (defaults: SQS's). */
export interface EventSourceMappingConfig {
  function: string
  /** Messages per batch (default 10). */
  batchSize?: number
  /** Wait up to this long to fill a batch, ms (default 0). */
  maximumBatchingWindowMs?: number
  /** Cap on concurrent batches (SQS `ScalingConfig.MaximumConcurrency`, 2–1,000). */
  maximumConcurrency?: number
  /** Partial batch responses (`ReportBatchItemFailures`). */
  reportBatchItemFailures?: boolean
  /** Modeled runs: the chance that one item fails when the invocation succeeds (default 0). */
  itemFailureRate?: number
  /** How often idle pollers look at the source, ms (default 1,000). */
  pollIntervalMs?: number
  /** Concurrent batches at the start (5), growth per minute (300), ceiling (1,000). */
  scaling?: { initial: number; perMinute: number; max: number }
}

/** Running totals of a mapping. */
export interface MappingStats {
  batches: number
  throttledPolls: number
  messagesDeleted: number
  messagesReleased: number
  maxConcurrentBatches: number
}

class Batch implements Job {
  constructor(
    readonly mapping: EventSourceMapping,
    readonly messages: PolledMessage[],
  ) {}
  get payload(): unknown {
    return { Records: this.messages.map((m) => ({ messageId: m.id, body: m.body })) }
  }
  finished(env: ExecEnv): void {
    this.mapping.batchFinished(this, env)
  }
}

/** One event source mapping: pollers, batching and scaling over a `PolledSource`. */
export class EventSourceMapping {
  readonly stats: MappingStats = {
    batches: 0,
    throttledPolls: 0,
    messagesDeleted: 0,
    messagesReleased: 0,
    maxConcurrentBatches: 0,
  }
  inFlight = 0
  readonly #fn: FunctionRuntime
  readonly #rng: Rng
  #scaleStart = -1
  #windowStart = -1
  /** The one pending poll (earlier wake-ups replace later ones; stale events are ignored). */
  #pollAt = Infinity

  constructor(
    private readonly platform: Platform,
    readonly index: number,
    readonly source: PolledSource,
    readonly config: EventSourceMappingConfig,
  ) {
    const fn = platform.byName.get(config.function)
    if (fn === undefined) throw new RangeError(`No function named ${config.function}`)
    this.#fn = fn
    this.#rng = createRng(deriveSeed(platform.options.seed, 2000 + index, 5))
    this.#wake(platform.kernel.now)
  }

  /** Concurrent batches allowed now. */
  allowed(now: number): number {
    const s = this.config.scaling ?? { initial: 5, perMinute: 300, max: 1000 }
    const cap = Math.min(s.max, this.config.maximumConcurrency ?? s.max)
    if (this.#scaleStart < 0) return Math.min(cap, s.initial)
    const grown = s.initial + s.perMinute * Math.floor((now - this.#scaleStart) / 60_000)
    return Math.min(cap, grown)
  }

  /** A poll (kernel event at `at`): start the batches allowed and ready, then poll again later. */
  poll(at: number): void {
    const now = this.platform.kernel.now
    if (at !== this.#pollAt) return
    this.#pollAt = Infinity
    const size = this.config.batchSize ?? 10
    const window = this.config.maximumBatchingWindowMs ?? 0
    const waiting = this.source.visible(now)
    if (waiting === 0) {
      this.#scaleStart = -1
      this.#windowStart = -1
    } else if (this.#scaleStart < 0) this.#scaleStart = now
    if (waiting > 0 && this.#windowStart < 0) this.#windowStart = now
    while (this.inFlight < this.allowed(now) && this.source.visible(now) > 0) {
      const full = this.source.visible(now) >= size
      if (!full && now - this.#windowStart < window) break
      if (!this.#startBatch(now, size)) break
    }
    const interval = this.config.pollIntervalMs ?? 1000
    const wake =
      window > 0 && this.#windowStart >= 0
        ? Math.min(interval, this.#windowStart + window - now)
        : interval
    this.#wake(now + Math.max(1, wake))
  }

  #wake(at: number): void {
    if (at >= this.#pollAt) return
    this.#pollAt = at
    this.platform.kernel.scheduleAt(at, EventKind.Poll, this.index, at)
  }

  #startBatch(now: number, size: number): boolean {
    const messages = this.source.receive(size, now)
    if (messages.length === 0) return false
    const batch = new Batch(this, messages)
    const reqNo = this.platform.newRequest(this.#fn)
    const refusal = this.platform.start(this.#fn, reqNo, now, batch)
    if (refusal !== Refusal.None) {
      // The poller's synchronous invoke was throttled: the messages go back and it backs off.
      this.stats.throttledPolls++
      this.#fn.counters.requestsThrottled++
      this.platform.total.requestsThrottled++
      this.source.release(
        messages.map((m) => m.id),
        now,
      )
      return false
    }
    this.#windowStart = this.source.visible(now) > 0 ? now : -1
    this.inFlight++
    this.stats.batches++
    this.stats.maxConcurrentBatches = Math.max(this.stats.maxConcurrentBatches, this.inFlight)
    return true
  }

  /** An invocation of a batch ended: delete what succeeded, release what failed. */
  batchFinished(batch: Batch, env: ExecEnv): void {
    const now = this.platform.kernel.now
    this.inFlight--
    const failed = this.#failedIds(batch, env)
    const ok = batch.messages.filter((m) => !failed.has(m.id)).map((m) => m.id)
    if (ok.length > 0) this.source.delete(ok, now)
    if (failed.size > 0) this.source.release([...failed], now)
    this.stats.messagesDeleted += ok.length
    this.stats.messagesReleased += failed.size
    const fn = this.#fn
    if (env.outcome === Outcome.Success) fn.counters.requestsSucceeded++
    else fn.counters.requestsFailed++
    if (env.outcome === Outcome.Success) this.platform.total.requestsSucceeded++
    else this.platform.total.requestsFailed++
    // A freed poller picks up the next batch at once.
    this.#wake(now)
  }

  #failedIds(batch: Batch, env: ExecEnv): Set<string> {
    const all = new Set(batch.messages.map((m) => m.id))
    if (env.outcome !== Outcome.Success) return all
    if (!this.config.reportBatchItemFailures) return new Set()
    if (env.responseJson !== null) return reportedFailures(env.responseJson, all)
    const rate = this.config.itemFailureRate ?? 0
    return new Set(batch.messages.filter(() => this.#rng.next() < rate).map((m) => m.id))
  }
}

/** Parses `{"batchItemFailures":[{"itemIdentifier":…}]}`; anything unreadable fails the batch. */
export function reportedFailures(responseJson: string, all: Set<string>): Set<string> {
  try {
    const body = JSON.parse(responseJson) as {
      batchItemFailures?: { itemIdentifier?: unknown }[]
    } | null
    const list = body?.batchItemFailures
    if (list === undefined || list === null) return new Set()
    if (!Array.isArray(list)) return all
    const out = new Set<string>()
    for (const item of list) {
      if (typeof item?.itemIdentifier !== 'string' || !all.has(item.itemIdentifier)) return all
      out.add(item.itemIdentifier)
    }
    return out
  } catch {
    return all
  }
}
