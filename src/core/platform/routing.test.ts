import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { createScriptedExecutor } from './scripted-executor'
import { decisions, spans, testFunction, testScenario } from './testing'

const big = { logCapacity: 10_000, explanationCapacity: 10_000 }

describe('routing requests to execution environments', () => {
  it('cold when none is idle, then warm on the most recently used idle environment', () => {
    // Given two requests at 0 (INIT 100 ms + 100 ms), then one at 1.0 s and one at 1.5 s,
    // with environments that live 1 s after their last invocation.
    const fn = testFunction('api', { idleLifetime: { kind: 'constant', ms: 1000 } })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 0, 1.0, 1.5, 3.6] }]),
      big,
    )
    sim.run()
    expect(decisions(sim)).toEqual([
      '0 cold: no idle environment (0 busy) → new environment #1',
      '0 cold: no idle environment (1 busy) → new environment #2',
      // #2 finished last at 200 ms, so it is the most recently used.
      '1000 warm: most recently used idle environment #2 (of 2 idle)',
      // #1 has been idle since 200 ms: reclaimed at exactly 200 + 1000.
      '1200 reclaimed environment #1: idle for 1 s',
      '1500 warm: most recently used idle environment #2 (of 1 idle)',
      '2600 reclaimed environment #2: idle for 1 s',
      '3600 cold: no idle environment (0 busy) → new environment #3',
      '4800 reclaimed environment #3: idle for 1 s',
    ])
    expect(spans(sim)).toEqual([
      '#1 cold 0→100→200 success',
      '#2 cold 0→100→200 success',
      '#2 warm 1000→1000→1100 success',
      '#2 warm 1500→1500→1600 success',
      '#3 cold 3600→3700→3800 success',
    ])
    const report = sim.report()
    expect(report.invocations).toBe(5)
    expect(report.coldStarts).toBe(3)
    expect(report.coldStartRatio).toBeCloseTo(0.6)
  })

  it('reclaims an idle environment at exactly its lifetime: a request 1 ms earlier is warm', () => {
    const fn = testFunction('api', { idleLifetime: { kind: 'constant', ms: 1000 } })
    // Released at 200 → due at 1200; 1.199 s is warm. Released at 1299 → due 2299; 2.299 s is cold.
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 1.199, 2.299] }]),
      big,
    )
    sim.run()
    expect(spans(sim)).toEqual([
      '#1 cold 0→100→200 success',
      '#1 warm 1199→1199→1299 success',
      '#2 cold 2299→2399→2499 success',
    ])
    expect(decisions(sim)).toContain('2299 reclaimed environment #1: idle for 1 s')
  })

  it('serves one invocation per environment at a time', () => {
    const fn = testFunction('api', { duration: { kind: 'constant', ms: 1000 } })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 0.5, 1.0, 1.2] }]),
      big,
    )
    sim.run()
    // #1 is busy until 1100 (INIT 100 + 1000), so 0.5 s and 1.0 s need new environments.
    expect(spans(sim)).toEqual([
      '#1 cold 0→100→1100 success',
      '#2 cold 500→600→1600 success',
      '#3 cold 1000→1100→2100 success',
      '#1 warm 1200→1200→2200 success',
    ])
    expect(sim.report().maxConcurrency).toBe(3)
  })

  it('discards an environment after a timeout: the next request is cold', () => {
    const fn = testFunction('api', { timeoutSeconds: 3, duration: { kind: 'constant', ms: 5000 } })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 10] }]), big)
    sim.run()
    expect(spans(sim)).toEqual(['#1 cold 0→100→3100 timeout', '#2 cold 10000→10100→13100 timeout'])
    expect(decisions(sim)).toContain('3100 discarded environment #1 after a timeout')
    const lines = sim.snapshot({ logLines: 8 }).logs.map((l) => l.line)
    expect(lines[2]).toMatch(
      /^REPORT RequestId: [0-9a-f-]{36}\tDuration: 3000\.00 ms\tBilled Duration: 3100 ms\tMemory Size: 1769 MB\tMax Memory Used: 64 MB\tInit Duration: 100\.00 ms\t$/,
    )
    expect(lines[3]).toMatch(
      /^2026-01-01T00:00:03\.100Z [0-9a-f-]{36} Task timed out after 3\.00 seconds$/,
    )
    expect(sim.report().errors).toBe(2)
  })

  it('scales CPU-bound durations with memory below one vCPU, not above', () => {
    const at = (memoryMB: number) => {
      const fn = testFunction('api', { memoryMB, duration: { kind: 'constant', ms: 100 } })
      const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0] }]), big)
      sim.run()
      return sim.report().durationMs.p50
    }
    expect(at(1769)).toBe(100)
    expect(at(3538)).toBe(100)
    expect(at(442)).toBeCloseTo(100 * (1769 / 442), 6)
  })

  it('adds the runtime bootstrap to the function INIT on cold starts (REPORT Init Duration)', () => {
    const fn = testFunction('api', { runtimeInitMs: 137, init: { kind: 'constant', ms: 63 } })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 1] }]), big)
    sim.run()
    expect(spans(sim)).toEqual(['#1 cold 0→200→300 success', '#1 warm 1000→1000→1100 success'])
    const reports = sim.snapshot({ logLines: 100 }).logs.filter((l) => l.line.startsWith('REPORT'))
    expect(reports[0]?.line).toContain('Init Duration: 200.00 ms')
    expect(reports[1]?.line).not.toContain('Init Duration')
  })

  it('fails a modeled invocation with probability errorRate (environment kept)', () => {
    const fn = testFunction('api', { errorRate: 0.3 })
    const seconds = Array.from({ length: 2000 }, (_, i) => i * 0.5)
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds }], { durationSeconds: 1000 }),
    )
    sim.run()
    const r = sim.report()
    // Binomial(2000, 0.3): sd ≈ 20.5, so ±5 sd is 0.3 ± 0.051.
    expect(r.errors / r.invocations).toBeGreaterThan(0.249)
    expect(r.errors / r.invocations).toBeLessThan(0.351)
    expect(r.coldStarts).toBe(1)
  })
  it('draws an idle lifetime per environment from a distribution, fixed for its life', () => {
    // Uniform 1–3 s: each environment keeps its own draw; a request finds it warm only within it.
    const fn = testFunction('api', { idleLifetime: { kind: 'uniform', minMs: 1000, maxMs: 3000 } })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 0, 0, 0, 0, 0, 0, 0] }]),
      big,
    )
    sim.run({ until: 10_000 })
    const idled = decisions(sim)
      .filter((d) => d.includes('reclaimed'))
      .map((d) => /^(\d+) reclaimed environment #(\d+): idle for ([\d.]+) s$/.exec(d))
    expect(idled).toHaveLength(8)
    const lifetimes = idled.map((m) => Number(m?.[3]))
    for (const s of lifetimes) expect(s).toBeGreaterThanOrEqual(1)
    for (const s of lifetimes) expect(s).toBeLessThanOrEqual(3)
    expect(new Set(lifetimes).size).toBeGreaterThan(1)
    // Each was reclaimed exactly its lifetime after it was released at 200 ms.
    for (const m of idled) expect(Number(m?.[1])).toBe(200 + Math.round(Number(m?.[3]) * 1000))
  })

  it('discards an environment whose runtime crashed: the next request is cold', () => {
    let calls = 0
    const executor = createScriptedExecutor(() =>
      calls++ === 0
        ? {
            steps: [
              {
                kind: 'error',
                cpuMs: 10,
                fatal: true,
                error: { errorType: 'Runtime.ExitError', errorMessage: 'exit status 1' },
              },
            ],
          }
        : { steps: [{ kind: 'done', cpuMs: 10, responseJson: '"ok"' }] },
    )
    const fn = testFunction('api', { code: 'x' })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 1] }]), {
      ...big,
      executor,
    })
    sim.run({ until: 2000 })
    expect(spans(sim)).toEqual(['#1 cold 0→50→60 crash', '#2 cold 1000→1050→1060 success'])
    expect(decisions(sim)).toContain('60 discarded environment #1 after the runtime crashed')
    expect(executor.disposed).toEqual([1])
    expect(sim.report()).toMatchObject({ errors: 1, coldStarts: 2 })
  })
})
