import { describe, expect, it } from 'vitest'
import { testFunction, testScenario } from '../../core/platform/testing'
import type { FunctionSpec, Scenario } from '../../core/scenario/types'
import { createSimulation, DEFAULT_EPOCH_MS } from '../../core/simulation'
import { nodeWasmSource } from './load-quickjs-node'
import { createQuickJSExecutor, SandboxPoolEmptyError } from './quickjs-executor'
import { runWithQuickJS } from './run-with-quickjs'

const COUNTER = `
let count = 0
export const handler = async (event) => {
  count++
  const started = Date.now()
  await new Promise((resolve) => setTimeout(resolve, 200))
  console.log('count', count, 'waited', Date.now() - started, 'at', Date.now())
  return { count }
}`

const HOG = `
const kept = []
export const handler = async () => { for (;;) kept.push(new ArrayBuffer(1 << 20)) }`

/** A real-code function at one vCPU (CPU unscaled), 3 s timeout. */
function realFunction(code: string, over: Partial<FunctionSpec> = {}): FunctionSpec {
  return testFunction('api', { code, timeoutSeconds: 3, ...over })
}

async function simulate(scenario: Scenario) {
  const executor = await createQuickJSExecutor(nodeWasmSource, { functions: scenario.functions })
  const sim = createSimulation(scenario, { executor, logCapacity: 1000 })
  await runWithQuickJS(sim, executor)
  const snapshot = sim.snapshot({ spans: 1000, logLines: 1000 })
  const lines = snapshot.logs.map((l) => l.line)
  return { sim, executor, snapshot, lines, report: sim.report() }
}

/** The application lines' messages (the part after `<time>\t<request id>\tINFO\t`). */
function messages(lines: string[]): string[] {
  return lines.filter((l) => l.split('\t').length === 4).map((l) => l.split('\t')[3] ?? '')
}

