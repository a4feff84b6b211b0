/**
 * One simulation session: the core's simulation behind the small API the simulation worker
 * exposes. Kept free of Worker and Comlink so that Node tests drive it directly; the worker
 * (sim.worker.ts) only exposes it, with the browser's QuickJS wasm.
 *
 * Two faces over the same run (session-run.ts): {@link createSimSession} answers at once and
 * runs modeled durations only (tests, benchmarks); {@link createAsyncSimSession} is the
 * worker's, where functions that have `code` run it for real in QuickJS sandboxes, driven like
 * the CLI's `runWithQuickJS`.
 */
import {
  formatScenarioError,
  parseScenario,
  type ConfigChange,
  type Scenario,
  type SimulationReport,
} from '../core'
import type { SentRequest } from '../core/invoke-now'
import type { WasmSource } from '../sandboxes/quickjs/wasm-module'
import type { Frame } from './frame'
import type { LogPage, LogQuery } from './log-store'
import { MaxSpares, SandboxSet } from './sandbox-set'
import { messageOf, NotLoaded, SessionRun, type SendResult } from './session-run'

export { FrameLimits, type SendResult } from './session-run'

/** Wall ms one `advance` may spend running real code before it returns a frame. */
export const CodeBudgetMs = 40

/** The outcome of loading a scenario. */
export type LoadResult = { ok: true; frame: Frame } | { ok: false; errors: string[] }

/** The outcome of a live configuration change. */
export type ConfigResult = { ok: true; frame: Frame } | { ok: false; error: string }

/** The API of a session. Every method returns plain data. */
export interface SimSession {
  /** Validates and loads a scenario (JSON value), replacing any run; the clock starts at 0. */
  load(json: unknown): LoadResult
  /**
   * Runs `virtualMs` (whole ms; fractions are dropped) of virtual time (never past the
   * scenario's end). At the end it lets running work drain exactly as the CLI's `run()` does,
   * so the report matches the CLI's.
   */
  advance(virtualMs: number): Frame
  /** Fires the next platform event (a single step). */
  step(): Frame
  /** Applies a change at the current virtual time; invalid values change nothing. */
  setConfig(change: ConfigChange): ConfigResult
  /** Starts the loaded scenario again at time 0, with `seed` if given. */
  reset(seed?: number): Frame
  /**
   * Sends one synchronous request now to `functionName` (default: the first function) with
   * `eventJson` as its event; follow it with {@link sentRequests}.
   */
  sendNow(eventJson: string, functionName?: string): SendResult
  /** The requests sent with `sendNow` in this run (the last 20), oldest first. */
  sentRequests(): SentRequest[]
  /** The run's report so far (the CLI's `--json` shape), or null before a load. */
  report(): SimulationReport | null
  /** A page of the run's log lines that pass the filter (the last lines kept). */
  queryLogs(query: LogQuery): LogPage
}

/**
 * The worker's session: {@link SimSession} with the calls that may run real code asynchronous
 * (calls are served one after another). With real code, `advance` may stop short of the
 * requested time, at the last event fired within a wall-clock budget: the frame's `now` says
 * how far it got, and the run falls behind the requested speed rather than freezing.
 */
export interface AsyncSimSession {
  load(json: unknown): Promise<LoadResult>
  advance(virtualMs: number): Promise<Frame>
  step(): Promise<Frame>
  setConfig(change: ConfigChange): Promise<ConfigResult>
  reset(seed?: number): Promise<Frame>
  sendNow(eventJson: string, functionName?: string): Promise<SendResult>
  sentRequests(): SentRequest[]
  report(): SimulationReport | null
  queryLogs(query: LogQuery): LogPage
}

/** What the asynchronous session needs from its host. */
export interface SessionOptions {
  /**
   * Where QuickJS's wasm comes from (the worker: the browser's asset; Node tests:
   * `nodeWasmSource`). Without it a scenario whose functions have code is refused.
   */
  wasm?: WasmSource
  /** Wall ms an `advance` may spend on real code (default {@link CodeBudgetMs}). */
  codeBudgetMs?: number
  /** The wall clock, ms (default `performance.now`). */
  wallNow?: () => number
}

/** Parses a scenario (JSON value), or the errors that refuse it. */
function parse(json: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const parsed = parseScenario(json)
  return parsed.ok ? parsed : { ok: false, errors: parsed.errors.map(formatScenarioError) }
}

const codeFunctions = (scenario: Scenario): string[] =>
  scenario.functions.filter((fn) => fn.code !== null).map((fn) => fn.name)

