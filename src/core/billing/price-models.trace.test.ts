/**
 * Each price model through the whole simulation: the REPORT lines a cold and a warm invocation
 * write, and the bill of the same run (reference §1.1: 1 ms rounding since December 2020, 100 ms
 * before; INIT of on-demand cold starts billed since 1 August 2025).
 */
import { describe, expect, it } from 'vitest'
import { testFunction, testScenario } from '../platform/testing'
import type { PriceModelId } from '../scenario/types'
import { createSimulation } from '../simulation'

/** x86_64 tier 1, $ per GB-s. */
const GBS = 0.0000166667

/** Given a 2,048 MB function with a 250.4 ms INIT and 12.3 ms runs, requests at 0 s and 1 s. */
function run(model: PriceModelId, freeTier = false) {
  const fn = testFunction('api', {
    memoryMB: 2048,
    init: { kind: 'constant', ms: 250.4 },
    duration: { kind: 'constant', ms: 12.3 },
  })
  const scenario = testScenario([fn], [{ function: 'api', seconds: [0, 1] }])
  const sim = createSimulation({ ...scenario, pricing: { model, freeTier } })
  sim.run()
  const reports = sim
    .snapshot({ logLines: 100 })
    .logs.filter((l) => l.line.startsWith('REPORT'))
    .map((l) => l.line.replace(/RequestId: \S+\t/, ''))
  return { reports, billing: sim.report().billing }
}

describe('price models, traced through a run', () => {
  it('current: the cold REPORT bills INIT + duration (250.4 + 12.3 → 263 ms), the warm one 13 ms', () => {
    const { reports, billing } = run('current')
    expect(reports).toEqual([
      'REPORT Duration: 12.30 ms\tBilled Duration: 263 ms\tMemory Size: 2048 MB\tMax Memory Used: 64 MB\tInit Duration: 250.40 ms\t',
      'REPORT Duration: 12.30 ms\tBilled Duration: 13 ms\tMemory Size: 2048 MB\tMax Memory Used: 64 MB\t',
    ])
    // (263 + 13) ms × 2 GB = 0.552 GB-s.
    expect(billing.gbSeconds).toBeCloseTo(0.552, 12)
    expect(billing.usd.compute).toBeCloseTo(0.552 * GBS, 15)
    expect(billing.usd.requests).toBeCloseTo(2 * 0.0000002, 15)
  })

  it('2025-07: INIT is free on demand, so both invocations bill 13 ms', () => {
    const { reports, billing } = run('2025-07')
    expect(reports.map((r) => /Billed Duration: (\d+) ms/.exec(r)?.[1])).toEqual(['13', '13'])
    expect(reports[0]).toContain('Init Duration: 250.40 ms')
    expect(billing.gbSeconds).toBeCloseTo(0.052, 12)
    expect(billing.usd.compute).toBeCloseTo(0.052 * GBS, 15)
  })

  it('2020-11: INIT is free and each 12.3 ms run is billed as 100 ms', () => {
    const { reports, billing } = run('2020-11')
    expect(reports.map((r) => /Billed Duration: (\d+) ms/.exec(r)?.[1])).toEqual(['100', '100'])
    expect(billing.gbSeconds).toBeCloseTo(0.4, 12)
    expect(billing.usd.compute).toBeCloseTo(0.4 * GBS, 15)
  })

  it('with the free tier on, two requests and 0.552 GB-s cost nothing', () => {
    const { billing } = run('current', true)
    expect(billing.gbSeconds).toBeCloseTo(0.552, 12)
    expect(billing.usd).toEqual({ requests: 0, compute: 0, provisioned: 0, total: 0 })
  })
})