describe('the QuickJS executor behind the core', () => {
  it('runs INIT once per environment; warm invocations share module state; timers cost virtual time', async () => {
    const scenario = testScenario(
      [realFunction(COUNTER)],
      [{ function: 'api', seconds: [0, 5, 10] }],
    )
    const { executor, snapshot, lines, report } = await simulate(scenario)
    // Given three requests 5 s apart: one cold start, then two warm ones on the same environment.
    expect(report.coldStarts).toBe(1)
    expect(executor.stats.created).toBe(1)
    expect(
      snapshot.spans.map((s) => `#${s.environmentId} ${s.cold ? 'cold' : 'warm'} ${s.outcome}`),
    ).toEqual(['#1 cold success', '#1 warm success', '#1 warm success'])
    // The module counter advances; each handler saw its 200 ms wait on the guest clock, and the
    // invocation's Duration holds the wait (timestamps are whole ms, hence the 1 ms of slack).
    const seen = messages(lines).map((m) => m.split(' '))
    expect(seen.map((m) => `${m[0]} ${m[1]}`)).toEqual(['count 1', 'count 2', 'count 3'])
    snapshot.spans.forEach((span, i) => {
      const waited = Number(seen[i]?.[3])
      expect(waited).toBeGreaterThanOrEqual(200)
      expect(span.end - span.runStart + 1).toBeGreaterThanOrEqual(waited)
      // Not the seconds between requests: only the wait and a little CPU.
      expect(span.end - span.runStart).toBeLessThan(1000)
    })
  })

  it("shows the simulation's time to the guest: Date.now() is the core's epoch + virtual now", async () => {
    const scenario = testScenario([realFunction(COUNTER)], [{ function: 'api', seconds: [7] }])
    const { snapshot, lines } = await simulate(scenario)
    const at = Number(messages(lines)[0]?.split(' ')[5])
    const span = snapshot.spans[0]!
    // The log was written after the wait, at the end of the span, in virtual time (the core
    // resumes at whole milliseconds, so the guest may be up to 1 ms past the span's exact end).
    expect(at).toBeGreaterThanOrEqual(DEFAULT_EPOCH_MS + span.runStart + 200)
    expect(at).toBeLessThanOrEqual(DEFAULT_EPOCH_MS + span.end + 1)
  })

  it('interleaves two concurrent invocations on two environments in virtual time', async () => {
    const code = `
export const handler = async (event) => {
  console.log('start', Date.now())
  await new Promise((resolve) => setTimeout(resolve, 300))
  console.log('end', Date.now())
  return 'ok'
}`
    const scenario = testScenario([realFunction(code)], [{ function: 'api', seconds: [0, 0.1] }])
    const { report, lines } = await simulate(scenario)
    expect(report.coldStarts).toBe(2)
    // Both started before either ended: the second ran while the first was waiting.
    const events = messages(lines)
      .map((m) => m.split(' '))
      .map(([what, at]) => ({ what, at: Number(at) }))
      .sort((a, b) => a.at - b.at)
      .map((e) => e.what)
    expect(events).toEqual(['start', 'start', 'end', 'end'])
  })

  it('a busy loop past a 1 s timeout times out and discards the environment', async () => {
    const code = `export const handler = async () => { while (true) {} }`
    // 128 MB: the guest gets 128/1,769 of a vCPU, so 1 s of Duration is about 72 ms of CPU.
    const fn = realFunction(code, { timeoutSeconds: 1, memoryMB: 128 })
    const scenario = testScenario([fn], [{ function: 'api', seconds: [0, 5] }])
    const { executor, snapshot, report } = await simulate(scenario)
    expect(
      snapshot.spans.map((s) => `#${s.environmentId} ${s.cold ? 'cold' : 'warm'} ${s.outcome}`),
    ).toEqual(['#1 cold timeout', '#2 cold timeout'])
    expect(snapshot.spans[0]!.end - snapshot.spans[0]!.runStart).toBe(1000)
    expect(report.coldStarts).toBe(2)
    expect(executor.stats).toMatchObject({ created: 2, disposed: 2, alive: 0 })
  })

  it('a syntax error fails INIT: the invocation fails and the next request starts cold again', async () => {
    const code = `export const handler = async () => { return 1 +* 2 }`
    const scenario = testScenario([realFunction(code)], [{ function: 'api', seconds: [0, 5] }])
    const { executor, snapshot, lines, report } = await simulate(scenario)
    expect(report.coldStarts).toBe(2)
    expect(snapshot.spans.every((s) => s.outcome !== 'success')).toBe(true)
    expect(executor.stats).toMatchObject({ created: 2, alive: 0 })
    expect(lines.join('\n')).toContain('Runtime.UserCodeSyntaxError')
  })

  it('an allocation past the memory size crashes the invocation and discards the environment', async () => {
    const fn = realFunction(HOG, { memoryMB: 128, timeoutSeconds: 60 })
    const scenario = testScenario([fn], [{ function: 'api', seconds: [0] }])
    const { executor, snapshot } = await simulate(scenario)
    expect(snapshot.spans.map((s) => s.outcome)).toEqual(['crash'])
    expect(executor.stats).toMatchObject({ created: 1, disposed: 1, alive: 0 })
  })

  it('runs INIT in a provisioned environment on its first invocation (the core models its time)', async () => {
    const fn = realFunction(COUNTER, { provisionedConcurrency: 1 })
    const scenario = testScenario([fn], [{ function: 'api', seconds: [30, 35] }])
    const { executor, snapshot, lines } = await simulate(scenario)
    expect(
      snapshot.spans.map((s) => `#${s.environmentId} ${s.cold ? 'cold' : 'warm'} ${s.outcome}`),
    ).toEqual(['#1 warm success', '#1 warm success'])
    expect(messages(lines).map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual([
      'count 1',
      'count 2',
    ])
    expect(executor.stats).toMatchObject({ created: 1, alive: 1 })
  })

  it('repeats its counts for the same seed', async () => {
    const fn = realFunction(COUNTER)
    const scenario = testScenario(
      [fn],
      [{ function: 'api', seconds: [0, 0.05, 0.1, 2, 2.05, 9] }],
      {
        seed: 7,
      },
    )
    const runs = await Promise.all([simulate(scenario), simulate(scenario)])
    const counts = runs.map(({ report }) => [
      report.invocations,
      report.coldStarts,
      report.errors,
      report.throttles,
    ])
    expect(counts[0]).toEqual(counts[1])
    expect(runs[0]!.report.coldStarts).toBe(3)
  })
})

describe('the QuickJS executor through the port, step by step', () => {
  async function ready(fn: FunctionSpec) {
    const executor = await createQuickJSExecutor(nodeWasmSource, { functions: [fn] })
    let now = 0
    executor.attachClock({ epochMs: DEFAULT_EPOCH_MS, now: () => now })
    const ref = { functionName: fn.name, environmentId: 1, memoryMB: fn.memoryMB }
    const setNow = (ms: number) => (now = ms)
    return { executor, ref, setNow }
  }

  it('yields a timer wait with the CPU used so far, and finishes when resumed after it', async () => {
    const { executor, ref, setNow } = await ready(realFunction(COUNTER))
    expect(executor.init(ref, COUNTER)).toMatchObject({ kind: 'done' })
    const run = executor.invoke(ref, { requestId: 'r1', eventJson: '{}', deadlineMs: 3000 })
    const first = run.resume()
    expect(first).toMatchObject({ kind: 'wait', wait: { kind: 'timer' } })
    if (first.kind !== 'wait' || first.wait.kind !== 'timer') return
    // The timer was set during the slice: what is left of its 200 ms after the slice's CPU.
    expect(first.wait.ms).toBeLessThanOrEqual(200)
    expect(first.cpuMs + first.wait.ms).toBeGreaterThanOrEqual(199)
    // The core resumes it at the whole millisecond after the wait, as the platform does.
    setNow(Math.ceil(first.cpuMs + first.wait.ms))
    const last = run.resume({ kind: 'timer' })
    expect(last).toMatchObject({ kind: 'done', responseJson: '{"count":1}' })
    const waited = Number(/count 1 waited (\d+)/.exec(last.logs?.[0] ?? '')?.[1])
    expect(waited).toBeGreaterThanOrEqual(200)
  })

  it('reports an out-of-memory as a fatal Runtime.OutOfMemory error', async () => {
    const fn = realFunction(HOG, { memoryMB: 128, timeoutSeconds: 60 })
    const { executor, ref } = await ready(fn)
    executor.init(ref, HOG)
    const step = executor
      .invoke(ref, { requestId: 'r1', eventJson: '{}', deadlineMs: 60_000 })
      .resume()
    expect(step).toMatchObject({
      kind: 'error',
      fatal: true,
      error: { errorType: 'Runtime.OutOfMemory' },
    })
  })

  it('creates environments synchronously from a pool that a driver refills between events', async () => {
    const fn = realFunction(COUNTER)
    const executor = await createQuickJSExecutor(nodeWasmSource, { functions: [fn], spares: 1 })
    const ref = (id: number) => ({ functionName: 'api', environmentId: id, memoryMB: fn.memoryMB })
    expect(executor.init(ref(1), COUNTER)).toMatchObject({ kind: 'done' })
    expect(executor.needsRefill).toBe(true)
    expect(() => executor.init(ref(2), COUNTER)).toThrow(SandboxPoolEmptyError)
    await executor.refill()
    expect(executor.init(ref(2), COUNTER)).toMatchObject({ kind: 'done' })
    executor.dispose(1)
    expect(executor.stats).toEqual({ created: 2, disposed: 1, alive: 1 })
  })
})
