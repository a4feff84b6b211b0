/**
 * `npm run simulate -- <scenario.json> [--seed N] [--json]`: runs a scenario headless and prints
 * a short report (or one JSON object). Exit status: 0 after a run, 1 when the file cannot be read,
 * the scenario is invalid or the run fails, 2 for a bad command line.
 */
import { basename } from 'node:path'
import { parseArgs, Usage } from './args'
import { formatReport, formatRunError } from './format'
import { runScenario } from './run-scenario'
import { loadScenario } from './scenario-file'

function main(argv: readonly string[]): number {
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
  let report
  try {
    report = runScenario(loaded.scenario)
  } catch (error) {
    console.error(
      formatRunError(command.file, error instanceof Error ? error.message : String(error)),
    )
    return 1
  }
  if (command.json) console.log(JSON.stringify(report))
  else console.log(formatReport(basename(command.file), report))
  return 0
}

process.exitCode = main(process.argv.slice(2))
