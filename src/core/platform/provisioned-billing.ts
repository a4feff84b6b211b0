/**
 * Provisioned Concurrency periods for the meter: a period runs from a configuration until the
 * next change of the function's provisioned count or memory, and is recorded (billed, rounded up
 * to 5 minutes by the meter) when it ends. Periods still running are priced as if they ended
 * now, without being recorded, so the cost can be read at any moment.
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
    if (open.concurrency > 0)
      this.meter.recordProvisioned({ ...open, toMs: this.platform.kernel.now })
  }

  /** After a change to `fn`: a new period starts now. */
  after(fn: FunctionRuntime): void {
    this.#open[fn.index] = this.#period(fn)
  }

  /** Periods running now, each ending now (for `meter.report({ open })`). */
  open(): ProvisionedPeriod[] {
    const now = this.platform.kernel.now
    return this.#open.filter((p) => p.concurrency > 0).map((p) => ({ ...p, toMs: now }))
  }

  #period(fn: FunctionRuntime): ProvisionedPeriod {
    return {
      function: fn.name,
      memoryMB: fn.spec.memoryMB,
      architecture: fn.spec.architecture,
      concurrency: fn.provisioned,
      fromMs: this.platform.kernel.now,
      toMs: this.platform.kernel.now,
    }
  }
}
