/** The one place the CLI, its tests and the benchmark drive the simulation facade. */
import type { Scenario, SimulationReport } from '../src/core/scenario/types'
import type { ServiceCalls } from '../src/core/ports'
import { createSimulation, DEFAULT_EPOCH_MS } from '../src/core/simulation'
import { nodeWasmSource } from '../src/sandboxes/quickjs/load-quickjs-node'
import { createQuickJSExecutor } from '../src/sandboxes/quickjs/quickjs-executor'
import type { QuickJSExecutor } from '../src/sandboxes/quickjs/quickjs-executor'
import { runWithQuickJS } from '../src/sandboxes/quickjs/run-with-quickjs'
import type { WasmSource } from '../src/sandboxes/quickjs/wasm-module'
import { createServiceDouble } from '../src/sandboxes/services/service-double'

/** A finished run: the report, and which functions ran their `code` for real. */
export interface ScenarioRun {
  report: SimulationReport
  /** Functions whose `code` ran in QuickJS (the others were modeled), in scenario order. */
  realCode: string[]
  /** QuickJS environments created and disposed (absent when everything was modeled). */
  sandboxes?: { created: number; disposed: number }
}

/** Where the QuickJS wasm comes from (tests replace it to see a load failure). */
export interface RunOptions {
  wasm?: WasmSource
}

/** Functions of the scenario that have handler source to run. */
export function realCodeFunctions(scenario: Scenario): string[] {
  return scenario.functions.filter((fn) => fn.code !== null).map((fn) => fn.name)
}

/** The QuickJS sandbox could not be loaded, so code that must run for real cannot. */
export class SandboxLoadError extends Error {
  constructor(
    /** Functions that have code to run. */
    readonly functions: readonly string[],
    reason: string,
    options?: { cause: unknown },
  ) {
    super(`Could not load the QuickJS sandbox (WebAssembly): ${reason}`, options)
    this.name = 'SandboxLoadError'
  }
}

/** The QuickJS executor, or an error that says what could not load and what needed it. */
async function loadExecutor(
  scenario: Scenario,
  wasm: WasmSource,
  services: ServiceCalls,
): Promise<QuickJSExecutor> {
  try {
    return await createQuickJSExecutor(wasm, { functions: scenario.functions, services })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new SandboxLoadError(realCodeFunctions(scenario), reason, { cause: error })
  }
}

/**
 * Runs a scenario to its end, lets running invocations and queued async events finish (the
 * facade's `run()` without `until`), and returns the report. Functions with `code` run it for
 * real in QuickJS sandboxes; the others follow their duration model.
 */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<ScenarioRun> {
  const realCode = realCodeFunctions(scenario)
  if (realCode.length === 0) {
    const simulation = createSimulation(scenario)
    simulation.run()
    return { report: simulation.report(), realCode }
  }
  // Real code's SDK calls reach in-memory services on the simulation's clock, seeded by the
  // scenario so that the same file and seed give the same answers.
  const clock = { now: () => 0 }
  const services = createServiceDouble({
    seed: scenario.seed,
    now: () => DEFAULT_EPOCH_MS + clock.now(),
  })
  const executor = await loadExecutor(scenario, options.wasm ?? nodeWasmSource, services)
  const simulation = createSimulation(scenario, { executor, services })
  clock.now = () => simulation.now
  await runWithQuickJS(simulation, executor)
  const { created, disposed } = executor.stats
  return { report: simulation.report(), realCode, sandboxes: { created, disposed } }
}
