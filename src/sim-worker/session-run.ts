/**
 * The state of one session's run, shared by the synchronous session (modeled durations only:
 * tests, benchmarks) and the asynchronous one the worker exposes (functions with code run in
 * QuickJS sandboxes, which are made asynchronously).
 */
import {
  createSimulation,
  type ConfigChange,
  type Scenario,
  type Simulation,
  type SnapshotLimits,
} from '../core'
import type { SentRequest } from '../core/invoke-now'
import { advanceWithCode, drainWithCode, stepWithCode, type CodeRun } from './code-drive'
import { toFrame, type Frame } from './frame'
import { LogStore, type LogPage, type LogQuery } from './log-store'
import { CoreLogCapacity, LogSync } from './log-sync'
import type { SandboxSet } from './sandbox-set'

/** How much recent history one frame carries: enough for the panels, small enough to post. */
export const FrameLimits: SnapshotLimits = {
  spans: 150,
  logLines: 80,
  // The "Why?" panel shows notable decisions only; the core keeps them apart from warm starts.
  explanations: 0,
  notableExplanations: 40,
  seriesPoints: 360,
}

/** The outcome of "send one request now": the request as it stands, or why it was not sent. */
export type SendResult =
  { ok: true; sent: SentRequest; frame: Frame } | { ok: false; error: string }

export class NotLoaded extends Error {
  override readonly name = 'NotLoaded'
  constructor() {
    super('load a scenario first')
  }
}

/** An error's message, whatever was thrown. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** One loaded run (or none yet) and its log store. */
export class SessionRun {
  scenario: Scenario | null = null
  sim: Simulation | null = null
  /** The sandboxes and wall clock when functions have code (null: all modeled). */
  code: CodeRun | null = null
  finished = false
  readonly #store = new LogStore()
  #logs: LogSync | null = null

  get current(): Simulation {
    if (this.sim === null) throw new NotLoaded()
    return this.sim
  }

  get endMs(): number {
    return (this.scenario?.durationSeconds ?? 0) * 1000
  }

  frame(): Frame {
    const sim = this.current
    const snapshot = sim.snapshot(FrameLimits)
    return toFrame(snapshot, this.endMs, this.finished, sim.platform.total.maxConcurrency)
  }

  /** Replaces the run by a new one of `scenario` at time 0. */
  start(
    scenario: Scenario,
    sandboxes: SandboxSet | null = null,
    wallNow: () => number = () => 0,
  ): Frame {
    this.code?.sandboxes.disposeAll()
    this.scenario = scenario
    // A bigger ring than the default: the log view pages through the run's recent lines.
    this.sim = createSimulation(scenario, {
      logCapacity: CoreLogCapacity,
      ...(sandboxes ? { executor: sandboxes, services: sandboxes.services } : {}),
    })
    this.code = sandboxes === null ? null : { sim: this.sim, sandboxes, wallNow }
    this.#store.clear()
    this.#logs = new LogSync(this.sim, this.#store)
    this.finished = false
    return this.frame()
  }

  /** The virtual time `virtualMs` (whole ms) from now, never past the scenario's end. */
  until(virtualMs: number): number {
    return Math.min(this.current.now + Math.max(0, Math.floor(virtualMs)), this.endMs)
  }

  /** Modeled: runs to `until`; at the end, what is left (the CLI's `run()`). */
  advanceModeled(until: number): void {
    const sim = this.current
    sim.run({ until })
    if (until >= this.endMs) {
      sim.run()
      this.finished = true
    }
  }

  /** Real code: the same, within a wall-clock budget (see code-drive.ts). */
  async advanceCode(run: CodeRun, until: number, budgetMs: number): Promise<void> {
    const deadline = run.wallNow() + budgetMs
    if (!(await advanceWithCode(run, until, deadline))) return
    if (until >= this.endMs) this.finished = await drainWithCode(run, deadline)
  }

  /** True when a step may fire: only events before the end (a later one is the CLI's drain). */
  get canStep(): boolean {
    return !this.finished && this.current.platform.kernel.peek() < this.endMs
  }

  async stepCode(run: CodeRun): Promise<void> {
    await stepWithCode(run)
  }

  setConfig(change: ConfigChange): { ok: true; frame: Frame } | { ok: false; error: string } {
    try {
      this.current.setConfig(change)
      return { ok: true, frame: this.frame() }
    } catch (error) {
      return { ok: false, error: messageOf(error) }
    }
  }

  /** The event to send, or why no request can be sent now (bad JSON, the run is over). */
  eventToSend(eventJson: string): { ok: true; payload: unknown } | { ok: false; error: string } {
    if (this.sim === null) throw new NotLoaded()
    let payload: unknown
    try {
      payload = JSON.parse(eventJson)
    } catch (error) {
      return { ok: false, error: `The test event is not JSON: ${messageOf(error)}` }
    }
    if (this.finished) return { ok: false, error: 'The run has finished: reset it to send one.' }
    return { ok: true, payload }
  }

  /** Sends one request now (the sandboxes, if any, must have been refilled). */
  send(payload: unknown, functionName?: string): SendResult {
    const name = functionName ?? this.scenario?.functions[0]?.name ?? ''
    try {
      return { ok: true, sent: this.current.invokeNow(name, payload), frame: this.frame() }
    } catch (error) {
      return { ok: false, error: messageOf(error) }
    }
  }

  sentRequests(): SentRequest[] {
    return this.sim === null ? [] : this.sim.sentRequests()
  }

  queryLogs(query: LogQuery): LogPage {
    this.#logs?.pull()
    return { ...this.#store.query(query), skipped: this.#logs?.skipped ?? 0 }
  }
}
