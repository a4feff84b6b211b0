/**
 * `npm run simulate -- <scenario.json> [--seed N] [--json]`: runs a scenario headless and prints
 * a short report (or one JSON object). Functions with `code` run it in QuickJS sandboxes. Exit status: 0 after a run, 1 when the file cannot be read,
 * the scenario is invalid or the run fails, 2 for a bad command line.
 */
import { basename } from 'node:path'
import { parseArgs, Usage } from './args'
import { formatReport, formatRunError, formatSandboxError } from './format'
import { runScenario, SandboxLoadError } from './run-scenario'
import type { ScenarioRun } from './run-scenario'
import { loadScenario } from './scenario-file'

async function main(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv)
  if (command.kind === 'help') {
    console.log(Usage)
    return 0
  }
  if (command.kind === 'error') {
    console.error(`✘ ${command.message}\n\n${Usage}`)
    return 2
  }
  const loaded = loadScenario(command.file, command.seed)
  if (!loaded.ok) {
    console.error(loaded.message)
    return 1
  }
  let run
  try {
    run = await runScenario(loaded.scenario)
  } catch (error) {
    if (error instanceof SandboxLoadError) {
      console.error(formatSandboxError(command.file, error.functions, error.message))
      return 1
    }
    console.error(
      formatRunError(command.file, error instanceof Error ? error.message : String(error)),
    )
    return 1
  }
  if (command.json) console.log(JSON.stringify(jsonReport(run)))
  else console.log(formatReport(basename(command.file), run.report, run.realCode, run.sandboxes))
  return 0
}

/** The report, plus `realCode` (functions that ran their code) and `sandboxes` when any did. */
function jsonReport(run: ScenarioRun): object {
  const { report, realCode, sandboxes } = run
  return realCode.length === 0 ? report : { ...report, realCode, sandboxes }
}

process.exitCode = await main(process.argv.slice(2))
