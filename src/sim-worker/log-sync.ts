/**
 * Brings the worker's log store up to date with the core's invocation ring. The core formats
 * lines only when asked, so the store pulls lazily (on a query), taking just the invocations that
 * finished since the last pull.
 */
import type { LogLine, Simulation, Span } from '../core'
import { LogStore, LogStoreCapacity } from './log-store'

/**
 * Invocations the core's ring keeps for the browser: every invocation has at least three lines
 * (START, END, REPORT), so this many fill the store.
 */
export const CoreLogCapacity = Math.ceil(LogStoreCapacity / 3)

/**
 * Most invocations one pull formats. The core formats at roughly 10–40 µs an invocation on this
 * machine, so this bounds one pull to a few hundred ms; at extreme speeds the older ones of a
 * larger batch are skipped (and counted) rather than stalling the simulation.
 */
export const MaxPull = 10_000

const START = 'START RequestId: '

/** Splits lines (oldest first) into invocations: each begins with its START line. */
export function groupByInvocation(lines: readonly LogLine[]): LogLine[][] {
  const groups: LogLine[][] = []
  for (const l of lines) {
    if (l.line.startsWith(START) || groups.length === 0) groups.push([l])
    else groups[groups.length - 1]?.push(l)
  }
  return groups
}

/** Reads the newest `take` invocations' spans and complete line groups from the core. */
function newest(sim: Simulation, take: number): { spans: Span[]; groups: LogLine[][] } {
  // A snapshot formats ⌈logLines / 3⌉ invocations and keeps the last logLines lines: with
  // application lines an invocation has more than three, so widen until `take` are whole.
  for (let factor = 1; ; factor *= 2) {
    const logLines = 3 * take * factor
    const snap = sim.snapshot({ spans: take, logLines, explanations: 0, seriesPoints: 1 })
    const groups = groupByInvocation(snap.logs)
    // Only the oldest group can be cut, and a cut one does not begin with its START line.
    const whole =
      groups[0]?.[0]?.line.startsWith(START) === false ? groups.length - 1 : groups.length
    // Fewer lines than asked for: nothing was cut, the ring has no more to give.
    if (whole >= take || snap.logs.length < logLines)
      return { spans: snap.spans, groups: groups.slice(-Math.min(take, whole)) }
  }
}

/** Keeps a {@link LogStore} in step with one simulation. */
export class LogSync {
  /** Invocations finished when the store was last brought up to date. */
  #seen = 0
  /** Invocations whose lines were never pulled (the ring or {@link MaxPull} passed them by). */
  skipped = 0

  constructor(
    readonly sim: Simulation,
    readonly store: LogStore = new LogStore(),
  ) {}

  /** Pulls what finished since the last call. */
  pull(): void {
    const finished = this.sim.platform.total.invocations
    const fresh = finished - this.#seen
    this.#seen = finished
    if (fresh <= 0) return
    const take = Math.min(fresh, this.sim.platform.log.size, MaxPull)
    this.skipped += fresh - take
    const { spans, groups } = newest(this.sim, take)
    // Pair from the newest end: spans and groups both come oldest first from the same records.
    const offset = spans.length - groups.length
    groups.forEach((lines, k) => {
      const span = spans[offset + k]
      if (span !== undefined) this.store.addInvocation(span, lines)
    })
  }
}
