/**
 * Named errors of the simulation kernel, one class per failure mode, so callers can tell a
 * programming mistake (a negative delay) from an expected condition (nothing left to do).
 */

/** An event was scheduled before the current virtual time. */
export class NegativeDelayError extends Error {
  override readonly name = 'NegativeDelayError'
  constructor(readonly delayMs: number) {
    super(`Cannot schedule an event ${delayMs} ms in the past`)
  }
}

/** A virtual time was not a finite integer number of milliseconds. */
export class InvalidTimeError extends Error {
  override readonly name = 'InvalidTimeError'
  constructor(readonly value: number) {
    super(`Virtual time must be a finite integer number of ms, got ${value}`)
  }
}

/** `step()` was called with no event scheduled. */
export class EmptyScheduleError extends Error {
  override readonly name = 'EmptyScheduleError'
  constructor() {
    super('No events are scheduled')
  }
}

/** `run({ until })` was asked to stop before the current virtual time. */
export class UntilInPastError extends Error {
  override readonly name = 'UntilInPastError'
  constructor(
    readonly until: number,
    readonly now: number,
  ) {
    super(`run({ until: ${until} }) is before the current time ${now}`)
  }
}
