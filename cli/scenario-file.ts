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
  const text = attempt(() => readFileSync(file, 'utf8'))
  if (!text.ok) {
    const hint = 'check the path (it is relative to the current directory).'
    return { ok: false, message: formatReadError(file, text.reason, hint) }
  }
  const json = attempt((): unknown => JSON.parse(text.value))
  if (!json.ok) {
    const hint = 'fix the JSON syntax at the position given.'
    return { ok: false, message: formatReadError(file, `not JSON: ${json.reason}`, hint) }
  }
  const result = parseScenario(json.value)
  if (!result.ok) return { ok: false, message: formatScenarioErrors(file, result.errors) }
  const scenario = seed === undefined ? result.scenario : { ...result.scenario, seed }
  return { ok: true, scenario }
}

/** Runs `read`, turning a thrown error into its message. */
function attempt<T>(read: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: read() }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
