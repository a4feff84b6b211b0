import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RuntimeInitMs } from './defaults'
import { migrateScenario } from './migrate'
import { serializeScenario } from './serialize'
import type { Scenario, ScenarioError } from './types'
import { formatScenarioError, parseScenario } from './validate'

/** The example of issue #3, verbatim except the placeholder code. */
const issueExample = {
  version: 1,
  seed: 42,
  durationSeconds: 3600,
  account: { concurrencyLimit: 1000, scalingModel: 'current' },
  pricing: { model: 'current', freeTier: true },
  functions: [
    {
      name: 'api',
      runtime: 'nodejs22.x',
      memoryMB: 512,
      timeoutSeconds: 3,
      architecture: 'x86_64',
      reservedConcurrency: null,
      provisionedConcurrency: 0,
      idleLifetimeSeconds: 600,
      duration: { kind: 'constant', ms: 120 },
      init: { kind: 'constant', ms: 200 },
      maximumRetryAttempts: 2,
      maximumEventAgeSeconds: 21600,
    },
  ],
  traffic: [
    {
      function: 'api',
      invocationType: 'RequestResponse',
      arrivals: { kind: 'poisson', ratePerSecond: 0.9 },
    },
    {
      function: 'api',
      invocationType: 'Event',
      arrivals: { kind: 'constant', ratePerSecond: 10, startSecond: 0, endSecond: 60 },
    },
  ],
}

function parsed(json: unknown): Scenario {
  const result = parseScenario(json)
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'))
  return result.scenario
}

function errorsOf(json: unknown): ScenarioError[] {
  const result = parseScenario(json)
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.errors
}

/** A one-function scenario with `patch` applied to the function. */
function withFunction(patch: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { version: 1, functions: [{ name: 'api', ...patch }], ...extra }
}

describe('parseScenario: valid scenarios and defaults', () => {
  it('accepts the issue example and fills in every default', () => {
    const scenario = parsed(issueExample)
    const fn = scenario.functions[0]!
    expect(fn).toMatchObject({
      name: 'api',
      handler: 'index.handler',
      memoryMB: 512,
      idleLifetime: { kind: 'constant', ms: 600_000 },
      runtimeInitMs: 137,
      ephemeralStorageMB: 512,
      errorRate: 0,
      code: null,
      onFailure: null,
    })
    expect(scenario.account).toEqual({
      concurrencyLimit: 1000,
      scalingModel: 'current',
      burst: 3000,
    })
    expect(scenario.traffic[1]).toMatchObject({ invocationType: 'Event', payloadBytes: 1024 })
  })

  it('gives a minimal scenario the defaults of types.ts and docs/scenario.md', () => {
    const scenario = parsed({ version: 1, functions: [{ name: 'api', architecture: 'arm64' }] })
    expect(scenario).toMatchObject({ seed: 1, durationSeconds: 3600, traffic: [] })
    expect(scenario.pricing).toEqual({ model: 'current', freeTier: true })
    expect(scenario.functions[0]).toMatchObject({
      runtime: 'nodejs22.x',
      memoryMB: 128,
      timeoutSeconds: 3,
      reservedConcurrency: null,
      provisionedConcurrency: 0,
      duration: { kind: 'constant', ms: 100 },
      init: { kind: 'constant', ms: 0 },
      runtimeInitMs: RuntimeInitMs['nodejs22.x'].arm64,
      maximumRetryAttempts: 2,
      maximumEventAgeSeconds: 21_600,
    })
  })

  it('accepts an idle lifetime distribution, every arrival kind and an on-failure target', () => {
    const scenario = parsed({
      version: 1,
      description: 'all kinds',
      functions: [
        {
          name: 'worker',
          idleLifetime: { kind: 'uniform', minMs: 300_000, maxMs: 420_000 },
          onFailure: { kind: 'dlq', target: 'orders-dlq' },
          runtimeInitMs: 0,
        },
      ],
      traffic: [
        { function: 'worker', arrivals: { kind: 'list', seconds: [0, 1.5] } },
        {
          function: 'worker',
          arrivals: { kind: 'step', steps: [{ atSecond: 0, ratePerSecond: 1 }] },
        },
        {
          function: 'worker',
          arrivals: {
            kind: 'spike',
            baseRatePerSecond: 1,
            spikeRatePerSecond: 50,
            spikeStartSecond: 60,
            spikeDurationSeconds: 30,
          },
        },
        { function: 'worker', arrivals: { kind: 'diurnal', meanRatePerSecond: 5, amplitude: 0.5 } },
        { function: 'worker', arrivals: { kind: 'burst', atSecond: 10, count: 100 } },
      ],
    })
    expect(scenario.description).toBe('all kinds')
    expect(scenario.functions[0]?.runtimeInitMs).toBe(0)
    expect(scenario.traffic).toHaveLength(5)
  })
})

