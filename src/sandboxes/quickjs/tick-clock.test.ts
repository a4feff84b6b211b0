import { afterEach, describe, expect, it } from 'vitest'
import { testFunction, testScenario } from '../../core/platform/testing'
import type { Scenario } from '../../core/scenario/types'
import { createSimulation } from '../../core/simulation'
import { deployed, disposeHosts, invoked, manualClock, response } from '../testing'
import { nodeWasmSource } from './load-quickjs-node'
import { createQuickJSExecutor } from './quickjs-executor'
import { runWithQuickJS } from './run-with-quickjs'
import { MS_PER_TICK } from './tick-calibration'

// Guest CPU time is counted from QuickJS's interrupt polls (guest-clock.ts): the same code takes
// the same virtual time on every run and machine. These traces check it end to end.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

/** A handler with some of everything: loops, calls, objects, strings, and a timer wait. */
const WORKER = `
const table = Array.from({ length: 200 }, (_, i) => ({ id: i, name: 'n' + i }))
export const handler = async (event) => {
  let text = ''
  for (let i = 0; i < (event.n ?? 3000); i++) text += table[i % 200].name.length
  const picked = table.filter((row) => row.id % 7 === 0).map((row) => ({ ...row, text: text.length }))
  await new Promise((resolve) => setTimeout(resolve, 20))
  return picked.length
}`

/** Durations of `count` invocations of one host (the first cold, the rest warm). */
async function durations(count: number, event: unknown = {}) {
  const clock = manualClock()
  const host = await deployed(WORKER, {}, 'javascript', clock.now)
  const records = []
  for (let i = 0; i < count; i++) {
    records.push(await invoked(host, event))
    clock.advance(1000)
  }
  return records.map((r) => ({ cold: r.cold, init: r.initDurationMs, duration: r.durationMs }))
}

describe('QuickJS durations from interrupt ticks, through the function host', () => {
  it('the same handler has the same Duration on every cold start and every warm invocation', async () => {
    const first = await durations(4)
    const second = await durations(4)
    // Two hosts, each with a cold start then three warm invocations: identical figures.
    expect(second).toEqual(first)
    const warm = first.slice(1).map((r) => r.duration)
    expect(new Set(warm).size).toBe(1)
    // The Duration is the 20 ms wait plus the counted CPU, not zero and not the wall clock.
    expect(first[0]?.duration).toBeGreaterThan(20)
    expect(first[0]?.init).toBeGreaterThan(0)
  })

  it('a busy loop of N iterations costs about twice the CPU of N / 2', async () => {
    const cpu = async (n: number) => ((await durations(1, { n }))[0]?.duration ?? 0) - 20
    const [half, whole] = [await cpu(100_000), await cpu(200_000)]
    expect(whole / half).toBeGreaterThan(1.9)
    expect(whole / half).toBeLessThan(2.1)
  })

  it('while (true) {} with a 1 s timeout ends at 1,000 ms, as a timeout', async () => {
    const host = await deployed('export const handler = async () => { while (true) {} }')
    const record = await invoked(host)
    expect([record.status, record.error?.errorType, record.environmentDiscarded]).toEqual([
      'failed',
      'Sandbox.Timedout',
      'timeout',
    ])
    expect(record.durationMs).toBeGreaterThan(999)
    expect(record.durationMs).toBeLessThanOrEqual(1000)
  })

  it('Date.now() advances inside a busy loop, so a loop until a moment ends there', async () => {
    const host = await deployed(`export const handler = async () => {
  const t0 = Date.now(), p0 = performance.now()
  for (let i = 0; i < 500000; i++) {}
  const mid = Date.now() - t0
  const end = Date.now() + 50
  while (Date.now() < end) {}
  return [mid, Date.now() - t0, performance.now() - p0]
}`)
    const record = await invoked(host)
    const [mid, total, perf] = response(record) as number[]
    // 500,000 iterations are 1,000,000 polls: 100 ticks of CPU on the guest's clock.
    expect(mid).toBeGreaterThanOrEqual(Math.floor(100 * MS_PER_TICK) - 1)
    expect(mid).toBeLessThanOrEqual(Math.ceil(100 * MS_PER_TICK) + 1)
    expect(total).toBeGreaterThanOrEqual(mid + 50)
    expect(perf).toBeGreaterThanOrEqual(mid + 50)
    expect(record.durationMs).toBeGreaterThanOrEqual(total)
    expect(record.durationMs).toBeLessThan(total + 2)
  })
})

describe('QuickJS durations from interrupt ticks, through the core', () => {
  const scenario = (): Scenario =>
    testScenario(
      [testFunction('api', { code: WORKER, timeoutSeconds: 3, memoryMB: 256 })],
      [{ function: 'api', seconds: [0, 0, 1, 2, 2, 2, 5, 9] }],
    )

  async function simulate() {
    const s = scenario()
    const executor = await createQuickJSExecutor(nodeWasmSource, { functions: s.functions })
    const sim = createSimulation(s, { executor, logCapacity: 1000 })
    await runWithQuickJS(sim, executor)
    const snapshot = sim.snapshot({ spans: 1000, logLines: 1000 })
    const spans = snapshot.spans.map((span) => [span.environmentId, span.runStart, span.end])
    return { report: sim.report(), spans }
  }

  it('two runs of the same scenario give identical reports, billing and span times included', async () => {
    const first = await simulate()
    const second = await simulate()
    expect(second.report).toEqual(first.report)
    expect(second.spans).toEqual(first.spans)
    expect(first.report.invocations).toBe(8)
    expect(first.report.billing.gbSeconds).toBeGreaterThan(0)
  })
})
