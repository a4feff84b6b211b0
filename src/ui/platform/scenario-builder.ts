/**
 * The scenario the Platform view runs: the current function (name, memory, timeout,
 * architecture from the project store; its code when "my handler" is on) with the view's traffic
 * and platform settings. The same JSON is what "Save scenario" writes and what
 * `npm run simulate` reads.
 */
import type { ArrivalSpec, ConfigChange, DistributionSpec } from '../../core'
import type { FunctionConfig } from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import type { PlatformSettings, Preset } from '../../stores/run-store'

/** The preset's arrival process; `rate` is its base rate, the shape is fixed per preset. */
export function arrivalsFor(preset: Preset, rate: number, durationSeconds: number): ArrivalSpec {
  const third = Math.round(durationSeconds / 3)
  switch (preset) {
    case 'steady':
      return { kind: 'constant', ratePerSecond: rate }
    case 'poisson':
      return { kind: 'poisson', ratePerSecond: rate }
    case 'spike':
      return {
        kind: 'spike',
        baseRatePerSecond: rate,
        spikeRatePerSecond: rate * 10,
        spikeStartSecond: third,
        spikeDurationSeconds: Math.max(1, Math.round(durationSeconds / 6)),
      }
    case 'step':
      return {
        kind: 'step',
        steps: [
          { atSecond: 0, ratePerSecond: rate },
          { atSecond: third, ratePerSecond: rate * 4 },
          { atSecond: third * 2, ratePerSecond: rate },
        ],
      }
    case 'diurnal':
      // One whole "day" over the run, so its peak and trough both show.
      return {
        kind: 'diurnal',
        meanRatePerSecond: rate,
        amplitude: 0.8,
        periodSeconds: durationSeconds,
      }
    case 'burst':
      return {
        kind: 'burst',
        atSecond: Math.round(durationSeconds / 4),
        count: Math.round(rate * 10),
      }
  }
}

/** One line saying what the preset does with the rate. */
export function describePreset(preset: Preset, rate: number): string {
  switch (preset) {
    case 'steady':
      return `${rate}/s, evenly spaced`
    case 'poisson':
      return `${rate}/s on average, random gaps`
    case 'spike':
      return `${rate}/s, then ${rate * 10}/s for a sixth of the run`
    case 'step':
      return `${rate}/s, ${rate * 4}/s in the middle third, ${rate}/s again`
    case 'diurnal':
      return `${rate}/s on average, ±80% over one period`
    case 'burst':
      return `${Math.round(rate * 10)} requests at once, a quarter into the run`
  }
}

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
        arrivals: arrivalsFor(settings.preset, settings.ratePerSecond, settings.durationSeconds),
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
