/**
 * Every worked example in scenarios/ parses, runs, and shows what its description promises.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SimulationReport } from '../src/core/scenario/types'
import { parseScenario } from '../src/core/scenario/validate'
import { runScenario } from './run-scenario'
import { loadScenario } from './scenario-file'

const dir = join(import.meta.dirname, '..', 'scenarios')
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
const reports = new Map<string, SimulationReport>()

/** A worked example's report, from the runs made before the tests. */
function run(file: string): SimulationReport {
  const report = reports.get(file)
  if (report === undefined) throw new Error(`${file} did not run`)
  return report
}

beforeAll(async () => {
  for (const file of files) {
    const loaded = loadScenario(join(dir, file))
    if (!loaded.ok) throw new Error(loaded.message)
    reports.set(file, (await runScenario(loaded.scenario)).report)
  }
}, 120_000)

describe('scenarios/', () => {
  it('holds the worked examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(7)
  })

  it.each(files)('%s parses, has a description and runs', (file) => {
    const result = parseScenario(JSON.parse(readFileSync(join(dir, file), 'utf8')))
    expect(result.ok && result.scenario.description?.length).toBeGreaterThan(40)
    const report = run(file)
    expect(report.invocations).toBeGreaterThan(0)
    expect(report.billing.usd.total).toBeGreaterThanOrEqual(0)
  })

  it('steady-api: almost every request is warm', () => {
    expect(run('steady-api.json').coldStartRatio).toBeLessThan(0.01)
  })

  it('spike-reserved-throttling: the spike is throttled at reserved concurrency 50', () => {
    const report = run('spike-reserved-throttling.json')
    expect(report.throttles).toBeGreaterThan(0)
    expect(report.maxConcurrency).toBe(50)
  })

  it('provisioned-spillover: spillover to on-demand cold-starts, and provisioned capacity is billed', () => {
    const report = run('provisioned-spillover.json')
    expect(report.coldStarts).toBeGreaterThan(0)
    expect(report.maxConcurrency).toBeGreaterThan(20)
    expect(report.billing.usd.provisioned).toBeGreaterThan(0)
  })

  it('async-retries-dlq: failed events are retried, and some end in the DLQ', () => {
    const report = run('async-retries-dlq.json')
    expect(report.retries).toBeGreaterThan(0)
    expect(report.deadLettered).toBeGreaterThan(0)
    expect(report.throttles).toBe(0)
  })

  it('scaling: for this jump the current rate throttles less than the legacy burst', () => {
    const current = run('scaling-current.json')
    const legacy = run('scaling-legacy.json')
    expect(current.throttles).toBeGreaterThan(0)
    expect(legacy.throttles).toBeGreaterThan(0)
    expect(current.throttles).toBeLessThan(legacy.throttles)
  })

  it('prices: INIT billing costs more than before August 2025; 100 ms rounding costs more still', () => {
    const current = run('prices-current.json').billing.usd.compute
    const before = run('prices-2025-07.json').billing.usd.compute
    const old = run('prices-2020-11.json').billing.usd.compute
    expect(current).toBeGreaterThan(before)
    expect(old).toBeGreaterThan(before)
  })
})
