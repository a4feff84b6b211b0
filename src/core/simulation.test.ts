import { describe, expect, it } from 'vitest'
import { createSimulation } from './simulation'
import { ConfigError } from './simulation-config'
import { ReservedConcurrencyError } from './platform/concurrency'
import { createScriptedExecutor } from './platform/scripted-executor'
import { decisions, spans, testFunction, testScenario } from './platform/testing'
import type { Scenario } from './scenario/types'

const big = { logCapacity: 10_000, explanationCapacity: 10_000 }

function poissonScenario(seed: number): Scenario {
  const s = testScenario(
    [testFunction('api', { errorRate: 0.05, duration: { kind: 'exponential', meanMs: 80 } })],
    [],
    {
      seed,
      durationSeconds: 120,
    },
  )
  s.traffic = [
    {
      function: 'api',
      invocationType: 'RequestResponse',
      arrivals: { kind: 'poisson', ratePerSecond: 20 },
      payloadBytes: 1,
    },
    {
      function: 'api',
      invocationType: 'Event',
      arrivals: { kind: 'poisson', ratePerSecond: 5 },
      payloadBytes: 1,
    },
  ]
  return s
}

describe('setConfig mid-run', () => {
  it('applies reserved concurrency from the current virtual time', () => {
    const fn = testFunction('api')
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 0, 5, 5] }]),
      big,
    )
    sim.run({ until: 1000 })
    sim.setConfig({ function: 'api', reservedConcurrency: 1 })
    sim.run()
    expect(sim.report()).toMatchObject({ invocations: 3, throttles: 1 })
    expect(decisions(sim)).toContain('5000 throttled: reserved concurrency 1 was in use')
  })

  it('adds provisioned environments that initialize before serving; spillover meanwhile', () => {
    const fn = testFunction('api', { idleLifetime: { kind: 'constant', ms: 10 } })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [10.05, 10.2] }]),
      big,
    )
    sim.run({ until: 10_000 })
    sim.setConfig({ function: 'api', provisionedConcurrency: 2 })
    expect(sim.snapshot().functions[0]?.environments.map((e) => e.state)).toEqual([
      'initializing',
      'initializing',
    ])
    sim.run()
    expect(decisions(sim).slice(0, 5)).toEqual([
      '10050 cold: no idle environment (0 busy) → new environment #3',
      '10050 spillover: all 2 provisioned environments were busy → on-demand',
      '10100 provisioned environment #1 initialized ahead of traffic',
      '10100 provisioned environment #2 initialized ahead of traffic',
      '10200 warm: provisioned environment #2',
    ])
  })

  it('sends requests after a memory change to new environments, with the new CPU share', () => {
    const fn = testFunction('api')
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 10] }]), big)
    sim.run({ until: 5000 })
    sim.setConfig({ function: 'api', memoryMB: 884 })
    sim.run()
    const [first, second] = sim.snapshot({ spans: 10 }).spans
    expect([first?.environmentId, second?.environmentId, second?.cold]).toEqual([1, 2, true])
    // 884 MB is 884/1769 of a vCPU: 100 ms of CPU take 200.11 ms.
    expect(second!.end - second!.runStart).toBeCloseTo((100 * 1769) / 884, 9)
    expect(decisions(sim)).toContain('5000 retired environment #1 after a configuration change')
  })

  it('bills provisioned concurrency for the time it was configured', () => {
    const fn = testFunction('api', { provisionedConcurrency: 1 })
    const full = createSimulation(testScenario([fn], []))
    full.run()
    const changed = createSimulation(testScenario([fn], []))
    changed.run({ until: 600_000 })
    changed.setConfig({ function: 'api', provisionedConcurrency: 0 })
    changed.run()
    const a = full.report().billing.usd.provisioned
    const b = changed.report().billing.usd.provisioned
    expect(a).toBeGreaterThan(0)
    expect(b / a).toBeCloseTo(1 / 6, 6)
  })

  it('rejects invalid changes and leaves the configuration as it was', () => {
    const sim = createSimulation(testScenario([testFunction('api')], []))
    expect(() => sim.setConfig({ function: 'api', reservedConcurrency: 950 })).toThrow(
      ReservedConcurrencyError,
    )
    expect(() => sim.setConfig({ function: 'api', memoryMB: 64 })).toThrow(ConfigError)
    expect(() => sim.setConfig({ function: 'nope', memoryMB: 256 })).toThrow(ConfigError)
    expect(sim.snapshot().functions[0]).toMatchObject({ reservedConcurrency: null, memoryMB: 1769 })
    sim.setConfig({ account: { concurrencyLimit: 2000, scalingModel: 'legacy', burst: 500 } })
    expect(sim.snapshot().account).toMatchObject({ concurrencyLimit: 2000, scalingModel: 'legacy' })
  })
})