describe('parseScenario: field errors name the path and say what is allowed', () => {
  it('memory above the maximum', () => {
    expect(errorsOf(withFunction({ memoryMB: 20000 })).map(formatScenarioError)).toEqual([
      "functions[0].memoryMB: 20000 is above Lambda's maximum of 10,240 MB; use a whole number 128–10,240 MB",
    ])
  })

  it('reports every error of a file at once, never only the first', () => {
    const errors = errorsOf({
      version: 1,
      seed: -1,
      durationSeconds: 'long',
      account: { concurrencyLimit: 1000, scalingModel: 'fast' },
      pricing: { model: '2019', freeTier: 'yes' },
      functions: [
        { name: 'api', timeoutSeconds: 901, runtime: 'python3.12', duration: { kind: 'gamma' } },
      ],
    })
    expect(errors.map((e) => e.path)).toEqual([
      'seed',
      'durationSeconds',
      'account.scalingModel',
      'pricing.model',
      'pricing.freeTier',
      'functions[0].runtime',
      'functions[0].timeoutSeconds',
      'functions[0].duration.kind',
    ])
    expect(errors[2]?.message).toBe('"fast" is not allowed; use one of "current", "legacy"')
  })

  it('unknown keys, with a "did you mean" when one is close', () => {
    const errors = errorsOf({
      version: 1,
      sed: 4,
      functions: [{ name: 'api', memorySize: 256, colour: 'red' }],
    })
    expect(errors).toEqual([
      { path: 'sed', message: 'unknown key; did you mean "seed"?' },
      { path: 'functions[0].memorySize', message: 'unknown key; did you mean "memoryMB"?' },
      expect.objectContaining({
        path: 'functions[0].colour',
        message: expect.stringMatching(/^unknown key; allowed keys: name, runtime/),
      }),
    ])
  })

  it('keys of another distribution or arrival kind are unknown to this one', () => {
    const errors = errorsOf(
      withFunction(
        { duration: { kind: 'constant', meanMs: 100 } },
        {
          traffic: [{ function: 'api', arrivals: { kind: 'poisson', ratePerSecond: 1, count: 4 } }],
        },
      ),
    )
    expect(errors.map(formatScenarioError)).toEqual([
      'functions[0].duration.meanMs: unknown key; allowed keys: kind, ms',
      'functions[0].duration.ms: missing; add a number 0–86,400,000 ms',
      'traffic[0].arrivals.count: unknown key; allowed keys: kind, ratePerSecond, startSecond, endSecond',
    ])
  })

  it('name, handler and environment go through the Lambda config checks', () => {
    const errors = errorsOf(
      withFunction({ name: 'my api', handler: 'index', environment: { AWS_REGION: 'x' } }),
    )
    expect(errors.map((e) => e.path)).toEqual([
      'functions[0].name',
      'functions[0].handler',
      'functions[0].environment',
    ])
    expect(errors[2]?.message).toMatch(/Reserved keys used in this request: AWS_REGION/)
  })

  it('a missing name, a missing functions list, and duplicate names', () => {
    expect(errorsOf({ version: 1 }).map(formatScenarioError)).toEqual([
      'functions: missing; add at least one function, e.g. [{ "name": "api" }]',
    ])
    expect(errorsOf({ version: 1, functions: [{}] })[0]).toEqual({
      path: 'functions[0].name',
      message: 'missing; add a name such as "api"',
    })
    expect(errorsOf({ version: 1, functions: [{ name: 'a' }, { name: 'a' }] })[0]).toEqual({
      path: 'functions[1].name',
      message: '"a" is already the name of functions[0]; names must be unique',
    })
  })

  it('distribution parameters: negative, uniform min above max, log-normal mean 0', () => {
    const errors = errorsOf(
      withFunction({
        duration: { kind: 'uniform', minMs: 300, maxMs: 100 },
        init: { kind: 'lognormal', meanMs: 0, stdDevMs: 5 },
        idleLifetime: { kind: 'exponential', meanMs: -1 },
      }),
    )
    expect(errors.map(formatScenarioError)).toEqual([
      'functions[0].idleLifetime.meanMs: -1 is below the minimum of 0 ms; use a number 0–86,400,000 ms',
      'functions[0].duration.maxMs: 100 is below minMs 300; use minMs ≤ maxMs',
      'functions[0].init.meanMs: 0 is below the minimum of 0 ms; use a number 0–86,400,000 ms',
    ])
  })

  it('idleLifetimeSeconds and idleLifetime together', () => {
    const errors = errorsOf(
      withFunction({ idleLifetimeSeconds: 60, idleLifetime: { kind: 'constant', ms: 1 } }),
    )
    expect(errors[0]?.path).toBe('functions[0].idleLifetime')
  })

  it('async settings: retries 0–2, event age 60–21,600 s, on-failure target', () => {
    const errors = errorsOf(
      withFunction({
        maximumRetryAttempts: 3,
        maximumEventAgeSeconds: 30,
        onFailure: { kind: 'sqs' },
      }),
    )
    expect(errors.map(formatScenarioError)).toEqual([
      "functions[0].maximumRetryAttempts: 3 is above Lambda's maximum of 2; use a whole number 0–2",
      "functions[0].maximumEventAgeSeconds: 30 is below Lambda's minimum of 60 s; use a whole number 60–21,600 s",
      'functions[0].onFailure.kind: "sqs" is not allowed; use one of "destination", "dlq"',
    ])
  })

  it('arrival errors: missing kind, bad rate, steps out of order, list items', () => {
    const errors = errorsOf(
      withFunction(
        {},
        {
          traffic: [
            { function: 'api', arrivals: {} },
            { function: 'api', arrivals: { kind: 'constant', ratePerSecond: -2 } },
            {
              function: 'api',
              arrivals: {
                kind: 'step',
                steps: [
                  { atSecond: 10, ratePerSecond: 1 },
                  { atSecond: 5, ratePerSecond: 2 },
                ],
              },
            },
            { function: 'api', arrivals: { kind: 'list', seconds: [1, 'x'] } },
            { function: 'api' },
          ],
        },
      ),
    )
    expect(errors.map((e) => e.path)).toEqual([
      'traffic[0].arrivals.kind',
      'traffic[1].arrivals.ratePerSecond',
      'traffic[2].arrivals.steps[1].atSecond',
      'traffic[3].arrivals.seconds[1]',
      'traffic[4].arrivals',
    ])
  })
})

