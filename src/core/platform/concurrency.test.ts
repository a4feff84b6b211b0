import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { ReservedConcurrencyError, UnreservedProvisionedError } from './concurrency'
import { decisions, spans, testFunction, testScenario } from './testing'

const big = { logCapacity: 10_000, explanationCapacity: 10_000 }

describe('concurrency limits', () => {
  it('throttles past reserved concurrency (429) and frees the slot when an invocation ends', () => {
    // Given arrivals at 0, 0, 0 and 0.2 s with reserved concurrency 2 (each takes 200 ms cold).
    const fn = testFunction('api', { reservedConcurrency: 2 })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 0, 0, 0.2] }]),
      big,
    )
    sim.run()
    expect(decisions(sim).slice(0, 4)).toEqual([
      '0 cold: no idle environment (0 busy) → new environment #1',
      '0 cold: no idle environment (1 busy) → new environment #2',
      '0 throttled: reserved concurrency 2 was in use',
      // Completions at a ms come before arrivals at that ms: #2 finished last, so it serves.
      '200 warm: most recently used idle environment #2 (of 2 idle)',
    ])
    const r = sim.report()
    expect([r.invocations, r.throttles, r.maxConcurrency]).toEqual([3, 1, 2])
    expect(sim.snapshot().total).toMatchObject({ requests: 4, succeeded: 3, throttled: 1 })
  })

  it('reserved concurrency 0 stops the function: every request is throttled', () => {
    const fn = testFunction('api', { reservedConcurrency: 0 })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 1] }]), big)
    sim.run()
    expect(decisions(sim)).toEqual([
      '0 throttled: reserved concurrency is 0 (the function is stopped)',
      '1000 throttled: reserved concurrency is 0 (the function is stopped)',
    ])
    expect(sim.report().invocations).toBe(0)
  })

  it('shares the unreserved pool (account limit minus reservations) among the other functions', () => {
    // Account 102, "reserved" keeps 2 → the unreserved pool is 100, shared by a and b.
    const reserved = testFunction('reserved', { reservedConcurrency: 2 })
    const a = testFunction('a', { duration: { kind: 'constant', ms: 10_000 } })
    const b = testFunction('b', { duration: { kind: 'constant', ms: 10_000 } })
    const sim = createSimulation(
      testScenario(
        [reserved, a, b],
        [
          { function: 'a', seconds: Array(60).fill(0) },
          { function: 'b', seconds: Array(41).fill(0.001) },
          { function: 'reserved', seconds: [0.002, 0.002] },
        ],
        { account: { concurrencyLimit: 102 } },
      ),
      big,
    )
    sim.run({ until: 5 })
    const r = sim.report()
    expect(r.functions.a?.throttles).toBe(0)
    expect(r.functions.b?.throttles).toBe(1)
    expect(r.functions.reserved?.throttles).toBe(0)
    expect(decisions(sim)).toContain(
      "1 throttled: unreserved account concurrency 100 (of the account's 102) was in use",
    )
    expect(sim.snapshot().account).toMatchObject({ unreservedPool: 100, unreservedInUse: 100 })
  })

  it('refuses reservations that leave fewer than 100 unreserved', () => {
    const fn = testFunction('api', { reservedConcurrency: 950 })
    expect(() => createSimulation(testScenario([fn], []))).toThrow(ReservedConcurrencyError)
  })

  it('refuses provisioned concurrency without a reservation that leaves fewer than 100 unreserved', () => {
    // Account 1,000, nothing reserved: a and b may provision 900 together, not 901.
    const a = testFunction('a', { provisionedConcurrency: 450 })
    const fits = testFunction('b', { provisionedConcurrency: 450 })
    const over = testFunction('b', { provisionedConcurrency: 451 })
    expect(() => createSimulation(testScenario([a, fits], []))).not.toThrow()
    expect(() => createSimulation(testScenario([a, over], []))).toThrow(UnreservedProvisionedError)
    const sim = createSimulation(testScenario([a, fits], []))
    expect(() => sim.setConfig({ function: 'b', provisionedConcurrency: 451 })).toThrow(
      UnreservedProvisionedError,
    )
    expect(sim.snapshot().account).toMatchObject({ unreservedPool: 1000, unreservedInUse: 900 })
  })

  it('runs an account below 100 (new accounts may start lower) on demand up to its limit', () => {
    // Given a limit of 50 and 60 requests at once: 50 run, 10 are throttled by the account.
    const fn = testFunction('api', { duration: { kind: 'constant', ms: 1000 } })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: Array(60).fill(1) }], {
        account: { concurrencyLimit: 50 },
      }),
      big,
    )
    sim.run()
    expect(sim.report()).toMatchObject({ invocations: 50, throttles: 10, maxConcurrency: 50 })
    expect(decisions(sim)).toContain(
      "1000 throttled: unreserved account concurrency 50 (of the account's 50) was in use",
    )
  })
})

describe('provisioned concurrency', () => {
  it('is initialized ahead of traffic, warm from the first request, then spills over', () => {
    // Given 2 provisioned environments and 3 requests at 0.
    const fn = testFunction('api', { provisionedConcurrency: 2 })
    const sim = createSimulation(testScenario([fn], [{ function: 'api', seconds: [0, 0, 0] }]), big)
    expect(sim.snapshot().functions[0]?.environments.map((e) => [e.id, e.state])).toEqual([
      [1, 'idle'],
      [2, 'idle'],
    ])
    sim.run()
    expect(decisions(sim).slice(0, 4)).toEqual([
      '0 warm: provisioned environment #2',
      '0 warm: provisioned environment #1',
      '0 cold: no idle environment (2 busy) → new environment #3',
      '0 spillover: all 2 provisioned environments were busy → on-demand',
    ])
    expect(spans(sim)).toEqual([
      '#2 warm 0→0→100 success',
      '#1 warm 0→0→100 success',
      '#3 cold 0→100→200 success',
    ])
    const series = sim.snapshot().series.total.values
    expect(series.ProvisionedConcurrencySpilloverInvocations[0]).toBe(1)
  })

  it('is never reclaimed for idleness, unlike on-demand environments', () => {
    const fn = testFunction('api', {
      provisionedConcurrency: 1,
      idleLifetime: { kind: 'constant', ms: 1000 },
    })
    const sim = createSimulation(
      testScenario([fn], [{ function: 'api', seconds: [0, 0, 100] }]),
      big,
    )
    sim.run()
    expect(spans(sim)).toEqual([
      '#1 warm 0→0→100 success',
      '#2 cold 0→100→200 success',
      '#1 warm 100000→100000→100100 success',
    ])
    expect(decisions(sim)).toContain('1200 reclaimed environment #2: idle for 1 s')
    expect(decisions(sim).filter((d) => d.includes('reclaimed environment #1'))).toEqual([])
  })
})
