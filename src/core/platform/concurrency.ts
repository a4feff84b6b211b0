/**
 * Concurrency accounting (reference §3.1). Each function charges the pool it draws from with its
 * provisioned concurrency (held whether busy or idle) plus its on-demand invocations in flight.
 * A function with reserved concurrency r has its own pool of r; the others share the unreserved
 * pool, the account limit minus all reservations. Reservations, and the provisioned concurrency
 * of functions without one, must each leave 100 of it free for the other functions
 * (configuration-concurrency.md, provisioned-concurrency.md). An account below 100 (new accounts
 * may start lower) can therefore reserve and provision nothing, but still runs on demand.
 */

/** The unreserved pool may not shrink below this (configuration-concurrency.md). */
export const MIN_UNRESERVED = 100

/** Why a request could not get concurrency. */
export const Refusal = {
  None: 0,
  /** Reserved concurrency 0: the function is stopped. */
  Stopped: 1,
  /** The function's reserved concurrency is all in use. */
  Reserved: 2,
  /** The account's unreserved pool is all in use. */
  Account: 3,
  /** The scaling rate allows no new environment now. */
  ScalingRate: 4,
} as const
export type Refusal = (typeof Refusal)[keyof typeof Refusal]

/** A reservation that would leave the unreserved pool below 100, or over the account limit. */
export class ReservedConcurrencyError extends Error {
  override readonly name = 'ReservedConcurrencyError'
  constructor(
    readonly accountLimit: number,
    readonly reserved: number,
  ) {
    super(
      `Reserved concurrency totalling ${reserved} leaves ${accountLimit - reserved} unreserved; ` +
        `at least ${MIN_UNRESERVED} of the account's ${accountLimit} must stay unreserved`,
    )
  }
}

/**
 * Provisioned concurrency of the functions without a reservation that would leave fewer than 100
 * of the unreserved pool free for on-demand invocations.
 */
export class UnreservedProvisionedError extends Error {
  override readonly name = 'UnreservedProvisionedError'
  constructor(
    readonly unreserved: number,
    readonly provisioned: number,
  ) {
    super(
      `Provisioned concurrency of functions without reserved concurrency totals ${provisioned}; ` +
        `at most the unreserved ${unreserved} minus ${MIN_UNRESERVED} may be provisioned`,
    )
  }
}

/** Provisioned concurrency above a function's reserved concurrency. */
export class ProvisionedConcurrencyError extends Error {
  override readonly name = 'ProvisionedConcurrencyError'
  constructor(
    readonly fn: string,
    readonly provisioned: number,
    readonly reserved: number,
  ) {
    super(`${fn}: provisioned concurrency ${provisioned} exceeds reserved concurrency ${reserved}`)
  }
}

/** Per-function figures the pools need. */
export interface PoolMember {
  readonly name: string
  reserved: number | null
  provisioned: number
  /** On-demand invocations in flight (busy, including cold INIT). */
  onDemandBusy: number
}

/** The account's pools. Call `configure` after any change of limits or reservations. */
export class Concurrency {
  accountLimit: number
  /** Unreserved pool size. */
  unreserved = 0
  /** Charged to the unreserved pool now. */
  unreservedInUse = 0

  constructor(
    accountLimit: number,
    private readonly members: PoolMember[],
  ) {
    this.accountLimit = accountLimit
    this.configure(accountLimit)
  }

  /** Recomputes the pools; throws when the reservations break the account's rules. */
  configure(accountLimit: number): void {
    let reserved = 0
    let inUse = 0
    let sharedProvisioned = 0
    for (const m of this.members) {
      if (m.reserved === null) {
        inUse += m.provisioned + m.onDemandBusy
        sharedProvisioned += m.provisioned
      } else {
        reserved += m.reserved
        if (m.provisioned > m.reserved)
          throw new ProvisionedConcurrencyError(m.name, m.provisioned, m.reserved)
      }
    }
    if (reserved > 0 && accountLimit - reserved < MIN_UNRESERVED)
      throw new ReservedConcurrencyError(accountLimit, reserved)
    if (sharedProvisioned > 0 && accountLimit - reserved - sharedProvisioned < MIN_UNRESERVED)
      throw new UnreservedProvisionedError(accountLimit - reserved, sharedProvisioned)
    this.accountLimit = accountLimit
    this.unreserved = accountLimit - reserved
    this.unreservedInUse = inUse
  }

  /** Can member m start one more on-demand invocation? */
  check(m: PoolMember): Refusal {
    if (m.reserved === 0) return Refusal.Stopped
    if (m.reserved !== null) {
      return m.provisioned + m.onDemandBusy < m.reserved ? Refusal.None : Refusal.Reserved
    }
    return this.unreservedInUse < this.unreserved ? Refusal.None : Refusal.Account
  }

  /** Charges one on-demand invocation to m (after `check` said yes). */
  acquire(m: PoolMember): void {
    m.onDemandBusy++
    if (m.reserved === null) this.unreservedInUse++
  }

  /** Releases one on-demand invocation of m. */
  release(m: PoolMember): void {
    m.onDemandBusy--
    if (m.reserved === null) this.unreservedInUse--
  }

  /** Changes m's provisioned charge by `delta` (configuration change). */
  provisionedChanged(m: PoolMember, delta: number): void {
    if (m.reserved === null) this.unreservedInUse += delta
  }
}
