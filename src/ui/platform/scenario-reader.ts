/**
 * Opening a scenario file in the Platform view: the file is validated by the core, then read
 * back into the view's settings and the project's function. Files the view saved come back
 * exactly; others (several functions, a list of arrival times, another price model) are read
 * as closely as the view can show them, with a note for each thing that was not kept.
 */
import {
  formatScenarioError,
  parseScenario,
  type ArrivalSpec,
  type DistributionSpec,
  type Scenario,
} from '../../core'
import { defaultFunctionConfig, type FunctionConfig } from '../../core/lambda/function-config'
import type { PlatformSettings, Preset } from '../../stores/run-store'
import {
  arrivalsFor,
  buildScenarioJson,
  durationModel,
  idleLifetimeModel,
} from './scenario-builder'

/** What an opened file turns into. */
export type OpenedScenario =
  | {
      ok: true
      settings: PlatformSettings
      fn: Partial<FunctionConfig>
      /** The handler's code, when the file's function has one (the view then runs it). */
      code: string | null
      /** What the view could not keep, in words (empty for the view's own files). */
      notes: string[]
    }
  | { ok: false; errors: string[] }

/** The preset and base rate closest to an arrival process. */
function presetOf(arrivals: ArrivalSpec): { preset: Preset; rate: number } | null {
  switch (arrivals.kind) {
    case 'constant':
      return { preset: 'steady', rate: arrivals.ratePerSecond }
    case 'poisson':
      return { preset: 'poisson', rate: arrivals.ratePerSecond }
    case 'spike':
      return { preset: 'spike', rate: arrivals.baseRatePerSecond }
    case 'step':
      return { preset: 'step', rate: arrivals.steps[0]?.ratePerSecond ?? 1 }
    case 'diurnal':
      return { preset: 'diurnal', rate: arrivals.meanRatePerSecond }
    case 'burst':
      return { preset: 'burst', rate: Math.max(1, Math.round(arrivals.count / 10)) }
    case 'list':
      return null
  }
}

/** The mean of a duration distribution, ms. */
function meanOf(duration: DistributionSpec): number {
  switch (duration.kind) {
    case 'constant':
      return duration.ms
    case 'uniform':
      return (duration.minMs + duration.maxMs) / 2
    case 'normal':
    case 'lognormal':
    case 'exponential':
      return duration.meanMs
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Reads `text` (a scenario file) into settings, or says why it cannot. */
export function readScenarioFile(text: string, base: PlatformSettings): OpenedScenario {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, errors: [`not JSON: ${error instanceof Error ? error.message : error}`] }
  }
  const parsed = parseScenario(json)
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map(formatScenarioError) }
  return fromScenario(parsed.scenario, base)
}

function fromScenario(scenario: Scenario, base: PlatformSettings): OpenedScenario {
  const fn = scenario.functions[0]
  if (fn === undefined) return { ok: false, errors: ['the scenario has no function'] }
  const notes: string[] = []
  if (scenario.functions.length > 1)
    notes.push(`only the first of ${scenario.functions.length} functions (${fn.name}) is shown`)
  const traffic = scenario.traffic.find((t) => t.function === fn.name)
  const shape = traffic ? presetOf(traffic.arrivals) : null
  const preset = shape?.preset ?? base.preset
  const rate = Math.max(1, Math.round(shape?.rate ?? base.ratePerSecond))
  if (traffic === undefined) notes.push(`no traffic for ${fn.name}: the ${preset} preset is used`)
  else if (shape === null) notes.push(`a list of arrival times has no preset: ${preset} is used`)
  else if (!same(arrivalsFor(preset, rate, scenario.durationSeconds), traffic.arrivals))
    notes.push(`the traffic is approximated by the ${preset} preset at ${rate}/s`)
  const durationAtVcpuMs = Math.max(1, Math.round(meanOf(fn.duration)))
  if (!same(durationModel(durationAtVcpuMs), fn.duration))
    notes.push(`the duration model becomes log-normal around ${durationAtVcpuMs} ms`)
  const idleLifetimeMinutes = Math.max(1, Math.round(meanOf(fn.idleLifetime) / 60_000))
  if (!same(idleLifetimeModel(idleLifetimeMinutes), fn.idleLifetime))
    notes.push(`idle environments now live ${idleLifetimeMinutes} min each`)
  const errorPercent = Math.round(fn.errorRate * 100)
  if (errorPercent !== fn.errorRate * 100)
    notes.push(`the error rate is rounded to ${errorPercent}%`)
  const settings: PlatformSettings = {
    preset,
    ratePerSecond: rate,
    durationSeconds: scenario.durationSeconds,
    invocationType: traffic?.invocationType ?? base.invocationType,
    reservedConcurrency: fn.reservedConcurrency,
    provisionedConcurrency: fn.provisionedConcurrency,
    accountLimit: scenario.account.concurrencyLimit,
    durationAtVcpuMs,
    errorPercent,
    idleLifetimeMinutes,
    seed: scenario.seed,
    freeTier: scenario.pricing.freeTier,
    priceModel: scenario.pricing.model,
    scalingModel: scenario.account.scalingModel,
    burst: scenario.account.burst,
  }
  const config: Partial<FunctionConfig> = {
    name: fn.name,
    runtime: fn.runtime,
    memoryMB: fn.memoryMB,
    timeoutSeconds: fn.timeoutSeconds,
    architecture: fn.architecture,
    // Real code needs its handler name and environment; modeled runs ignore them.
    ...(fn.code === null ? {} : { handler: fn.handler, environment: fn.environment }),
  }
  const others = otherFields(scenario, settings, config, fn.code)
  if (others.length > 0) notes.push(`not kept: ${others.join(', ')}`)
  return { ok: true, settings, fn: config, code: fn.code, notes }
}

/** Function fields the view has no control for and that differ from what it will run. */
function otherFields(
  scenario: Scenario,
  settings: PlatformSettings,
  config: Partial<FunctionConfig>,
  code: string | null,
): string[] {
  const rebuilt = parseScenario(
    buildScenarioJson(settings, { ...defaultFunctionConfig(), ...config }, code),
  )
  const mine = rebuilt.ok ? rebuilt.scenario.functions[0] : undefined
  const theirs = scenario.functions[0]
  if (mine === undefined || theirs === undefined) return []
  const handled = new Set(['duration', 'code', 'idleLifetime', 'errorRate'])
  return Object.keys(theirs).filter(
    (key) =>
      !handled.has(key) &&
      !same(theirs[key as keyof typeof theirs], mine[key as keyof typeof mine]),
  )
}
