/** The one place the CLI, its tests and the benchmark drive the simulation facade. */
import type { Scenario, SimulationReport } from '../src/core/scenario/types'
import { createSimulation } from '../src/core/simulation'

/**
 * Runs a scenario to its end, lets running invocations and queued async events finish (the
 * facade's `run()` without `until`), and returns the report.
 */
export function runScenario(scenario: Scenario): SimulationReport {
  const simulation = createSimulation(scenario)
  simulation.run()
  return simulation.report()
}
