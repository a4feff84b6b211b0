import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimulation } from './simulation'
import { testFunction, testScenario } from './platform/testing'
import type { DistributionSpec, FunctionSpec, Scenario } from './scenario/types'

const distribution: fc.Arbitrary<DistributionSpec> = fc.oneof(
  fc.integer({ min: 0, max: 4000 }).map((ms) => ({ kind: 'constant' as const, ms })),
  fc.integer({ min: 1, max: 2000 }).map((meanMs) => ({ kind: 'exponential' as const, meanMs })),
  fc
    .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 3000 }))
    .map(([minMs, width]) => ({ kind: 'uniform' as const, minMs, maxMs: minMs + width })),
)

const fnArb = (name: string): fc.Arbitrary<FunctionSpec> =>
  fc
    .record({
      reserved: fc.option(fc.integer({ min: 0, max: 6 })),
      provisioned: fc.integer({ min: 0, max: 3 }),
      duration: distribution,
      lifetimeMs: fc.integer({ min: 0, max: 30_000 }),
      errorRate: fc.double({ min: 0, max: 0.6, noNaN: true }),
      timeoutSeconds: fc.integer({ min: 1, max: 3 }),
      retries: fc.integer({ min: 0, max: 2 }),
      maxAge: fc.integer({ min: 60, max: 400 }),
      target: fc.constantFrom(null, 'dlq', 'destination'),
    })
    .map((r) =>
      testFunction(name, {
        reservedConcurrency: r.reserved,
        provisionedConcurrency:
          r.reserved === null ? r.provisioned : Math.min(r.provisioned, r.reserved),
        duration: r.duration,
        idleLifetime: { kind: 'constant', ms: r.lifetimeMs },
        errorRate: r.errorRate,
        timeoutSeconds: r.timeoutSeconds,
        maximumRetryAttempts: r.retries,
        maximumEventAgeSeconds: r.maxAge,
        onFailure:
          r.target === null
            ? null
            : { kind: r.target === 'dlq' ? 'dlq' : 'destination', target: 't' },
      }),
    )

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    functions: fc.tuple(fnArb('a'), fnArb('b')),
    traffic: fc.array(
      fc.record({
        function: fc.constantFrom('a', 'b'),
        type: fc.constantFrom('RequestResponse' as const, 'Event' as const),
        // Bursts up to 130 at one instant push past the unreserved pool of 100.
        seconds: fc.array(
          fc.integer({ min: 0, max: 60_000 }).map((ms) => ms / 1000),
          { maxLength: 60 },
        ),
        burst: fc.integer({ min: 1, max: 130 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    legacy: fc.boolean(),
  })
  .map((r) => {
    const reserved = r.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0)
    return testScenario(
      [...r.functions],
      r.traffic.map((t) => ({
        function: t.function,
        type: t.type,
        seconds: [...t.seconds, ...Array<number>(t.burst).fill(t.seconds[0] ?? 1)],
      })),
      {
        seed: r.seed,
        durationSeconds: 120,
        account: {
          concurrencyLimit: 100 + reserved,
          scalingModel: r.legacy ? 'legacy' : 'current',
          burst: 20,
        },
      },
    )
  })

describe('properties over random small scenarios', () => {
  it('concurrency never exceeds a limit, and every request ends in exactly one outcome', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const sim = createSimulation(scenario, { logCapacity: 0, explanationCapacity: 0 })
        const p = sim.platform
        const limit = scenario.account.concurrencyLimit
        while (sim.step()) {
          for (const fn of p.functions) {
            if (fn.reserved !== null) {
              expect(fn.counters.busy.value).toBeLessThanOrEqual(fn.reserved)
              expect(fn.provisioned + fn.onDemandBusy).toBeLessThanOrEqual(fn.reserved)
            }
          }
          expect(p.concurrency.unreservedInUse).toBeLessThanOrEqual(p.concurrency.unreserved)
          expect(p.total.busy.value).toBeLessThanOrEqual(limit)
        }
        expect(sim.invoker.inQueue).toBe(0)
        for (const c of [...p.functions.map((f) => f.counters), p.total]) {
          const ended =
            c.requestsSucceeded +
            c.requestsFailed +
            c.requestsThrottled +
            c.deadLettered +
            c.dropped
          expect(ended).toBe(c.requests)
          expect(c.busy.value).toBe(0)
        }
        const arrivals = scenario.traffic.reduce(
          (n, t) => n + (t.arrivals.kind === 'list' ? t.arrivals.seconds.length : 0),
          0,
        )
        expect(p.total.requests).toBe(arrivals)
      }),
      { numRuns: 60 },
    )
  })

  it('the same seed gives an identical report', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const once = () => {
          const sim = createSimulation(scenario, { logCapacity: 0, explanationCapacity: 0 })
          sim.run()
          return JSON.stringify(sim.report())
        }
        expect(once()).toBe(once())
      }),
      { numRuns: 40 },
    )
  })
})
