/**
 * Loading a scenario file for the CLI: read, parse JSON, validate, apply the `--seed` override,
 * and the house-style message for each way that fails.
 */
import { readFileSync } from 'node:fs'
import { parseScenario } from '../src/core/scenario/validate'
import type { Scenario } from '../src/core/scenario/types'
import { formatReadError, formatScenarioErrors } from './format'

/** The outcome of loading a scenario file: the scenario, or the message to print. */
export type Loaded = { ok: true; scenario: Scenario } | { ok: false; message: string }

/** Reads, parses and validates a scenario file; `seed` replaces the file's seed when given. */
export function loadScenario(file: string, seed?: number): Loaded {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      message: formatReadError(
        file,
        reason,
        'check the path (it is relative to the current directory).',
      ),
    }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      message: formatReadError(
        file,
        `not JSON: ${reason}`,
        'fix the JSON syntax at the position given.',
      ),
    }
  }
  const result = parseScenario(json)
  if (!result.ok) return { ok: false, message: formatScenarioErrors(file, result.errors) }
  const scenario = seed === undefined ? result.scenario : { ...result.scenario, seed }
  return { ok: true, scenario }
}
