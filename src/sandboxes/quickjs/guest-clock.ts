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

  constructor(startMs: number) {
    this.virtualMs = startMs
  }

  /** The virtual time now, ms since the epoch (fractional). */
  now(): number {
    return this.inSegment
      ? this.segmentBase + (performance.now() - this.segmentStartWall)
      : this.virtualMs
  }

  /** Moves the clock forward to `ms` (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.virtualMs) this.virtualMs = ms
  }

  /** Wall-clock ms at which the running segment reaches virtual time `ms` (for the interrupt). */
  wallAt(ms: number): number {
    return this.segmentStartWall + (ms - this.segmentBase)
  }

  /** Whether a segment is running now. */
  get running(): boolean {
    return this.inSegment
  }

  /** Runs `work` as one CPU segment: its wall time is added to the virtual clock. */
  segment<T>(work: () => T): T {
    this.segmentBase = this.virtualMs
    this.segmentStartWall = performance.now()
    this.inSegment = true
    try {
      return work()
    } finally {
      this.virtualMs = this.segmentBase + (performance.now() - this.segmentStartWall)
      this.inSegment = false
    }
  }
}
