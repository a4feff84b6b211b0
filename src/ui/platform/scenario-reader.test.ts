import { describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { defaultSettings, Presets, type Preset, type TrafficParams } from '../../stores/run-store'
import { buildScenarioJson } from './scenario-builder'
import { readScenarioFile } from './scenario-reader'

/** Each preset with parameters of its own, away from the defaults. */
const Params: Record<Preset, Partial<TrafficParams>> = {
  steady: { ratePerSecond: 35 },
  poisson: { ratePerSecond: 0.5 },
  spike: {
    ratePerSecond: 5,
    spikeRatePerSecond: 300,
    spikeStartSecond: 60,
    spikeDurationSeconds: 30,
  },
  step: {
    steps: [
      { atSecond: 0, ratePerSecond: 3 },
      { atSecond: 100, ratePerSecond: 30 },
      { atSecond: 250.5, ratePerSecond: 12 },
      { atSecond: 400, ratePerSecond: 0 },
    ],
  },
  diurnal: { ratePerSecond: 40, amplitude: 0.35, periodSeconds: 300 },
  burst: { burstCount: 1234, burstAtSecond: 42 },
}

const open = (json: unknown) => readScenarioFile(JSON.stringify(json), defaultSettings())

describe('opening a scenario file', () => {
  it.each(Presets)('a file the view saved (%s) comes back exactly, without notes', (preset) => {
    const settings = {
      ...defaultSettings(),
      ...Params[preset],
      preset,
      seed: 9,
      reservedConcurrency: 40,
      provisionedConcurrency: 5,
      durationAtVcpuMs: 80,
      errorPercent: 5,
      idleLifetimeMinutes: 7,
      priceModel: '2020-11' as const,
      scalingModel: 'legacy' as const,
      burst: 500,
      invocationType: 'Event' as const,
    }
    const fn = { ...defaultFunctionConfig(), name: 'orders', memoryMB: 512, timeoutSeconds: 10 }
    const opened = readScenarioFile(
      JSON.stringify(buildScenarioJson(settings, fn)),
      defaultSettings(),
    )
    expect(opened).toEqual({
      ok: true,
      settings,
      fn: {
        name: 'orders',
        runtime: fn.runtime,
        memoryMB: 512,
        timeoutSeconds: 10,
        architecture: fn.architecture,
      },
      code: null,
      notes: [],
    })
  })

  it('a file saved with "my handler" on brings its code, handler and environment back', () => {
    const fn = {
      ...defaultFunctionConfig(),
      handler: 'app.main',
      environment: { TABLE: 'orders' },
    }
    const code = 'export const main = async () => ({ ok: true })\n'
    const opened = readScenarioFile(
      JSON.stringify(buildScenarioJson(defaultSettings(), fn, code)),
      defaultSettings(),
    )
    expect(opened).toMatchObject({
      ok: true,
      code,
      fn: { handler: 'app.main', environment: { TABLE: 'orders' } },
      notes: [],
    })
  })

  it('reads a foreign file as closely as it can and says what it did not keep', () => {
    const file = {
      version: 1,
      functions: [
        {
          name: 'api',
          duration: { kind: 'constant', ms: 120 },
          errorRate: 0.1,
          ephemeralStorageMB: 1024,
        },
        { name: 'worker' },
      ],
      traffic: [{ function: 'api', arrivals: { kind: 'list', seconds: [1, 2, 3] } }],
    }
    const opened = readScenarioFile(JSON.stringify(file), defaultSettings())
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.settings).toMatchObject({
      preset: 'spike',
      durationAtVcpuMs: 120,
      freeTier: true,
    })
    expect(opened.notes).toEqual([
      'only the first of 2 functions (api) is shown',
      'a list of arrival times has no preset: spike is used',
      'the duration model becomes log-normal around 120 ms',
      'not kept: ephemeralStorageMB',
    ])
  })

  it('a file saved before the presets had parameters fills their fields, without notes', () => {
    // The spike the view used to save for 50/s over 1,200 s: ×10 from a third for a sixth.
    const file = {
      version: 1,
      durationSeconds: 1200,
      functions: [{ name: 'api', duration: { kind: 'lognormal', meanMs: 50, stdDevMs: 12.5 } }],
      traffic: [
        {
          function: 'api',
          arrivals: {
            kind: 'spike',
            baseRatePerSecond: 50,
            spikeRatePerSecond: 500,
            spikeStartSecond: 400,
            spikeDurationSeconds: 200,
          },
        },
      ],
    }
    const opened = open(file)
    expect(opened.ok && opened.settings).toMatchObject({
      preset: 'spike',
      ratePerSecond: 50,
      spikeRatePerSecond: 500,
      spikeStartSecond: 400,
      spikeDurationSeconds: 200,
      durationSeconds: 1200,
    })
    expect(opened.ok && opened.notes).toEqual([])
  })

  it('arrivals a preset cannot hold are approximated, with a note; their fields filled', () => {
    const withArrivals = (arrivals: unknown) => ({
      version: 1,
      functions: [{ name: 'api' }],
      traffic: [{ function: 'api', arrivals }],
    })
    const steps = Array.from({ length: 7 }, (_, i) => ({ atSecond: i * 10, ratePerSecond: i }))
    const seven = open(withArrivals({ kind: 'step', steps }))
    expect(seven.ok && seven.settings.steps).toEqual(steps.slice(0, 5))
    expect(seven.ok && seven.notes[0]).toBe(
      'the traffic is approximated by the step preset: 0/s from 0 s, 1/s from 10 s, 2/s from 20 s, 3/s from 30 s, 4/s from 40 s',
    )
    const one = open(withArrivals({ kind: 'step', steps: [{ atSecond: 5, ratePerSecond: 9 }] }))
    expect(one.ok && one.settings.steps).toEqual([
      { atSecond: 5, ratePerSecond: 9 },
      { atSecond: 6, ratePerSecond: 9 },
    ])
    const peaked = open(
      withArrivals({ kind: 'diurnal', meanRatePerSecond: 8, amplitude: 0.5, peakSecond: 100 }),
    )
    expect(peaked.ok && peaked.settings).toMatchObject({
      preset: 'diurnal',
      ratePerSecond: 8,
      amplitude: 0.5,
      periodSeconds: 86_400,
    })
    expect(peaked.ok && peaked.notes[0]).toMatch(/^the traffic is approximated by the diurnal/)
    const windowed = open(withArrivals({ kind: 'poisson', ratePerSecond: 3, endSecond: 60 }))
    expect(windowed.ok && windowed.settings).toMatchObject({ preset: 'poisson', ratePerSecond: 3 })
    expect(windowed.ok && windowed.notes[0]).toBe(
      'the traffic is approximated by the poisson preset: 3/s on average, random gaps',
    )
  })

  it('refuses what is not a valid scenario, with the core’s field errors', () => {
    expect(readScenarioFile('{"version": 1', defaultSettings())).toMatchObject({ ok: false })
    const invalid = readScenarioFile(
      '{"version":1,"functions":[{"name":"a","memoryMB":1}]}',
      defaultSettings(),
    )
    expect(invalid.ok === false && invalid.errors[0]).toContain('functions[0].memoryMB')
  })
})