describe('snapshots and subscriptions', () => {
  it('a snapshot is plain JSON-serializable data', () => {
    const sim = createSimulation(poissonScenario(3), big)
    sim.run({ until: 30_000 })
    const snapshot = sim.snapshot()
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
    expect(snapshot.logs.length).toBeGreaterThan(0)
    expect(snapshot.functions[0]?.environments.length).toBeGreaterThan(0)
    expect(snapshot.cost.usd.total).toBeGreaterThan(0)
  })

  it('flush hands each subscriber one snapshot per frame, only after the run moved', () => {
    const sim = createSimulation(poissonScenario(3))
    const frames: number[] = []
    const off = sim.subscribe((s) => frames.push(s.now))
    sim.run({ until: 16 })
    sim.flush()
    sim.flush()
    sim.run({ until: 32 })
    sim.flush()
    off()
    sim.run({ until: 48 })
    sim.flush()
    expect(frames).toEqual([16, 32])
  })
})

describe('determinism', () => {
  it('the same seed gives the same run, event for event; another seed another run', () => {
    const trace = (seed: number) => {
      const sim = createSimulation(poissonScenario(seed), big)
      sim.run()
      return { decisions: decisions(sim), spans: spans(sim), report: sim.report() }
    }
    const a = trace(7)
    expect(trace(7)).toEqual(a)
    expect(a.spans.length).toBeGreaterThan(1000)
    expect(trace(8).spans).not.toEqual(a.spans)
  })

  it('fills every field of the report, per function and in total', () => {
    const sim = createSimulation(poissonScenario(1))
    sim.run()
    const r = sim.report()
    expect(r.seed).toBe(1)
    expect(r.invocations).toBeGreaterThan(2500)
    expect(r.functions.api?.invocations).toBe(r.invocations)
    expect(r.durationMs.p50).toBeGreaterThan(40)
    expect(r.durationMs.p99).toBeGreaterThan(r.durationMs.p90)
    expect(r.avgBusy).toBeGreaterThan(0)
    expect(r.avgInstances).toBeGreaterThanOrEqual(r.avgBusy)
    expect(r.retries).toBeGreaterThan(0)
    expect(r.billing.requests).toBe(r.invocations)
    expect(r.billing.usd.total).toBeCloseTo(
      r.billing.usd.requests + r.billing.usd.compute + r.billing.usd.provisioned,
      9,
    )
  })
})

