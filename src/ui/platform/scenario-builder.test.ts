import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../core'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { rateAt } from '../../core/traffic/arrivals'
import { defaultSettings, Presets } from '../../stores/run-store'
import { arrivalsFor, buildScenarioJson, liveChanges, modeledMsAt } from './scenario-builder'

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

  it('spike: base rate, ten times it from a third of the run for a sixth of it', () => {
    const spike = arrivalsFor('spike', 20, 600)
    expect([rateAt(spike, 100), rateAt(spike, 250), rateAt(spike, 400)]).toEqual([20, 200, 20])
  })

  it('step: four times the rate in the middle third', () => {
    const step = arrivalsFor('step', 5, 300)
    expect([rateAt(step, 50), rateAt(step, 150), rateAt(step, 250)]).toEqual([5, 20, 5])
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
