import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../core'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { rateAt } from '../../core/traffic/arrivals'
import { defaultSettings, Presets, type Preset } from '../../stores/run-store'
import {
  arrivalKey,
  arrivalsFor,
  buildScenarioJson,
  describePreset,
  liveChanges,
  modeledMsAt,
  scenarioProblem,
} from './scenario-builder'

describe('the Platform view scenario', () => {
  it.each(Presets)('%s: the built scenario is valid and names the current function', (preset) => {
    const fn = { ...defaultFunctionConfig(), name: 'orders', memoryMB: 512 }
    const parsed = parseScenario(buildScenarioJson({ ...defaultSettings(), preset }, fn))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.scenario.functions[0]).toMatchObject({ name: 'orders', memoryMB: 512 })
    expect(parsed.scenario.traffic[0]?.function).toBe('orders')
    expect(parsed.scenario.pricing.freeTier).toBe(false)
  })

  it('with "my handler" on, the function carries its code, handler and environment', () => {
    const fn = { ...defaultFunctionConfig(), handler: 'app.main', environment: { STAGE: 'dev' } }
    const code = 'export const main = async () => 1\n'
    const parsed = parseScenario(buildScenarioJson(defaultSettings(), fn, code))
    expect(parsed.ok && parsed.scenario.functions[0]).toMatchObject({
      code,
      handler: 'app.main',
      environment: { STAGE: 'dev' },
    })
    // Modeled: no code, and the handler name and environment are left at their defaults.
    const modeled = buildScenarioJson(defaultSettings(), fn)
    expect(JSON.stringify(modeled)).not.toMatch(/"code"|app\.main|STAGE/)
  })

  it('the parameters start as the shapes the presets had before they had parameters', () => {
    const at = (preset: Preset) => arrivalsFor({ ...defaultSettings(), preset })
    expect(Presets.map(at)).toEqual([
      { kind: 'constant', ratePerSecond: 20 },
      { kind: 'poisson', ratePerSecond: 20 },
      {
        kind: 'spike',
        baseRatePerSecond: 20,
        spikeRatePerSecond: 200,
        spikeStartSecond: 200,
        spikeDurationSeconds: 100,
      },
      {
        kind: 'step',
        steps: [
          { atSecond: 0, ratePerSecond: 20 },
          { atSecond: 200, ratePerSecond: 80 },
          { atSecond: 400, ratePerSecond: 20 },
        ],
      },
      { kind: 'diurnal', meanRatePerSecond: 20, amplitude: 0.8, periodSeconds: 600 },
      { kind: 'burst', atSecond: 150, count: 200 },
    ])
  })

  it('spike: 5/s, 300/s from 60 s for 30 s, then 5/s again; the description says so', () => {
    const shape = {
      ...defaultSettings(),
      preset: 'spike' as const,
      ratePerSecond: 5,
      spikeRatePerSecond: 300,
      spikeStartSecond: 60,
      spikeDurationSeconds: 30,
    }
    const spike = arrivalsFor(shape)
    expect([59, 60, 89, 90].map((s) => rateAt(spike, s))).toEqual([5, 300, 300, 5])
    expect(describePreset(shape)).toBe('5/s, then 300/s from 60 s for 30 s')
  })

  it('step, diurnal, burst follow their own parameters and describe them', () => {
    const settings = {
      ...defaultSettings(),
      steps: [
        { atSecond: 10, ratePerSecond: 2 },
        { atSecond: 50, ratePerSecond: 1500 },
      ],
      ratePerSecond: 40,
      amplitude: 0.5,
      periodSeconds: 120,
      burstCount: 1234,
      burstAtSecond: 42,
    }
    const step = arrivalsFor({ ...settings, preset: 'step' })
    expect([5, 10, 49, 50].map((s) => rateAt(step, s))).toEqual([0, 2, 2, 1500])
    expect(describePreset({ ...settings, preset: 'step' })).toBe('2/s from 10 s, 1,500/s from 50 s')
    const diurnal = arrivalsFor({ ...settings, preset: 'diurnal' })
    // Peaks a quarter period in (30 s) at mean × 1.5, troughs at 90 s at mean × 0.5.
    expect([30, 90].map((s) => Math.round(rateAt(diurnal, s)))).toEqual([60, 20])
    expect(describePreset({ ...settings, preset: 'diurnal' })).toBe(
      '40/s on average, ±50% over 120 s',
    )
    expect(arrivalsFor({ ...settings, preset: 'burst' })).toEqual({
      kind: 'burst',
      atSecond: 42,
      count: 1234,
    })
    expect(describePreset({ ...settings, preset: 'burst' })).toBe('1,234 requests at once at 42 s')
  })

  it('the core says why a parameter is refused, at that parameter only', () => {
    const spike = { ...defaultSettings(), preset: 'spike' as const }
    expect(scenarioProblem(spike, 'spikeRatePerSecond')).toBeNull()
    expect(scenarioProblem({ ...spike, spikeRatePerSecond: 300_000 }, 'spikeRatePerSecond')).toBe(
      '300000 is above the maximum of 100,000 requests/s; use a number 0–100,000 requests/s',
    )
    expect(scenarioProblem({ ...spike, spikeRatePerSecond: 300_000 }, 'baseRatePerSecond')).toBe(
      null,
    )
    expect(scenarioProblem({ ...spike, spikeDurationSeconds: 0 }, 'spikeDurationSeconds')).toMatch(
      /^0 is below the minimum of 0 s; use a number above 0 s/,
    )
    // An emptied field is missing to the core.
    expect(scenarioProblem({ ...spike, spikeStartSecond: NaN }, 'spikeStartSecond')).toBe(
      'missing; add a number 0 s or more',
    )
    const diurnal = { ...defaultSettings(), preset: 'diurnal' as const, amplitude: 1.5 }
    expect(scenarioProblem(diurnal, arrivalKey('diurnal', 'amplitude'))).toMatch(/maximum of 1/)
    expect(arrivalKey('diurnal', 'ratePerSecond')).toBe('meanRatePerSecond')
    expect(arrivalKey('burst', 'burstAtSecond')).toBe('atSecond')
  })

  it('steps must rise; a burst or a first step at or after the end is refused by the length', () => {
    const step = { ...defaultSettings(), preset: 'step' as const }
    const swapped = {
      ...step,
      steps: [
        { atSecond: 0, ratePerSecond: 1 },
        { atSecond: 300, ratePerSecond: 5 },
        { atSecond: 200, ratePerSecond: 9 },
      ],
    }
    expect(scenarioProblem(swapped, 'steps[2].atSecond')).toBe(
      "200 is not after the previous step's 300; list steps in increasing atSecond",
    )
    const burst = { ...defaultSettings(), preset: 'burst' as const, durationSeconds: 100 }
    expect(scenarioProblem(burst, 'durationSeconds')).toMatch(
      /^atSecond 150 is at or after the end of the run \(durationSeconds 100\)/,
    )
    expect(scenarioProblem({ ...burst, durationSeconds: 0 }, 'durationSeconds')).toMatch(
      /^0 is below the minimum of 0 s/,
    )
    expect(scenarioProblem({ ...burst, durationSeconds: 151 }, 'durationSeconds')).toBeNull()
  })

  it('models 50 ms at one vCPU as 691 ms at 128 MB and as 50 ms at 3,008 MB', () => {
    expect(modeledMsAt(50, 128)).toBeCloseTo(691.02, 2)
    expect(modeledMsAt(50, 3008)).toBe(50)
  })

  it('turns edits into live changes: reserved, provisioned, account limit, memory', () => {
    const fn = defaultFunctionConfig()
    const settings = defaultSettings()
    const changes = liveChanges(
      { settings, fn },
      {
        settings: {
          ...settings,
          reservedConcurrency: 5,
          provisionedConcurrency: 2,
          accountLimit: 50,
        },
        fn: { ...fn, memoryMB: 256 },
      },
    )
    expect(changes).toEqual([
      { account: { concurrencyLimit: 50 } },
      { function: fn.name, reservedConcurrency: 5, provisionedConcurrency: 2, memoryMB: 256 },
    ])
    expect(liveChanges({ settings, fn }, { settings: { ...settings, seed: 9 }, fn })).toEqual([])
    expect(
      liveChanges(
        { settings, fn },
        { settings: { ...settings, errorPercent: 25, idleLifetimeMinutes: 1 }, fn },
      ),
    ).toEqual([
      { function: fn.name, errorRate: 0.25, idleLifetime: { kind: 'constant', ms: 60_000 } },
    ])
    expect(
      liveChanges(
        { settings, fn },
        {
          settings: { ...settings, scalingModel: 'legacy', burst: 500, priceModel: '2020-11' },
          fn,
        },
      ),
    ).toEqual([{ account: { scalingModel: 'legacy', burst: 500 } }])
  })
})