describe('parseScenario: cross-field checks', () => {
  it('traffic must name an existing function (with a suggestion)', () => {
    const errors = errorsOf(
      withFunction(
        {},
        { traffic: [{ function: 'apj', arrivals: { kind: 'burst', atSecond: 0, count: 1 } }] },
      ),
    )
    expect(errors.map(formatScenarioError)).toEqual([
      'traffic[0].function: "apj" is not a function of this scenario; did you mean "api"?',
    ])
  })

  it('reserved concurrency keeps 100 of the account unreserved, alone and summed', () => {
    expect(errorsOf(withFunction({ reservedConcurrency: 901 }))[0]?.message).toBe(
      '901 leaves less than the 100 unreserved that Lambda requires of the account limit 1000; use 0–900, or null for none',
    )
    const errors = errorsOf({
      version: 1,
      functions: [
        { name: 'a', reservedConcurrency: 500 },
        { name: 'b', reservedConcurrency: 450 },
      ],
    })
    expect(errors[0]?.path).toBe('functions')
    expect(
      parsed(withFunction({ reservedConcurrency: 900 })).functions[0]?.reservedConcurrency,
    ).toBe(900)
  })

  it('provisioned concurrency may not exceed reserved concurrency when it is set', () => {
    expect(
      errorsOf(withFunction({ reservedConcurrency: 5, provisionedConcurrency: 6 })).map(
        formatScenarioError,
      ),
    ).toEqual([
      'functions[0].provisionedConcurrency: 6 is above reservedConcurrency 5; provisioned environments count against it, use 0–5',
    ])
  })

  it('provisioned concurrency without a reservation leaves 100 of the unreserved pool, alone and summed', () => {
    expect(
      errorsOf(withFunction({ provisionedConcurrency: 901 })).map(formatScenarioError),
    ).toEqual([
      'functions[0].provisionedConcurrency: 901 is above the account limit 1000 minus the 100 Lambda keeps unreserved; provisioned environments count against it, use 0–900',
    ])
    expect(parsed(withFunction({ provisionedConcurrency: 900 })).functions[0]).toMatchObject({
      provisionedConcurrency: 900,
    })
    // 300 reserved leave a pool of 700: 350 + 300 provisioned leave 50 < 100.
    const errors = errorsOf({
      version: 1,
      functions: [
        { name: 'r', reservedConcurrency: 300 },
        { name: 'a', provisionedConcurrency: 350 },
        { name: 'b', provisionedConcurrency: 300 },
      ],
    })
    expect(errors.map(formatScenarioError)).toEqual([
      'functions: provisioned concurrency of the functions without reservedConcurrency adds up to 650, more than the unreserved pool 700 minus the 100 Lambda keeps free; lower some provisionedConcurrency',
    ])
  })

  it('payloads: 6 MB synchronous, 1 MB asynchronous', () => {
    const traffic = (invocationType: string, payloadBytes: number) =>
      withFunction(
        {},
        {
          traffic: [
            {
              function: 'api',
              invocationType,
              payloadBytes,
              arrivals: { kind: 'burst', atSecond: 0, count: 1 },
            },
          ],
        },
      )
    expect(parseScenario(traffic('RequestResponse', 6_291_456)).ok).toBe(true)
    expect(errorsOf(traffic('RequestResponse', 6_291_457))[0]?.path).toBe('traffic[0].payloadBytes')
    expect(parseScenario(traffic('Event', 1_048_576)).ok).toBe(true)
    expect(errorsOf(traffic('Event', 1_048_577))[0]?.message).toMatch(
      /above Lambda's maximum of 1,048,576 bytes \(1 MB for Event/,
    )
  })
  it('traffic that starts at or after the end of the run', () => {
    const burst = { kind: 'burst', atSecond: 60, count: 1 }
    const errors = errorsOf(
      withFunction({}, { durationSeconds: 60, traffic: [{ function: 'api', arrivals: burst }] }),
    )
    expect(errors.map(formatScenarioError)).toEqual([
      'traffic[0].arrivals.atSecond: 60 is at or after the end of the run (durationSeconds 60), so no request would arrive; use a time below 60',
    ])
  })
})

