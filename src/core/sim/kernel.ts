/**
 * The discrete-event kernel, in SimPy's shape: a virtual clock in integer milliseconds, a heap of
 * events ordered by (time, priority, sequence), and `step` / `peek` / `run({ until })`. It knows
 * nothing of Lambda: an event is a `kind` and two numbers, dispatched to one handler, so the hot
 * path needs no closure per event. (We call it a kernel, not SimPy's "environment", because the
 * platform model already has execution environments.)
 */
import { EventQueue } from './event-queue'
import {
  EmptyScheduleError,
  InvalidTimeError,
  NegativeDelayError,
  UntilInPastError,
} from './errors'

/** Same-time events fire by priority, then in scheduling order (deterministic). */
export const Priority = {
  /** Control events (configuration changes, stop markers): before anything else at that time. */
  Urgent: 0,
  /**
   * Completions and idle expiry: an environment freed at t can serve a request arriving at t,
   * and one whose idle lifetime ends at t is gone for it.
   */
  High: 1,
  /** Everything else (arrivals, retries, timers). */
  Normal: 2,
  /** Bookkeeping that should see the state after all normal events of its ms. */
  Low: 3,
} as const
export type Priority = (typeof Priority)[keyof typeof Priority]

/** Receives every event the kernel fires. */
export type EventHandler = (kind: number, a: number, b: number) => void

/** A virtual clock and its event heap. */
export class Kernel {
  #now: number
  #seq = 0
  #handler: EventHandler
  readonly #queue = new EventQueue()

  /** @param handler called once per fired event, with the clock already moved to its time */
  constructor(handler: EventHandler, options: { startAt?: number } = {}) {
    this.#handler = handler
    this.#now = options.startAt ?? 0
    checkTime(this.#now)
  }

  /** Current virtual time, ms. Only advances inside `step()` and `run()`. */
  get now(): number {
    return this.#now
  }

  /** Events waiting to fire. */
  get pending(): number {
    return this.#queue.size
  }

  /** Replaces the handler (lets a model that owns the kernel wire itself after construction). */
  setHandler(handler: EventHandler): void {
    this.#handler = handler
  }

  /** Schedules an event `delay` ms from now (an integer ≥ 0). */
  schedule(delay: number, kind: number, a = 0, b = 0, priority: Priority = Priority.Normal): void {
    if (delay < 0) throw new NegativeDelayError(delay)
    this.scheduleAt(this.#now + delay, kind, a, b, priority)
  }

  /** Schedules an event at absolute virtual time `at` (an integer ≥ now). */
  scheduleAt(at: number, kind: number, a = 0, b = 0, priority: Priority = Priority.Normal): void {
    if (!Number.isInteger(at)) throw new InvalidTimeError(at)
    if (at < this.#now) throw new NegativeDelayError(at - this.#now)
    this.#queue.push(at, priority, this.#seq++, kind, a, b)
  }

  /** Time of the next event, or `Infinity` when nothing is scheduled. */
  peek(): number {
    return this.#queue.peekTime()
  }

  /** Fires exactly one event. Throws `EmptyScheduleError` when nothing is scheduled. */
  step(): void {
    const event = this.#queue.pop()
    if (event === undefined) throw new EmptyScheduleError()
    this.#now = event.time
    this.#handler(event.kind, event.a, event.b)
  }

  /**
   * Fires events until none is left, or, with `until`, every event before `until` (SimPy's rule:
   * events at exactly `until` stay queued) and then moves the clock to `until`.
   * @returns the number of events fired
   */
  run(options: { until?: number } = {}): number {
    const until = options.until ?? Infinity
    if (until < this.#now) throw new UntilInPastError(until, this.#now)
    if (until !== Infinity) checkTime(until)
    const queue = this.#queue
    let fired = 0
    while (queue.size > 0 && queue.peekTime() < until) {
      const event = queue.pop() as NonNullable<ReturnType<EventQueue['pop']>>
      this.#now = event.time
      this.#handler(event.kind, event.a, event.b)
      fired++
    }
    if (until !== Infinity) this.#now = until
    return fired
  }
}

function checkTime(value: number): void {
  if (!Number.isInteger(value)) throw new InvalidTimeError(value)
}
