/**
 * The scenario the Platform view runs: the current function (name, memory, timeout,
 * architecture from the project store; its code when "my handler" is on) with the view's traffic
 * and platform settings. The same JSON is what "Save scenario" writes and what
 * `npm run simulate` reads.
 */
import {
  parseScenario,
  type ArrivalSpec,
  type ConfigChange,
  type DistributionSpec,
} from '../../core'
import { defaultFunctionConfig, type FunctionConfig } from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import type { PlatformSettings, Preset, TrafficParams } from '../../stores/run-store'

/** What `arrivalsFor` reads: the preset and its parameters. */
export type TrafficShape = Pick<PlatformSettings, 'preset'> & TrafficParams

/** The preset's arrival process, from its own parameters. */
export function arrivalsFor(shape: TrafficShape): ArrivalSpec {
  switch (shape.preset) {
    case 'steady':
      return { kind: 'constant', ratePerSecond: shape.ratePerSecond }
    case 'poisson':
      return { kind: 'poisson', ratePerSecond: shape.ratePerSecond }
    case 'spike':
      return {
        kind: 'spike',
        baseRatePerSecond: shape.ratePerSecond,
        spikeRatePerSecond: shape.spikeRatePerSecond,
        spikeStartSecond: shape.spikeStartSecond,
        spikeDurationSeconds: shape.spikeDurationSeconds,
      }
    case 'step':
      return { kind: 'step', steps: shape.steps.map((step) => ({ ...step })) }
    case 'diurnal':
      return {
        kind: 'diurnal',
        meanRatePerSecond: shape.ratePerSecond,
        amplitude: shape.amplitude,
        periodSeconds: shape.periodSeconds,
      }
    case 'burst':
      return { kind: 'burst', atSecond: shape.burstAtSecond, count: shape.burstCount }
  }
}

const count = (n: number) => n.toLocaleString('en-US')

/** One line saying what the preset's parameters make of the traffic. */
export function describePreset(shape: TrafficShape): string {
  const rate = count(shape.ratePerSecond)
  switch (shape.preset) {
    case 'steady':
      return `${rate}/s, evenly spaced`
    case 'poisson':
      return `${rate}/s on average, random gaps`
    case 'spike':
      return `${rate}/s, then ${count(shape.spikeRatePerSecond)}/s from ${count(shape.spikeStartSecond)} s for ${count(shape.spikeDurationSeconds)} s`
    case 'step':
      return shape.steps
        .map((step) => `${count(step.ratePerSecond)}/s from ${count(step.atSecond)} s`)
        .join(', ')
    case 'diurnal':
      return `${rate}/s on average, ±${Math.round(shape.amplitude * 100)}% over ${count(shape.periodSeconds)} s`
    case 'burst':
      return `${count(shape.burstCount)} requests at once at ${count(shape.burstAtSecond)} s`
  }
}

/** Where a settings field of the current preset sits in the scenario (the core's key). */
export function arrivalKey(preset: Preset, field: keyof TrafficParams): string {
  if (field !== 'ratePerSecond') {
    const keys: Partial<Record<keyof TrafficParams, string>> = {
      burstCount: 'count',
      burstAtSecond: 'atSecond',
    }
    return keys[field] ?? field
  }
  if (preset === 'spike') return 'baseRatePerSecond'
  if (preset === 'diurnal') return 'meanRatePerSecond'
  return 'ratePerSecond'
}

// A NaN stands for an empty field: it is left out, so the core says what is missing.
const withoutNaN = (_key: string, value: unknown) =>
  typeof value === 'number' && Number.isNaN(value) ? undefined : value

/**
 * The core's objection to `settings` at `path` (an arrival key such as `spikeRatePerSecond` or
 * `steps[1].atSecond`; or `durationSeconds`, which also answers for the arrivals a shorter run
 * would leave behind), or null. The scenario is checked whole by `parseScenario`, so the view
 * refuses exactly what the CLI would, in the core's words.
 */
export function scenarioProblem(settings: PlatformSettings, path: string): string | null {
  const json: unknown = JSON.parse(
    JSON.stringify(buildScenarioJson(settings, ProbeFunction), withoutNaN),
  )
  const parsed = parseScenario(json)
  if (parsed.ok) return null
  const arrivals = 'traffic[0].arrivals.'
  for (const error of parsed.errors) {
    if (error.path === path) return error.message
    if (path !== 'durationSeconds' && error.path === arrivals + path) return error.message
    if (path === 'durationSeconds' && error.path.startsWith(arrivals))
      return `${error.path.slice(arrivals.length)} ${error.message}`
  }
  return null
}

