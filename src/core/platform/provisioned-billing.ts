/**
 * Provisioned Concurrency periods for the meter: a period runs from a configuration until the
 * next change of the function's provisioned count or memory, and is recorded (billed, rounded up
 * to 5 minutes by the meter) when it ends. Periods still running are priced as if they ended
 * now, without being recorded, so the cost can be read at any moment.
 *
 * Periods end at the scenario's end at the latest (the platform's horizon): the scenario says
 * PC was enabled for `durationSeconds`, and the few seconds a run takes afterwards to let
 * invocations finish must not bill (and, rounded up, add 5 minutes of) PC beyond it.
 */
import type { Meter, ProvisionedPeriod } from '../billing/meter'
import type { FunctionRuntime } from './function-runtime'
import type { Platform } from './platform'

/** The open period of every function. */
export class ProvisionedBilling {
  readonly #open: ProvisionedPeriod[]

  constructor(
    private readonly platform: Platform,
    private readonly meter: Meter,
  ) {
    this.#open = platform.functions.map((fn) => this.#period(fn))
  }

  /** Before a change to `fn`: the running period ends now. */
  before(fn: FunctionRuntime): void {
    const open = this.#open[fn.index] as ProvisionedPeriod
    if (open.concurrency > 0) this.meter.recordProvisioned({ ...open, toMs: this.#until() })
  }

  /** After a change to `fn`: a new period starts now. */
  after(fn: FunctionRuntime): void {
    this.#open[fn.index] = this.#period(fn)
  }

  /** Periods running now, each ending now (for `meter.report({ open })`). */
  open(): ProvisionedPeriod[] {
    const toMs = this.#until()
    return this.#open
      .filter((p) => p.concurrency > 0)
      .map((p) => ({ ...p, toMs: Math.max(p.fromMs, toMs) }))
  }

  /** Now, or the scenario's end once the run has passed it. */
  #until(): number {
    return Math.min(this.platform.kernel.now, this.platform.options.horizonMs)
  }

  #period(fn: FunctionRuntime): ProvisionedPeriod {
    return {
      function: fn.name,
      memoryMB: fn.spec.memoryMB,
      architecture: fn.spec.architecture,
      concurrency: fn.provisioned,
      fromMs: this.#until(),
      toMs: this.#until(),
    }
  }
}
