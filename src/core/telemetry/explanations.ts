/**
 * Why the platform did what it did, one record per decision, in plain words with the rule and
 * the number ("throttled: reserved concurrency 5 was in use"). Records are six numbers in a ring
 * buffer; the sentence is written only when someone reads it.
 */

/** The decisions explained. */
export const Why = {
  /** n1 = environments busy, n2 = new environment id. */
  Cold: 0,
  /** n1 = environment id, n2 = idle environments before the choice. */
  Warm: 1,
  /** n1 = environment id. */
  WarmProvisioned: 2,
  /** n1 = provisioned concurrency (all busy or initializing). */
  Spillover: 3,
  /** Reserved concurrency 0. */
  ThrottleStopped: 4,
  /** n1 = reserved concurrency. */
  ThrottleReserved: 5,
  /** n1 = unreserved pool, n2 = account limit. */
  ThrottleAccount: 6,
  /** n1 = tokens left. */
  ThrottleScalingRate: 7,
  /** n1 = legacy ceiling. */
  ThrottleBurst: 8,
  /** n1 = retry number, n2 = maximum retries, n3 = delay ms. */
  RetryAfterError: 9,
  /** n1 = throttles so far, n2 = delay ms. */
  RetryAfterThrottle: 10,
  /** n1 = attempts, n2 = 1 when sent to a target. */
  RetriesExhausted: 11,
  /** n1 = maximum event age s, n2 = 1 when sent to a target. */
  EventAgeExceeded: 12,
  /** n1 = environment id, n2 = idle ms. */
  Reclaimed: 13,
  /** n1 = environment id. */
  DiscardedTimeout: 14,
  /** n1 = environment id. */
  DiscardedCrash: 15,
  /** n1 = environment id. */
  ProvisionedReady: 16,
  /** n1 = reserved concurrency 0 (async event skips retries), n2 = 1 when sent to a target. */
  StoppedToFailure: 17,
  /** n1 = environment id: removed by a configuration change (update, less provisioned). */
  Retired: 18,
} as const
export type Why = (typeof Why)[keyof typeof Why]

/** One explanation, as plain data. */
export interface Explanation {
  t: number
  function: string
  /** The request concerned, when there is one. */
  requestId: string | null
  code: keyof typeof Why
  text: string
}

/** Names for the sentences. */
export interface ExplainContext {
  functionName(index: number): string
  failureTarget(index: number): string | null
  requestId(reqNo: number): string
}

const CODES = Object.keys(Why) as (keyof typeof Why)[]
const FIELDS = 7

const seconds = (ms: number): string => `${+(ms / 1000).toFixed(3)} s`
const target = (sent: number, name: string | null): string =>
  sent ? `sent to ${name ?? 'the on-failure target'}` : 'dropped (no on-failure destination or DLQ)'

function sentence(
  code: number,
  n1: number,
  n2: number,
  n3: number,
  failure: string | null,
): string {
  switch (code) {
    case Why.Cold:
      return `cold: no idle environment (${n1} busy) → new environment #${n2}`
    case Why.Warm:
      return `warm: most recently used idle environment #${n1} (of ${n2} idle)`
    case Why.WarmProvisioned:
      return `warm: provisioned environment #${n1}`
    case Why.Spillover:
      return `spillover: all ${n1} provisioned environments were busy → on-demand`
    case Why.ThrottleStopped:
      return 'throttled: reserved concurrency is 0 (the function is stopped)'
    case Why.ThrottleReserved:
      return `throttled: reserved concurrency ${n1} was in use`
    case Why.ThrottleAccount:
      return `throttled: unreserved account concurrency ${n1} (of the account's ${n2}) was in use`
    case Why.ThrottleScalingRate:
      return `throttled: scaling rate 1,000 new environments per 10 s exhausted (${n1.toFixed(1)} left)`
    case Why.ThrottleBurst:
      return `throttled: legacy scaling ceiling of ${n1} concurrent environments reached`
    case Why.RetryAfterError:
      return `retry ${n1} of ${n2} in ${seconds(n3)} after a function error`
    case Why.RetryAfterThrottle:
      return `async event throttled (${n1} so far): retry in ${seconds(n2)} (backoff 1 s doubling to 5 min)`
    case Why.RetriesExhausted:
      return `retries exhausted after ${n1} attempts: ${target(n2, failure)}`
    case Why.EventAgeExceeded:
      return `event older than the maximum event age of ${n1} s: ${target(n2, failure)}`
    case Why.Reclaimed:
      return `reclaimed environment #${n1}: idle for ${seconds(n2)}`
    case Why.DiscardedTimeout:
      return `discarded environment #${n1} after a timeout`
    case Why.DiscardedCrash:
      return `discarded environment #${n1} after the runtime crashed`
    case Why.ProvisionedReady:
      return `provisioned environment #${n1} initialized ahead of traffic`
    case Why.Retired:
      return `retired environment #${n1} after a configuration change`
    case Why.StoppedToFailure:
      return `reserved concurrency 0: async event not retried, ${target(n2, failure)}`
    default:
      return `decision ${code}`
  }
}

