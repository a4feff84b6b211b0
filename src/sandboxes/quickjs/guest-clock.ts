/**
 * An execution environment's clock. Virtual epoch milliseconds advance by the measured wall time
 * of guest CPU segments (a call into QuickJS) and jump over timer waits, so a 2 s `setTimeout`
 * costs 2 s of Duration and no wall time. Inside a segment the guest sees time moving with the
 * wall clock, which lets a busy loop observe its own progress.
 */
export class GuestClock {
  private virtualMs: number
  private segmentBase = 0
  private segmentStartWall = 0
  private inSegment = false
  private busyWallMs = 0
  /**
   * Virtual ms per wall ms inside a segment. 1 by default; the core's executor sets Lambda's CPU
   * share (1,769 / memory below one vCPU), so the guest sees the time its host bills.
   */
  rate = 1

  constructor(startMs: number) {
    this.virtualMs = startMs
  }

  /** The virtual time now, ms since the epoch (fractional). */
  now(): number {
    return this.inSegment
      ? this.segmentBase + (performance.now() - this.segmentStartWall) * this.rate
      : this.virtualMs
  }

  /** Moves the clock forward to `ms` (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.virtualMs) this.virtualMs = ms
  }

  /** Wall-clock ms at which the running segment reaches virtual time `ms` (for the interrupt). */
  wallAt(ms: number): number {
    return this.segmentStartWall + (ms - this.segmentBase) / this.rate
  }

  /** Whether a segment is running now. */
  get running(): boolean {
    return this.inSegment
  }

  /** Wall ms spent in segments since the clock was made (the guest's CPU time, unscaled). */
  get busyMs(): number {
    return this.busyWallMs
  }

  /**
   * Runs `work` (the sandbox's own work inside a segment, such as compiling a part of the shim
   * on first use) off the clock: its wall time counts neither as virtual time nor as CPU.
   */
  offClock<T>(work: () => T): T {
    const start = performance.now()
    try {
      return work()
    } finally {
      if (this.inSegment) this.segmentStartWall += performance.now() - start
    }
  }

  /** Runs `work` as one CPU segment: its wall time is added to the virtual clock. */
  segment<T>(work: () => T): T {
    this.segmentBase = this.virtualMs
    this.segmentStartWall = performance.now()
    this.inSegment = true
    try {
      return work()
    } finally {
      const wall = performance.now() - this.segmentStartWall
      this.busyWallMs += wall
      this.virtualMs = this.segmentBase + wall * this.rate
      this.inSegment = false
    }
  }
}
