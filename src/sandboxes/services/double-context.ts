import type { Rng } from '../../core/sim/rng'
import { fault } from './service-error'

/**
 * How much the double's stores hold (object bodies, message bodies, items, in UTF-16 units of
 * their text), against a limit of the playground (not AWS's), so that a loop of writes cannot
 * fill the tab's memory: a write past it fails with `LimitExceededException`.
 */
export class StorageBudget {
  private used = 0

  constructor(readonly limit: number) {}

  /** Takes `grow` more units (negative: frees them), or throws before anything is stored. */
  change(grow: number): void {
    if (grow > 0 && this.used + grow > this.limit) {
      const mb = Math.round(this.limit / (1024 * 1024))
      throw fault(
        'LimitExceededException',
        `The playground's simulated services hold at most ${mb} MB of data; this write would exceed it`,
      )
    }
    this.used = Math.max(0, this.used + grow)
  }

  /** Units held now. */
  get usedUnits(): number {
    return this.used
  }
}

/** What every service of the double shares: ids, the time, whether resources appear on use. */
export interface DoubleContext {
  /** Seeded: the same calls give the same ids (message ids, event ids, request ids). */
  rng: Rng
  /** Epoch ms now (for `LastModified`). */
  now(): number
  /**
   * True: a bucket, queue or table exists from its first use, so a playground needs no setup.
   * False: only the declared ones exist; others answer `NoSuchBucket`, `QueueDoesNotExist`,
   * `ResourceNotFoundException`.
   */
  autoCreate: boolean
  /** What the stores hold, against the playground's limit. */
  storage: StorageBudget
  /** Buckets, queue names and tables declared to exist (besides those made on use). */
  declared: { buckets: readonly string[]; queues: readonly string[] }
}
