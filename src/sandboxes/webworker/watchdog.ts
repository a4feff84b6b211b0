import type { PhaseReport } from './protocol'

/**
 * The page-side watchdog's arithmetic. Inside a worker, virtual time advances at least as fast
 * as wall time (CPU segments add their wall time; timer waits jump ahead for free), so a worker
 * that has not answered within its virtual budget plus a grace of wall time is past its deadline
 * (a busy loop that never yields) or dead: the page terminates it.
 */

/** Wall ms to wait for a phase that must end by `deadline` and starts at `start` (virtual ms). */
export function watchdogDelayMs(start: number, deadline: number, graceMs: number): number {
  return Math.max(0, deadline - start) + Math.max(0, graceMs)
}

/** Where a phase starts: at the requested time, or later if the environment's clock is ahead. */
export function phaseStart(requestedAt: number, environmentClock: number): number {
  return Math.max(requestedAt, environmentClock)
}

/** The report of a phase the watchdog cut: it ran until its deadline, and nothing came back. */
export function cutAtDeadline(start: number, deadline: number): PhaseReport {
  const end = Math.max(start, deadline)
  return {
    t: 'phase',
    end: 'timeout',
    startedAt: start,
    durationMs: end - start,
    clock: end,
    logs: [],
  }
}

/** The report of a phase whose worker died (an error it could not handle, a broken message). */
export function diedDuring(start: number, wallMs: number, reason: string): PhaseReport {
  const durationMs = Math.max(0, wallMs)
  return {
    t: 'phase',
    end: 'crash',
    startedAt: start,
    durationMs,
    clock: start + durationMs,
    logs: [],
    fault: { exit: `with error: ${reason}` },
  }
}
