import { describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { defaultSettings, Presets } from '../../stores/run-store'
import { buildScenarioJson } from './scenario-builder'
import { readScenarioFile } from './scenario-reader'

describe('opening a scenario file', () => {
  it.each(Presets)('a file the view saved (%s) comes back exactly, without notes', (preset) => {
    const settings = {
      ...defaultSettings(),
      preset,
      ratePerSecond: 35,
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

  it('refuses what is not a valid scenario, with the core’s field errors', () => {
    expect(readScenarioFile('{"version": 1', defaultSettings())).toMatchObject({ ok: false })
    const invalid = readScenarioFile(
      '{"version":1,"functions":[{"name":"a","memoryMB":1}]}',
      defaultSettings(),
    )
    expect(invalid.ok === false && invalid.errors[0]).toContain('functions[0].memoryMB')
  })
})
