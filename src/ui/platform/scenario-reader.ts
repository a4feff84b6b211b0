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
import {
  MaxSteps,
  MinSteps,
  type PlatformSettings,
  type Preset,
  type TrafficParams,
  type TrafficStep,
} from '../../stores/run-store'
import {
  arrivalsFor,
  buildScenarioJson,
  describePreset,
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

/** The preset closest to an arrival process, and the parameters the file gives it. */
function presetOf(
  arrivals: ArrivalSpec,
): { preset: Preset; params: Partial<TrafficParams> } | null {
  switch (arrivals.kind) {
    case 'constant':
      return { preset: 'steady', params: { ratePerSecond: arrivals.ratePerSecond } }
    case 'poisson':
      return { preset: 'poisson', params: { ratePerSecond: arrivals.ratePerSecond } }
    case 'spike':
      return {
        preset: 'spike',
        params: {
          ratePerSecond: arrivals.baseRatePerSecond,
          spikeRatePerSecond: arrivals.spikeRatePerSecond,
          spikeStartSecond: arrivals.spikeStartSecond,
          spikeDurationSeconds: arrivals.spikeDurationSeconds,
        },
      }
    case 'step':
      return { preset: 'step', params: { steps: stepsOf(arrivals.steps) } }
    case 'diurnal':
      return {
        preset: 'diurnal',
        params: {
          ratePerSecond: arrivals.meanRatePerSecond,
          amplitude: arrivals.amplitude,
          periodSeconds: arrivals.periodSeconds ?? 86_400,
        },
      }
    case 'burst':
      return {
        preset: 'burst',
        params: { burstCount: arrivals.count, burstAtSecond: arrivals.atSecond },
      }
    case 'list':
      return null
  }
}

/** 2 to 5 steps: the first five, or a single step held as two (the same rate twice). */
function stepsOf(steps: TrafficStep[]): TrafficStep[] {
  const kept = steps.slice(0, MaxSteps).map((step) => ({ ...step }))
  const last = kept[kept.length - 1]
  if (kept.length < MinSteps && last !== undefined)
    kept.push({ atSecond: last.atSecond + 1, ratePerSecond: last.ratePerSecond })
  return kept
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

/** The traffic parameters of `settings` (the base for what a file does not say). */
function pickTraffic(settings: PlatformSettings): TrafficParams {
  const { ratePerSecond, spikeRatePerSecond, spikeStartSecond, spikeDurationSeconds } = settings
  const { steps, amplitude, periodSeconds, burstCount, burstAtSecond } = settings
  return {
    ratePerSecond,
    spikeRatePerSecond,
    spikeStartSecond,
    spikeDurationSeconds,
    steps,
    amplitude,
    periodSeconds,
    burstCount,
    burstAtSecond,
  }
}

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
  const params = { ...pickTraffic(base), ...shape?.params }
  if (traffic === undefined) notes.push(`no traffic for ${fn.name}: the ${preset} preset is used`)
  else if (shape === null) notes.push(`a list of arrival times has no preset: ${preset} is used`)
  else if (!same(arrivalsFor({ preset, ...params }), traffic.arrivals))
    notes.push(
      `the traffic is approximated by the ${preset} preset: ${describePreset({ preset, ...params })}`,
    )
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
    ...params,
    preset,
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
