/**
 * How fast new environments may be created (reference §3.1).
 * - current (since Nov 2023): per function, a token bucket of 1,000 refilled continuously at
 *   100 per second (1,000 per 10 s); unused rate does not accrue beyond 1,000.
 * - legacy: account-wide, concurrency may jump to the burst (3,000 by default) at once, then the
 *   ceiling grows by 500 every full minute while demand stays above the burst; it falls back to
 *   the burst once concurrency is below the burst again.
 */

/** Current-model bucket size (environments). */
export const CURRENT_BUCKET = 1_000
/** Current-model refill, environments per ms (100 per second). */
export const CURRENT_REFILL_PER_MS = 0.1
/** Legacy-model growth after the burst, environments per minute. */
export const LEGACY_PER_MINUTE = 500

/** A per-function token bucket, refilled continuously. */
export class TokenBucket {
  tokens: number
  #at = 0

  constructor(
    readonly capacity = CURRENT_BUCKET,
    readonly refillPerMs = CURRENT_REFILL_PER_MS,
  ) {
    this.tokens = capacity
  }

  /** Tokens available at time `now` (refills first). */
  available(now: number): number {
    if (now > this.#at) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.#at) * this.refillPerMs)
      this.#at = now
    }
    return this.tokens
  }

  /** Takes one token if a whole one is available. */
  take(now: number): boolean {
    if (this.available(now) < 1) return false
    this.tokens -= 1
    return true
  }
}

/** The legacy account-wide burst ceiling. */
export class LegacyBurst {
  /** Start of the current scaling episode (concurrency reached the burst), or -1. */
  #episodeStart = -1

  constructor(
    public burst: number,
    readonly perMinute = LEGACY_PER_MINUTE,
  ) {}

  /** The concurrency ceiling at `now`, given the account's busy environments. */
  ceiling(now: number, busy: number): number {
    if (this.#episodeStart < 0) return this.burst
    if (busy < this.burst) {
      this.#episodeStart = -1
      return this.burst
    }
    return this.burst + this.perMinute * Math.floor((now - this.#episodeStart) / 60_000)
  }

  /** May a new environment start at `now` with `busy` environments busy account-wide? */
  allow(now: number, busy: number): boolean {
    const ceiling = this.ceiling(now, busy)
    if (busy + 1 >= this.burst && this.#episodeStart < 0) this.#episodeStart = now
    return busy < ceiling
  }
}
