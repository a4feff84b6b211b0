/**
 * `serializeScenario`: the smallest JSON that `parseScenario` turns back into the same scenario.
 * Defaults are left out (as the TypeScript playground does with compiler options in its links),
 * so saved files and share links carry only what the author chose.
 */
import {
  CurrentScenarioVersion,
  DefaultAccount,
  DefaultDurationSeconds,
  DefaultPayloadBytes,
  DefaultPricing,
  DefaultSeed,
  defaultFunctionSpec,
  RuntimeInitMs,
  sameDistribution,
} from './defaults'
import type { JsonObject } from './fields'
import type { FunctionSpec, Scenario, TrafficSpec } from './types'

/**
 * The minimal JSON form of a normalized scenario: `version`, each function's `name`, each
 * traffic entry's `function` and `arrivals`, and every other field only where it differs from
 * its default.
 *
 * @example
 * serializeScenario(parseScenario({ version: 1, functions: [{ name: 'api', memoryMB: 128 }] }).scenario)
 * // { version: 1, functions: [{ name: 'api' }] }
 */
export function serializeScenario(scenario: Scenario): JsonObject {
  const out: JsonObject = { version: CurrentScenarioVersion }
  if (scenario.description !== undefined) out.description = scenario.description
  if (scenario.seed !== DefaultSeed) out.seed = scenario.seed
  if (scenario.durationSeconds !== DefaultDurationSeconds)
    out.durationSeconds = scenario.durationSeconds
  const account = changed(scenario.account, DefaultAccount)
  if (account !== null) out.account = account
  const pricing = changed(scenario.pricing, DefaultPricing)
  if (pricing !== null) out.pricing = pricing
  out.functions = scenario.functions.map(serializeFunction)
  if (scenario.traffic.length > 0) out.traffic = scenario.traffic.map(serializeTraffic)
  return out
}

/** The fields of `value` that differ from `defaults` (compared as JSON), or null if none do. */
function changed<T extends object>(value: T, defaults: T): JsonObject | null {
  const out: JsonObject = {}
  for (const [key, item] of Object.entries(value)) {
    const fallback: unknown = (defaults as Record<string, unknown>)[key]
    if (JSON.stringify(item) !== JSON.stringify(fallback)) out[key] = item
  }
  return Object.keys(out).length === 0 ? null : out
}

function serializeFunction(fn: FunctionSpec): JsonObject {
  const { idleLifetime, runtimeInitMs, ...rest } = fn
  const defaults = defaultFunctionSpec(fn.name)
  const out: JsonObject = {
    name: fn.name,
    ...changed(rest, { ...rest, ...withoutModel(defaults) }),
  }
  if (!sameDistribution(idleLifetime, defaults.idleLifetime)) {
    // A constant lifetime reads better in seconds, as people write it, when that is exact.
    const exact =
      idleLifetime.kind === 'constant' && (idleLifetime.ms / 1000) * 1000 === idleLifetime.ms
    if (exact) out.idleLifetimeSeconds = idleLifetime.ms / 1000
    else out.idleLifetime = idleLifetime
  }
  // The default bootstrap depends on the runtime and architecture chosen.
  if (runtimeInitMs !== RuntimeInitMs[fn.runtime][fn.architecture])
    out.runtimeInitMs = runtimeInitMs
  return out
}

function withoutModel(fn: FunctionSpec): Omit<FunctionSpec, 'idleLifetime' | 'runtimeInitMs'> {
  const { idleLifetime: _idle, runtimeInitMs: _init, ...rest } = fn
  return rest
}

function serializeTraffic(traffic: TrafficSpec): JsonObject {
  const out: JsonObject = { function: traffic.function }
  if (traffic.invocationType !== 'RequestResponse') out.invocationType = traffic.invocationType
  out.arrivals = traffic.arrivals
  if (traffic.payloadBytes !== DefaultPayloadBytes) out.payloadBytes = traffic.payloadBytes
  return out
}
