/**
 * Execution environments: one per concurrent invocation, reused while warm. A record is a plain
 * mutable object pooled by the platform (reclaimed slots are reused), because a long run creates
 * and discards millions of them; `id` stays unique so stale events can be recognised.
 */
import type { InvocationCoroutine, Wait, WaitResult } from '../ports'

/** Where an environment is in its life: init → idle ⇄ busy → reclaimed. */
export const EnvState = {
  /** Running INIT ahead of traffic (provisioned concurrency). A cold start is Busy instead. */
  Initializing: 0,
  /** Frozen between invocations, waiting for the next request or its idle deadline. */
  Idle: 1,
  /** Serving one invocation (including the INIT of a cold start). */
  Busy: 2,
  /** Gone: reclaimed after its idle lifetime, discarded after a timeout or crash, or retired. */
  Reclaimed: 3,
} as const
export type EnvState = (typeof EnvState)[keyof typeof EnvState]

/** How an invocation ended. */
export const Outcome = {
  /** The handler returned. */
  Success: 0,
  /** The handler threw (or a modeled error). The environment stays warm. */
  Error: 1,
  /** The function timeout cut it. The environment is discarded. */
  Timeout: 2,
  /** The runtime process died (executor `fatal`). The environment is discarded. */
  Crash: 3,
} as const
export type Outcome = (typeof Outcome)[keyof typeof Outcome]

/** An execution environment and, while busy, the invocation it serves. */
export class ExecEnv {
  /** Unique, 1-based, in creation order. */
  id = 0
  /** Index in the platform's environment table (reused after reclamation). */
  slot = 0
  fn = 0
  state: EnvState = EnvState.Reclaimed
  /** Created for provisioned concurrency (never reclaimed for idleness). */
  provisioned = false
  /** A provisioned slot that was removed while busy: retire it when the invocation ends. */
  retire = false
  createdAt = 0
  releasedAt = 0
  /** Idle lifetime sampled for this environment, ms. */
  lifetimeMs = 0
  /** An idle-expiry event is queued for this environment. */
  expiryPending = false
  /** MRU list links among the idle environments of the same function and kind. */
  prev: ExecEnv | null = null
  next: ExecEnv | null = null
  invocations = 0
  initMs = 0

  // The invocation in progress (valid while Busy).
  reqNo = 0
  /** When the request reached Lambda (first enqueue for async events). */
  queuedAt = 0
  startedAt = 0
  /** This invocation created the environment (a cold start). */
  cold = false
  /** INIT of this invocation's cold start, ms (0 when warm). */
  coldInitMs = 0
  /** A service call real code made, to perform at its virtual moment. */
  call: Extract<Wait, { kind: 'call' }> | null = null
  /** What real code is waiting for, delivered on resume. */
  pending: WaitResult | null = null
  /** Handler run time, ms (fractional; equal to the timeout when cut). */
  runMs = 0
  outcome: Outcome = Outcome.Success
  /** The invocation took a spillover (on-demand while provisioned concurrency exists). */
  onDemand = true
  /** Async event or batch being served (null for plain synchronous requests). */
  job: Job | null = null
  /** Real code in progress (executor port), or null when modeled. */
  coroutine: InvocationCoroutine | null = null
  /** CPU + waits consumed so far by a real invocation, ms. */
  elapsedMs = 0
  /** Response or error body of a real invocation, JSON. */
  responseJson: string | null = null
  /** Application log lines of a real invocation. */
  appLines: string[] | null = null
}

/** Work that waits for an invocation's result: an async event or a polled batch. */
export interface Job {
  /** Called by the platform when the invocation ends (not when throttled). */
  finished(env: ExecEnv): void
  /** The event body, for real code and destination records. */
  readonly payload: unknown
}

/** A doubly linked most-recently-used list of idle environments (head = most recent). */
export class IdleList {
  head: ExecEnv | null = null
  size = 0

  /** Puts `env` at the head (it is now the most recently used). */
  push(env: ExecEnv): void {
    env.prev = null
    env.next = this.head
    if (this.head !== null) this.head.prev = env
    this.head = env
    this.size++
  }

  /** Removes `env`, wherever it is. */
  remove(env: ExecEnv): void {
    if (env.prev !== null) env.prev.next = env.next
    else this.head = env.next
    if (env.next !== null) env.next.prev = env.prev
    env.prev = env.next = null
    this.size--
  }

  /** Takes the most recently used environment, or null. */
  shift(): ExecEnv | null {
    const env = this.head
    if (env !== null) this.remove(env)
    return env
  }
}