describe('versions and migrations', () => {
  it('version must be present and 1', () => {
    expect(errorsOf({ functions: [{ name: 'a' }] })).toEqual([
      { path: 'version', message: 'missing; add "version": 1' },
    ])
    expect(errorsOf({ version: 2, functions: [] })[0]?.message).toBe(
      '2 is newer than this playground understands (1); use 1, or update the playground',
    )
    expect(migrateScenario({ version: 1, seed: 3 })).toEqual({
      ok: true,
      value: { version: 1, seed: 3 },
    })
  })

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseScenario(json)
        expect(typeof result.ok).toBe('boolean')
      }),
    )
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...Object.keys(issueExample.functions[0]!)), fc.jsonValue()),
        (fn) => {
          parseScenario({ version: 1, functions: [fn] })
        },
      ),
    )
  })
})

describe('serializeScenario', () => {
  it('writes only the non-default fields', () => {
    expect(serializeScenario(parsed(issueExample))).toEqual({
      version: 1,
      seed: 42,
      functions: [
        {
          name: 'api',
          memoryMB: 512,
          duration: { kind: 'constant', ms: 120 },
          init: { kind: 'constant', ms: 200 },
        },
      ],
      traffic: [
        { function: 'api', arrivals: { kind: 'poisson', ratePerSecond: 0.9 } },
        {
          function: 'api',
          invocationType: 'Event',
          arrivals: { kind: 'constant', ratePerSecond: 10, startSecond: 0, endSecond: 60 },
        },
      ],
    })
    expect(
      serializeScenario(parsed({ version: 1, functions: [{ name: 'api', memoryMB: 128 }] })),
    ).toEqual({
      version: 1,
      functions: [{ name: 'api' }],
    })
  })

  it('round-trips: parse(serialize(s)) is s', () => {
    const rich = parsed({
      version: 1,
      description: 'rich',
      seed: 7,
      durationSeconds: 120,
      account: { concurrencyLimit: 500, scalingModel: 'legacy', burst: 1000 },
      pricing: { model: '2020-11', freeTier: false },
      functions: [
        {
          name: 'a',
          runtime: 'nodejs20.x',
          architecture: 'arm64',
          idleLifetime: { kind: 'normal', meanMs: 400_000, stdDevMs: 30_000 },
          runtimeInitMs: 50,
          reservedConcurrency: 10,
          provisionedConcurrency: 2,
          environment: { STAGE: 'dev' },
          onFailure: { kind: 'destination', target: 'failures' },
          code: 'export const handler = async () => 1',
        },
        { name: 'b', idleLifetimeSeconds: 300, errorRate: 0.1 },
      ],
      traffic: [
        {
          function: 'b',
          invocationType: 'Event',
          payloadBytes: 10,
          arrivals: { kind: 'burst', atSecond: 1, count: 3 },
        },
      ],
    })
    for (const scenario of [rich, parsed(issueExample)]) {
      expect(parsed(JSON.parse(JSON.stringify(serializeScenario(scenario))))).toEqual(scenario)
    }
  })
})

