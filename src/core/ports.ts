/**
 * What the core needs from outside: an executor that runs real handler code (issue #4 implements
 * it with QuickJS). The core never waits on the wall clock: an invocation is a coroutine in
 * virtual time. The executor runs the handler until it finishes or blocks on something virtual
 * (a timer, a call to a simulated service) and reports the CPU time it used since it last yielded;
 * the core advances that invocation's clock by the CPU time (scaled by memory) plus the wait, and
 * resumes it then. Every call is synchronous, so a run stays deterministic for a deterministic
 * executor; a sandbox in the same worker as the core implements it with plain function calls.
 */
import type { LambdaErrorPayload } from './lambda/errors'

/** Something an invocation waits for. */
export type Wait =
  /** `setTimeout` / `sleep`: resume after `ms` of virtual time. */
  | { kind: 'timer'; ms: number }
  /** A call to a simulated service through the injected SDK. */
  | { kind: 'call'; service: string; operation: string; requestJson: string }

/** What resumes a waiting invocation. */
export type WaitResult =
  | { kind: 'timer' }
  | { kind: 'call'; ok: true; responseJson: string }
  | { kind: 'call'; ok: false; error: LambdaErrorPayload }

/** One slice of execution, from a (re)start to the next yield. */
export type ExecutorStep =
  /** Blocked: `cpuMs` of CPU were used first (at one vCPU), then it waits. */
  | { kind: 'wait'; cpuMs: number; wait: Wait; logs?: string[] }
  /** The handler returned `responseJson` after `cpuMs` more CPU. */
  | { kind: 'done'; cpuMs: number; responseJson: string; logs?: string[] }
  /**
   * The handler failed. `fatal` when the runtime itself died (crash, out of memory): the core
   * then discards the environment, as Lambda resets it.
   */
  | { kind: 'error'; cpuMs: number; error: LambdaErrorPayload; fatal?: boolean; logs?: string[] }

/** An invocation in progress inside a sandbox. */
export interface InvocationCoroutine {
  /** Runs until the next yield. The first call passes no result. */
  resume(result?: WaitResult): ExecutorStep
  /** The core gave up on it (timeout): stop it and free what it holds. */
  abort(): void
}

/** Identifies an execution environment to the executor (one sandbox realm each). */
export interface EnvironmentRef {
  functionName: string
  /** Unique per run, 1-based. */
  environmentId: number
  memoryMB: number
}

/** The simulation's clock as an executor reads it (a sandbox shows it to the guest's `Date`). */
export interface VirtualClock {
  /** Virtual time 0 as epoch ms. */
  readonly epochMs: number
  /** Virtual time of the call in progress (`init`, `invoke`, `resume`), ms since virtual 0. */
  now(): number
}

/** Runs real handler code, one realm per execution environment. */
export interface Executor {
  /**
   * Called once, before any other call, with the simulation's clock: without it the executor
   * cannot know the virtual moment at which the core resumes an invocation (CPU scaling,
   * rounding and service latencies are the core's), so its guests could not read that time.
   */
  attachClock?(clock: VirtualClock): void
  /**
   * Creates the realm and runs the module's top level (INIT). `cpuMs` is the INIT's CPU time at
   * one vCPU; an `error` step fails the cold start (the invocation fails as Lambda's does).
   */
  init(env: EnvironmentRef, code: string): ExecutorStep
  /** Starts the handler with the event (JSON) in an initialized realm. */
  invoke(
    env: EnvironmentRef,
    request: { requestId: string; eventJson: string; deadlineMs: number },
  ): InvocationCoroutine
  /** The environment was reclaimed or discarded: free the realm. */
  dispose(environmentId: number): void
}

/** Answers the service calls of real code (simulated S3, SQS, …; sources/ will provide it). */
export interface ServiceCalls {
  /** The result of the call and how long it takes in virtual time. */
  call(
    service: string,
    operation: string,
    requestJson: string,
  ): { latencyMs: number; result: WaitResult }
}