/** A function for checking traffic alone (the traffic's checks do not depend on it). */
const ProbeFunction = defaultFunctionConfig()

/** The modeled duration: log-normal around the mean, a quarter of it as spread. */
export function durationModel(meanAtVcpuMs: number): DistributionSpec {
  return { kind: 'lognormal', meanMs: meanAtVcpuMs, stdDevMs: meanAtVcpuMs / 4 }
}

/** Every environment lives exactly this long once idle (the view has no spread control). */
export function idleLifetimeModel(minutes: number): DistributionSpec {
  return { kind: 'constant', ms: minutes * 60_000 }
}

/** The mean duration at `memoryMB`: the core scales CPU time by 1,769 / memory below one vCPU. */
export function modeledMsAt(meanAtVcpuMs: number, memoryMB: number): number {
  return meanAtVcpuMs * Math.max(1, Limits.MemoryPerVcpuMB / memoryMB)
}

/**
 * The function's fields when its handler runs for real: the code (JavaScript: TypeScript is
 * stripped before), its handler name and environment variables. Modeled runs leave them out.
 */
function codeFields(fn: FunctionConfig, code: string | null): Record<string, unknown> {
  if (code === null) return {}
  return { handler: fn.handler, environment: fn.environment, code }
}

/**
 * The scenario JSON (version 1) of the current function and settings. With `code`, the
 * function runs it in QuickJS sandboxes instead of the duration model (here and in the CLI).
 */
export function buildScenarioJson(
  settings: PlatformSettings,
  fn: FunctionConfig,
  code: string | null = null,
): Record<string, unknown> {
  return {
    version: 1,
    description: `${settings.preset} traffic against ${fn.name}, from the playground's Platform view`,
    seed: settings.seed,
    durationSeconds: settings.durationSeconds,
    account: {
      concurrencyLimit: settings.accountLimit,
      scalingModel: settings.scalingModel,
      burst: settings.burst,
    },
    pricing: { model: settings.priceModel, freeTier: settings.freeTier },
    functions: [
      {
        name: fn.name,
        runtime: fn.runtime,
        memoryMB: fn.memoryMB,
        timeoutSeconds: fn.timeoutSeconds,
        architecture: fn.architecture,
        reservedConcurrency: settings.reservedConcurrency,
        provisionedConcurrency: settings.provisionedConcurrency,
        duration: durationModel(settings.durationAtVcpuMs),
        errorRate: settings.errorPercent / 100,
        idleLifetime: idleLifetimeModel(settings.idleLifetimeMinutes),
        ...codeFields(fn, code),
      },
    ],
    traffic: [
      {
        function: fn.name,
        invocationType: settings.invocationType,
        arrivals: arrivalsFor(settings),
      },
    ],
  }
}

/** The live changes that take `before` to `after` (empty when nothing live changed). */
export function liveChanges(
  before: { settings: PlatformSettings; fn: FunctionConfig },
  after: { settings: PlatformSettings; fn: FunctionConfig },
): ConfigChange[] {
  const changes: ConfigChange[] = []
  const a = before.settings
  const b = after.settings
  if (a.accountLimit !== b.accountLimit)
    changes.push({ account: { concurrencyLimit: b.accountLimit } })
  if (a.scalingModel !== b.scalingModel || a.burst !== b.burst)
    changes.push({ account: { scalingModel: b.scalingModel, burst: b.burst } })
  const fnChange: Extract<ConfigChange, { function: string }> = { function: after.fn.name }
  if (a.reservedConcurrency !== b.reservedConcurrency)
    fnChange.reservedConcurrency = b.reservedConcurrency
  if (a.provisionedConcurrency !== b.provisionedConcurrency)
    fnChange.provisionedConcurrency = b.provisionedConcurrency
  if (a.durationAtVcpuMs !== b.durationAtVcpuMs)
    fnChange.duration = durationModel(b.durationAtVcpuMs)
  if (a.errorPercent !== b.errorPercent) fnChange.errorRate = b.errorPercent / 100
  if (a.idleLifetimeMinutes !== b.idleLifetimeMinutes)
    fnChange.idleLifetime = idleLifetimeModel(b.idleLifetimeMinutes)
  if (before.fn.memoryMB !== after.fn.memoryMB) fnChange.memoryMB = after.fn.memoryMB
  if (before.fn.timeoutSeconds !== after.fn.timeoutSeconds)
    fnChange.timeoutSeconds = after.fn.timeoutSeconds
  if (Object.keys(fnChange).length > 1) changes.push(fnChange)
  return changes
}