describe('serializeScenario over random valid scenarios (fast-check)', () => {
  const distribution = fc.oneof(
    fc.record({ kind: fc.constant('constant'), ms: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
    fc.record({ kind: fc.constant('exponential'), meanMs: fc.integer({ min: 0, max: 1e6 }) }),
    fc.record({
      kind: fc.constant('lognormal'),
      meanMs: fc.integer({ min: 1, max: 1e5 }),
      stdDevMs: fc.integer({ min: 0, max: 1e5 }),
    }),
  )
  const fn = fc.record(
    {
      runtime: fc.constantFrom('nodejs22.x', 'nodejs20.x'),
      architecture: fc.constantFrom('x86_64', 'arm64'),
      memoryMB: fc.integer({ min: 128, max: 10_240 }),
      timeoutSeconds: fc.integer({ min: 1, max: 900 }),
      reservedConcurrency: fc.option(fc.integer({ min: 0, max: 400 })),
      idleLifetimeSeconds: fc.double({ min: 0, max: 86_400, noNaN: true }),
      duration: distribution,
      init: distribution,
      runtimeInitMs: fc.integer({ min: 0, max: 10_000 }),
      errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
      maximumRetryAttempts: fc.integer({ min: 0, max: 2 }),
      onFailure: fc.option(
        fc.record({ kind: fc.constantFrom('dlq', 'destination'), target: fc.constant('q') }),
      ),
    },
    { requiredKeys: [] },
  )
  const traffic = fc.record(
    {
      invocationType: fc.constantFrom('RequestResponse', 'Event'),
      arrivals: fc.oneof(
        fc.record({
          kind: fc.constant('poisson'),
          ratePerSecond: fc.double({ min: 0, max: 1000, noNaN: true }),
        }),
        fc.record({
          kind: fc.constant('diurnal'),
          meanRatePerSecond: fc.integer({ min: 0, max: 100 }),
          amplitude: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
      ),
    },
    { requiredKeys: ['arrivals'] },
  )
  const scenario = fc.record({
    seed: fc.integer({ min: 0, max: 4_294_967_295 }),
    functions: fc.array(fn, { minLength: 1, maxLength: 2 }),
    traffic: fc.array(traffic, { maxLength: 3 }),
  })

  it('parse(serialize(parse(json))) equals parse(json), and serializing twice changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ seed, functions, traffic }) => {
        const json = {
          version: 1,
          seed,
          functions: functions.map((f, i) => ({ name: `f${i}`, ...f })),
          traffic: traffic.map((t) => ({ function: 'f0', ...t })),
        }
        const first = parsed(json)
        const saved = serializeScenario(first)
        expect(parsed(JSON.parse(JSON.stringify(saved)))).toEqual(first)
        expect(serializeScenario(parsed(saved))).toEqual(saved)
      }),
    )
  })
})