/** One ring buffer of decisions, stored flat in a Float64Array (no object per decision). */
class DecisionRing {
  #next = 0
  #count = 0
  readonly #data: Float64Array

  constructor(readonly capacity: number) {
    this.#data = new Float64Array(capacity * FIELDS)
  }

  add(t: number, code: Why, fn: number, reqNo: number, n1: number, n2: number, n3: number): void {
    if (this.capacity === 0) return
    const o = this.#next * FIELDS
    const d = this.#data
    d[o] = t
    d[o + 1] = code
    d[o + 2] = fn
    d[o + 3] = reqNo
    d[o + 4] = n1
    d[o + 5] = n2
    d[o + 6] = n3
    this.#next = this.#next + 1 === this.capacity ? 0 : this.#next + 1
    if (this.#count < this.capacity) this.#count++
  }

  list(ctx: ExplainContext, limit: number): Explanation[] {
    const n = Math.min(limit, this.#count)
    const out: Explanation[] = []
    for (let k = 0; k < n; k++) {
      const o = ((this.#next - n + k + this.capacity) % this.capacity) * FIELDS
      const d = this.#data
      const code = d[o + 1] as number
      const fn = d[o + 2] as number
      const req = d[o + 3] as number
      out.push({
        t: d[o] as number,
        function: ctx.functionName(fn),
        requestId: req < 0 ? null : ctx.requestId(req),
        code: CODES[code] ?? 'Cold',
        text: sentence(
          code,
          d[o + 4] as number,
          d[o + 5] as number,
          d[o + 6] as number,
          ctx.failureTarget(fn),
        ),
      })
    }
    return out
  }
}

/**
 * The most recent decisions, in two rings: every decision, and the notable ones (all but routine
 * warm starts). Steady traffic makes thousands of warm decisions a second; kept apart, they cannot
 * push the last cold start, throttle or retry out of reach.
 */
export class Explanations {
  readonly #all: DecisionRing
  readonly #notable: DecisionRing

  constructor(readonly capacity: number) {
    this.#all = new DecisionRing(capacity)
    this.#notable = new DecisionRing(capacity)
  }

  /** Records a decision; `reqNo` -1 when no request is concerned. */
  add(t: number, code: Why, fn: number, reqNo: number, n1 = 0, n2 = 0, n3 = 0): void {
    this.#all.add(t, code, fn, reqNo, n1, n2, n3)
    if (code !== Why.Warm && code !== Why.WarmProvisioned)
      this.#notable.add(t, code, fn, reqNo, n1, n2, n3)
  }

  /** The last `limit` decisions, oldest first, in words. */
  list(ctx: ExplainContext, limit = this.capacity): Explanation[] {
    return this.#all.list(ctx, limit)
  }

  /** The last `limit` decisions other than routine warm starts, oldest first, in words. */
  listNotable(ctx: ExplainContext, limit = this.capacity): Explanation[] {
    return this.#notable.list(ctx, limit)
  }
}