describe('real code through the executor port', () => {
  it('runs an invocation as a coroutine: CPU slices scaled by memory plus virtual waits', () => {
    const executor = createScriptedExecutor(() => ({
      steps: [
        { kind: 'wait', cpuMs: 5, wait: { kind: 'timer', ms: 200 } },
        {
          kind: 'wait',
          cpuMs: 5,
          wait: { kind: 'call', service: 's3', operation: 'putObject', requestJson: '{}' },
        },
        { kind: 'done', cpuMs: 10, responseJson: '"ok"', logs: ['hello'] },
      ],
    }))
    const calledAt: number[] = []
    const services = {
      call: () => {
        calledAt.push(sim.now)
        return callResult
      },
    }
    const callResult = {
      latencyMs: 30,
      result: { kind: 'call' as const, ok: true as const, responseJson: '{"ETag":"x"}' },
    }
    // 884.5 MB = half a vCPU: CPU slices take twice as long.
    const fn = testFunction('api', {
      memoryMB: 885,
      code: 'export const handler = async () => "ok"',
    })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 1] }]), {
      ...big,
      executor,
      services,
    })
    sim.run()
    // INIT 50 ms CPU (unscaled); run: 10 + 200 + 10 + 30 + 20 ≈ 270 ms.
    const [cold, warm] = sim.snapshot({ spans: 10 }).spans
    expect(cold).toMatchObject({ initStart: 0, runStart: 50, cold: true, outcome: 'success' })
    expect(cold!.end - cold!.runStart).toBeCloseTo(270, 0)
    expect(warm).toMatchObject({ cold: false, outcome: 'success' })
    expect(executor.inits).toEqual([1])
    // The upload happens when the handler makes it: INIT 50 + CPU 10 + timer 200 + CPU 10 (≈ 270).
    expect(calledAt[0]).toBe(270)
    const seen = [...executor.results.values()][0]
    expect(seen).toEqual([
      undefined,
      { kind: 'timer' },
      { kind: 'call', ok: true, responseJson: '{"ETag":"x"}' },
    ])
    expect(sim.snapshot({ logLines: 100 }).logs.map((l) => l.line)).toContain('hello')
  })

  it('a failed INIT fails the invocation and resets the environment: the next one re-initializes', () => {
    let inits = 0
    const executor = createScriptedExecutor(
      () => ({ steps: [{ kind: 'done', cpuMs: 1, responseJson: '1' }] }),
      () =>
        inits++ === 0
          ? {
              kind: 'error',
              cpuMs: 20,
              error: { errorType: 'Runtime.ImportModuleError', errorMessage: 'x' },
            }
          : { kind: 'done', cpuMs: 20, responseJson: 'null' },
    )
    const fn = testFunction('api', { code: 'x' })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 1] }]), {
      ...big,
      executor,
    })
    sim.run()
    expect(spans(sim)).toEqual(['#1 cold 0→20→20 crash', '#2 cold 1000→1020→1021 success'])
    // #1 at once; #2 ten idle minutes after its invocation.
    expect(executor.disposed).toEqual([1, 2])
    expect(sim.report()).toMatchObject({ errors: 1, coldStarts: 2 })
  })

  it('cuts real code at the timeout, aborts it and discards the environment', () => {
    const executor = createScriptedExecutor(() => ({
      steps: [{ kind: 'wait', cpuMs: 1, wait: { kind: 'timer', ms: 5000 } }],
    }))
    const fn = testFunction('api', { timeoutSeconds: 3, code: 'x' })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0] }]), {
      ...big,
      executor,
    })
    sim.run()
    expect(spans(sim)).toEqual(['#1 cold 0→50→3050 timeout'])
    expect(executor.aborted.length).toBe(1)
    expect(executor.disposed).toEqual([1])
  })
  it('a handler whose CPU runs past the timeout times out, even if it then returns or throws', () => {
    // 5 s of CPU at 1,769 MB against a 3 s timeout: Lambda cuts it at 3 s, it never returns.
    const executor = createScriptedExecutor(() => ({
      steps: [{ kind: 'done', cpuMs: 5000, responseJson: '"late"' }],
    }))
    const thrower = createScriptedExecutor(() => ({
      steps: [{ kind: 'error', cpuMs: 5000, error: { errorType: 'Error', errorMessage: 'late' } }],
    }))
    for (const ex of [executor, thrower]) {
      const fn = testFunction('api', { timeoutSeconds: 3, code: 'x' })
      const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0] }]), {
        ...big,
        executor: ex,
      })
      sim.run()
      expect(spans(sim)).toEqual(['#1 cold 0→50→3050 timeout'])
      expect(ex.disposed).toEqual([1])
      expect(sim.report()).toMatchObject({ errors: 1, durationMs: { p99: 3000 } })
    }
  })
})