/** Creates an empty session that runs modeled durations only; call `load` first. */
export function createSimSession(): SimSession {
  const run = new SessionRun()
  return {
    load(json) {
      const parsed = parse(json)
      if (!parsed.ok) return parsed
      const withCode = codeFunctions(parsed.scenario)
      if (withCode.length > 0)
        return { ok: false, errors: [`${withCode.join(', ')}: this session cannot run code`] }
      return { ok: true, frame: run.start(parsed.scenario) }
    },
    advance(virtualMs) {
      if (!run.finished) run.advanceModeled(run.until(virtualMs))
      return run.frame()
    },
    step() {
      if (run.canStep) run.current.step()
      return run.frame()
    },
    setConfig: (change) => run.setConfig(change),
    reset(seed) {
      if (run.scenario === null) throw new NotLoaded()
      return run.start(seed === undefined ? run.scenario : { ...run.scenario, seed })
    },
    sendNow(eventJson, functionName) {
      const event = run.eventToSend(eventJson)
      return event.ok ? run.send(event.payload, functionName) : event
    },
    sentRequests: () => run.sentRequests(),
    report: () => run.sim?.report() ?? null,
    queryLogs: (query) => run.queryLogs(query),
  }
}

/** Creates the worker's session (see {@link AsyncSimSession}); call `load` first. */
export function createAsyncSimSession(options: SessionOptions = {}): AsyncSimSession {
  const wallNow = options.wallNow ?? (() => performance.now())
  const budgetMs = options.codeBudgetMs ?? CodeBudgetMs
  const run = new SessionRun()
  // Calls arrive while an earlier one awaits the sandboxes: they run one after another.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T> | T): Promise<T> => {
    const next = queue.then(work)
    queue = next.catch(() => undefined)
    return next
  }
  const start = async (scenario: Scenario): Promise<Frame> => {
    const names = codeFunctions(scenario)
    const sandboxes = names.length > 0 ? await loadSandboxes(scenario, names, options.wasm) : null
    return run.start(scenario, sandboxes, wallNow)
  }

  return {
    load: (json) =>
      serial(async (): Promise<LoadResult> => {
        const parsed = parse(json)
        if (!parsed.ok) return parsed
        try {
          return { ok: true, frame: await start(parsed.scenario) }
        } catch (error) {
          return { ok: false, errors: [messageOf(error)] }
        }
      }),
    advance: (virtualMs) =>
      serial(async () => {
        if (run.finished) return run.frame()
        const until = run.until(virtualMs)
        if (run.code === null) run.advanceModeled(until)
        else await run.advanceCode(run.code, until, budgetMs).catch(explainCodeFailure)
        return run.frame()
      }),
    step: () =>
      serial(async () => {
        if (!run.canStep) return run.frame()
        if (run.code === null) run.current.step()
        else await run.stepCode(run.code).catch(explainCodeFailure)
        return run.frame()
      }),
    setConfig: (change) =>
      serial(async (): Promise<ConfigResult> => {
        // A new memory size needs sandboxes of that size before the next cold start.
        if (run.code !== null && 'function' in change && change.memoryMB !== undefined) {
          try {
            await run.code.sandboxes.prepare(change.function, change.memoryMB)
          } catch (error) {
            return { ok: false, error: messageOf(error) }
          }
        }
        return run.setConfig(change)
      }),
    reset: (seed) =>
      serial(() => {
        if (run.scenario === null) throw new NotLoaded()
        return start(seed === undefined ? run.scenario : { ...run.scenario, seed })
      }),
    sendNow: (eventJson, functionName) =>
      serial(async (): Promise<SendResult> => {
        const event = run.eventToSend(eventJson)
        if (!event.ok) return event
        // It may start cold now: a sandbox must be ready for it.
        if (run.code?.sandboxes.needsRefill) await run.code.sandboxes.refill()
        return run.send(event.payload, functionName)
      }),
    sentRequests: () => run.sentRequests(),
    report: () => run.sim?.report() ?? null,
    queryLogs: (query) => run.queryLogs(query),
  }
}

/** The sandboxes for a scenario with code, or an error that says what could not load. */
async function loadSandboxes(
  scenario: Scenario,
  names: string[],
  wasm: WasmSource | undefined,
): Promise<SandboxSet> {
  if (wasm === undefined) throw new Error(`${names.join(', ')}: this session cannot run code`)
  try {
    return await SandboxSet.create(wasm, scenario)
  } catch (error) {
    throw new Error(`Could not load the QuickJS sandbox (WebAssembly): ${messageOf(error)}`, {
      cause: error,
    })
  }
}

/** A sandbox failure mid-run, in words a person can act on. */
function explainCodeFailure(error: unknown): never {
  const why =
    error instanceof Error && error.name === 'SandboxPoolEmptyError'
      ? `more cold starts at one virtual moment than QuickJS sandboxes kept ready (at most ${MaxSpares})`
      : messageOf(error).replace(/\.$/, '')
  throw new Error(
    `Running your handler failed: ${why}. Each execution environment is its own QuickJS ` +
      'sandbox: lower the traffic, or run with modeled durations; then reset.',
    { cause: error },
  )
}
