import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimulation } from './simulation'
import { testFunction, testScenario } from './platform/testing'
import type { DistributionSpec, FunctionSpec, Scenario } from './scenario/types'
import { parseScenario } from './scenario/validate'

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
    pricing: fc.record({
      model: fc.constantFrom('current' as const, '2025-07' as const, '2020-11' as const),
      freeTier: fc.boolean(),
    }),
  })
  .map((r) => {
    const reserved = r.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0)
    // Provisioned environments without a reservation must leave 100 unreserved (on demand).
    const shared = r.functions.reduce(
      (sum, f) => sum + (f.reservedConcurrency === null ? f.provisionedConcurrency : 0),
      0,
    )
    const scenario = testScenario(
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
          concurrencyLimit: 100 + reserved + shared,
          scalingModel: r.legacy ? 'legacy' : 'current',
          burst: 20,
        },
      },
    )
    return { ...scenario, pricing: r.pricing }
  })

describe('properties over random small scenarios', () => {
  it('concurrency never exceeds a limit, and every request ends in exactly one outcome', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const sim = createSimulation(scenario, { logCapacity: 0, explanationCapacity: 0 })
        const p = sim.platform
        const limit = scenario.account.concurrencyLimit
        const idleNow = () =>
          p.functions.reduce((n, fn) => n + fn.idleOnDemand.size + fn.idleProvisioned.size, 0)
        for (;;) {
          const busyBefore = p.total.busy.value
          const idleBefore = idleNow()
          if (!sim.step()) break
          for (const fn of p.functions) {
            if (fn.reserved !== null) {
              expect(fn.counters.busy.value).toBeLessThanOrEqual(fn.reserved)
              expect(fn.provisioned + fn.onDemandBusy).toBeLessThanOrEqual(fn.reserved)
            }
          }
          expect(p.concurrency.unreservedInUse).toBeLessThanOrEqual(p.concurrency.unreserved)
          expect(p.total.busy.value).toBeLessThanOrEqual(limit)
          // Legacy scaling: new environments only while the account's busy count is under the
          // burst (20 here) plus 500 per full minute; idle ones may still be reused above it.
          if (scenario.account.scalingModel === 'legacy') {
            const ceiling = scenario.account.burst + 500 * Math.floor(sim.now / 60_000)
            const bound = Math.max(busyBefore, ceiling) + idleBefore
            expect(p.total.busy.value).toBeLessThanOrEqual(bound)
          }
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

  it('the bill equals the sum of its parts, and REPORT lines show what the meter billed', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const sim = createSimulation(scenario, { logCapacity: 100_000, explanationCapacity: 0 })
        sim.run()
        const report = sim.report()
        const billedMs = new Map<string, number>()
        for (const { function: name, line } of sim.snapshot({ logLines: 1_000_000 }).logs) {
          const billed = /Billed Duration: (\d+) ms\tMemory Size: (\d+) MB/.exec(line)
          if (billed === null) continue
          const mbMs = Number(billed[1]) * Number(billed[2])
          billedMs.set(name, (billedMs.get(name) ?? 0) + mbMs)
        }
        const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9)
        const parts = Object.values(report.functions)
        for (const [name, f] of Object.entries(report.functions)) {
          // Every invocation that ran is one request, and its REPORT line's billed duration.
          expect(f.billing.requests).toBe(f.invocations)
          close(f.billing.gbSeconds, (billedMs.get(name) ?? 0) / 1_024_000)
        }
        for (const s of [report, ...parts]) {
          const usd = s.billing.usd
          close(usd.total, usd.requests + usd.compute + usd.provisioned)
        }
        for (const key of ['requests', 'compute', 'provisioned', 'total'] as const)
          close(
            report.billing.usd[key],
            parts.reduce((sum, f) => sum + f.billing.usd[key], 0),
          )
        close(
          report.billing.gbSeconds,
          parts.reduce((sum, f) => sum + f.billing.gbSeconds, 0),
        )
        expect(report.billing.requests).toBe(report.invocations)
      }),
      { numRuns: 40 },
    )
  })
  it('every scenario that validation accepts runs: validation and the platform agree on limits', () => {
    const fnJson = fc.record({
      reservedConcurrency: fc.option(fc.integer({ min: 0, max: 1200 }), { freq: 2 }),
      provisionedConcurrency: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1200 })),
    })
    const json = fc.record({
      concurrencyLimit: fc.integer({ min: 1, max: 1500 }),
      functions: fc.array(fnJson, { minLength: 1, maxLength: 3 }),
    })
    let accepted = 0
    fc.assert(
      fc.property(json, ({ concurrencyLimit, functions }) => {
        const result = parseScenario({
          version: 1,
          durationSeconds: 10,
          account: { concurrencyLimit },
          functions: functions.map((f, i) => ({ name: `f${i}`, ...f })),
          traffic: [{ function: 'f0', arrivals: { kind: 'constant', ratePerSecond: 1 } }],
        })
        if (!result.ok) {
          for (const e of result.errors) expect(e.path).toMatch(/^functions/)
          return
        }
        accepted++
        const sim = createSimulation(result.scenario, { logCapacity: 0, explanationCapacity: 0 })
        sim.run()
        expect(sim.report().invocations + sim.report().throttles).toBe(10)
      }),
      { numRuns: 200 },
    )
    expect(accepted).toBeGreaterThan(10)
  })
})
