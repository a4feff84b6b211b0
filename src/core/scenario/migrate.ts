/**
 * The seam for future scenario formats. A file names its `version`; each migration lifts a
 * scenario from version N to N + 1, so an old file (or share link) is carried forward step by
 * step and then validated as the current version. Version 1 is the first: nothing to migrate yet.
 */
import { CurrentScenarioVersion } from './defaults'
import { show, type JsonObject } from './fields'
import type { ScenarioError } from './types'

/** Lifts a raw scenario object from version N (the key) to N + 1. Empty until version 2 exists. */
const migrations: Readonly<Record<number, (scenario: JsonObject) => JsonObject>> = {}

/** A raw scenario in the current format, or why it cannot become one. */
export type MigrationResult =
  { ok: true; value: JsonObject } | { ok: false; errors: ScenarioError[] }

/**
 * Brings a raw scenario object to the current version by applying migrations in order.
 * Refuses a missing or unknown version with an error on `version`.
 */
export function migrateScenario(scenario: JsonObject): MigrationResult {
  const version = scenario.version
  const use = `use ${CurrentScenarioVersion}`
  if (version === undefined) return refuse(`missing; add "version": ${CurrentScenarioVersion}`)
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse(`${show(version)} is not a scenario version; ${use}`)
  }
  if (version > CurrentScenarioVersion) {
    return refuse(
      `${version} is newer than this playground understands (${CurrentScenarioVersion}); ${use}, or update the playground`,
    )
  }
  let current = scenario
  for (let v = version; v < CurrentScenarioVersion; v++) {
    const migrate = migrations[v]
    if (migrate === undefined) return refuse(`no migration from version ${v}; ${use}`)
    current = { ...migrate(current), version: v + 1 }
  }
  return { ok: true, value: current }
}

function refuse(message: string): MigrationResult {
  return { ok: false, errors: [{ path: 'version', message }] }
}
