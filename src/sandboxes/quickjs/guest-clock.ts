import { MS_PER_POLL } from './tick-calibration'

/**
 * An execution environment's clock. Virtual epoch milliseconds advance by the CPU time of guest
 * segments (a call into QuickJS) and jump over timer waits, so a 2 s `setTimeout` costs 2 s of
 * Duration and no wall time.
 *
 * CPU time is not measured: it is counted. QuickJS polls its interrupt at every function call and
 * jump; a segment's CPU time is the polls it made times `MS_PER_POLL` (tick-calibration.ts), so
 * the same code takes the same virtual time on every machine, in every run and after whatever ran
 * before it. Inside a segment the guest sees time move with its own polls, which lets a busy loop
 * observe its progress (`while (Date.now() < end) {}` ends) and the interrupt cut it at the
 * deadline after the same work everywhere.
 *
 * The wall clock is still read (at a segment's start, and when asked by the interrupt) for one
 * thing only: a backstop against code whose time goes into native calls that do not poll
 * (`wallOverrun`). It never moves virtual time by itself.
 */
export class GuestClock {
  private virtualMs: number
  private segmentBase = 0
  private segmentStartPolls = 0
  private segmentStartWall = 0
  private inSegment = false
  private busyPolls = 0
  /**
   * Virtual ms per CPU ms inside a segment. 1 by default; the core's executor sets Lambda's CPU
   * share (1,769 / memory below one vCPU), so the guest sees the time its host bills.
   */
  rate = 1

  constructor(
    startMs: number,
    /** The guest's polls so far (monotonic; `PollCounter.polls`). */
    private readonly polls: () => number,
  ) {
    this.virtualMs = startMs
  }

  /** The virtual time now, ms since the epoch (fractional). */
  now(): number {
    if (!this.inSegment) return this.virtualMs
    return this.segmentBase + (this.polls() - this.segmentStartPolls) * MS_PER_POLL * this.rate
  }

  /** Moves the clock forward to `ms` (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.virtualMs) this.virtualMs = ms
  }

  /** Whether a segment is running now. */
  get running(): boolean {
    return this.inSegment
  }

  /** CPU ms the guest's segments have used since the clock was made (unscaled by `rate`). */
  get busyMs(): number {
    return this.busyPolls * MS_PER_POLL
  }

  /**
   * Charges the running segment `polls` more polls than the guest made: work the guest did that
   * QuickJS does not count (a long native call) priced by a deterministic proxy of its size.
   */
  charge(polls: number): void {
    if (this.inSegment && polls > 0) this.segmentStartPolls -= polls
  }

  /** Charges the running segment the CPU time that brings the clock to `ms` (if it is ahead). */
  chargeUntil(ms: number): void {
    const behind = ms - this.now()
    if (behind > 0) this.charge(behind / (MS_PER_POLL * this.rate))
  }

  /**
   * True when the running segment has spent over `factor` times, in wall-clock ms, the CPU time
   * it had until virtual time `untilMs`. Counted polls undercount native calls that do not poll
   * (a regular expression, a join of megabytes), so a loop of them could hold the host for hours
   * before its clock reached a deadline; this is the bound.
   */
  wallOverrun(untilMs: number, factor: number): boolean {
    if (!this.inSegment) return false
    const budget = (factor * (untilMs - this.segmentBase)) / this.rate
    return performance.now() - this.segmentStartWall > budget
  }

  /**
   * Runs `work` (the sandbox's own work inside a segment, such as compiling a part of the shim
   * on first use) off the clock: its polls count neither as virtual time nor as CPU.
   */
  offClock<T>(work: () => T): T {
    const start = this.polls()
    const wall = performance.now()
    try {
      return work()
    } finally {
      if (this.inSegment) {
        this.segmentStartPolls += this.polls() - start
        this.segmentStartWall += performance.now() - wall
      }
    }
  }

  /** Runs `work` as one CPU segment: its polls are added to the virtual clock. */
  segment<T>(work: () => T): T {
    this.segmentBase = this.virtualMs
    this.segmentStartPolls = this.polls()
    this.segmentStartWall = performance.now()
    this.inSegment = true
    try {
      return work()
    } finally {
      const polls = this.polls() - this.segmentStartPolls
      this.busyPolls += polls
      this.virtualMs = this.segmentBase + polls * MS_PER_POLL * this.rate
      this.inSegment = false
    }
  }
}
