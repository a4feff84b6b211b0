/**
 * One simulation session: the core's simulation behind the small API the simulation worker
 * exposes. Kept free of Worker and Comlink so that Node tests drive it directly; the worker
 * (sim.worker.ts) only exposes it.
 */
import {
  createSimulation,
  formatScenarioError,
  parseScenario,
  type ConfigChange,
  type Scenario,
  type Simulation,
  type SimulationReport,
  type SnapshotLimits,
} from '../core'
import { toFrame, type Frame } from './frame'
import { LogStore, type LogPage, type LogQuery } from './log-store'
import { CoreLogCapacity, LogSync } from './log-sync'

/** How much recent history one frame carries: enough for the panels, small enough to post. */
export const FrameLimits: SnapshotLimits = {
  spans: 150,
  logLines: 80,
  // The "Why?" panel shows notable decisions only; the core keeps them apart from warm starts.
  explanations: 0,
  notableExplanations: 40,
  seriesPoints: 360,
}

/** The outcome of loading a scenario. */
export type LoadResult = { ok: true; frame: Frame } | { ok: false; errors: string[] }

/** The outcome of a live configuration change. */
export type ConfigResult = { ok: true; frame: Frame } | { ok: false; error: string }

/** The API of the simulation worker. Every method returns plain data. */
export interface SimSession {
  /** Validates and loads a scenario (JSON value), replacing any run; the clock starts at 0. */
  load(json: unknown): LoadResult
  /**
   * Runs `virtualMs` (whole ms; fractions are dropped) of virtual time (never past the scenario's end). At the end it lets
   * running work drain exactly as the CLI's `run()` does, so the report matches the CLI's.
   */
  advance(virtualMs: number): Frame
  /** Fires the next platform event (a single step). */
  step(): Frame
  /** Applies a change at the current virtual time; invalid values change nothing. */
  setConfig(change: ConfigChange): ConfigResult
  /** Starts the loaded scenario again at time 0, with `seed` if given. */
  reset(seed?: number): Frame
  /** The run's report so far (the CLI's `--json` shape), or null before a load. */
  report(): SimulationReport | null
  /** A page of the run's log lines that pass the filter (the last {@link LogStore} lines kept). */
  queryLogs(query: LogQuery): LogPage
}

class NotLoaded extends Error {
  override readonly name = 'NotLoaded'
  constructor() {
    super('load a scenario first')
  }
}

/** Creates an empty session; call `load` first. */
export function createSimSession(): SimSession {
  let scenario: Scenario | null = null
  let sim: Simulation | null = null
  let finished = false
  const store = new LogStore()
  let logs: LogSync | null = null

  const current = (): Simulation => {
    if (sim === null) throw new NotLoaded()
    return sim
  }
  const endMs = (): number => (scenario?.durationSeconds ?? 0) * 1000
  const frame = (): Frame => {
    const snapshot = current().snapshot(FrameLimits)
    return toFrame(snapshot, endMs(), finished, current().platform.total.maxConcurrency)
  }
  const start = (next: Scenario): Frame => {
    scenario = next
    // A bigger ring than the default: the log view pages through the run's recent lines.
    sim = createSimulation(next, { logCapacity: CoreLogCapacity })
    store.clear()
    logs = new LogSync(sim, store)
    finished = false
    return frame()
  }

  return {
    load(json) {
      const parsed = parseScenario(json)
      if (!parsed.ok) return { ok: false, errors: parsed.errors.map(formatScenarioError) }
      return { ok: true, frame: start(parsed.scenario) }
    },
    advance(virtualMs) {
      const run = current()
      if (finished) return frame()
      // The kernel's clock counts whole milliseconds.
      const until = Math.min(run.now + Math.max(0, Math.floor(virtualMs)), endMs())
      run.run({ until })
      if (until >= endMs()) {
        // The CLI's run(): what is left at the end (running invocations, queued async events).
        run.run()
        finished = true
      }
      return frame()
    },
    step() {
      const run = current()
      // Only events before the end: a later one (an idle reclaim) would break the CLI's order.
      if (!finished && run.platform.kernel.peek() < endMs()) run.step()
      return frame()
    },
    setConfig(change) {
      try {
        current().setConfig(change)
        return { ok: true, frame: frame() }
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) }
      }
    },
    reset(seed) {
      if (scenario === null) throw new NotLoaded()
      return start(seed === undefined ? scenario : { ...scenario, seed })
    },
    report() {
      return sim === null ? null : sim.report()
    },
    queryLogs(query) {
      logs?.pull()
      return { ...store.query(query), skipped: logs?.skipped ?? 0 }
    },
  }
}
