import { describe, expect, it } from 'vitest'
import { CurrentDurationRule } from '../billing/duration'
import { Explanations, Why } from './explanations'
import { InvocationLog, type LogContext } from './invocation-log'
import { testFunction, testScenario } from '../platform/testing'
import { createSimulation } from '../simulation'

const ctx: LogContext & { failureTarget(i: number): string | null } = {
  functionName: (i) => ['api', 'worker'][i] ?? '?',
  memoryMB: () => 128,
  timeoutSeconds: () => 3,
  requestId: (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  failureTarget: () => 'orders-dlq',
  epochMs: Date.UTC(2026, 0, 1),
  durationRule: CurrentDurationRule,
}

describe('InvocationLog', () => {
  it('formats START, END and REPORT (with Init Duration on cold starts) lazily', () => {
    const log = new InvocationLog(10)
    log.add(0, 1, 5, 0, 0, 130.49, 15.74, 0)
    expect(log.lines(ctx).map((l) => `${+l.t.toFixed(2)} ${l.line}`)).toEqual([
      '130.49 START RequestId: 00000000-0000-4000-8000-000000000005 Version: $LATEST',
      '146.23 END RequestId: 00000000-0000-4000-8000-000000000005',
      '146.23 REPORT RequestId: 00000000-0000-4000-8000-000000000005\tDuration: 15.74 ms\tBilled Duration: 147 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 130.49 ms\t',
    ])
  })

  it('keeps only the last `capacity` invocations', () => {
    const log = new InvocationLog(3)
    for (let n = 0; n < 7; n++) log.add(0, 1, n, n * 10, n * 10, -1, 1, 0)
    expect(log.size).toBe(3)
    expect(log.spans(ctx).map((s) => s.requestId.slice(-1))).toEqual(['4', '5', '6'])
    expect(log.spans(ctx, 1)[0]).toMatchObject({
      function: 'api',
      cold: false,
      runStart: 60,
      end: 61,
    })
  })
})

describe('Explanations', () => {
  it('writes each decision in plain words with its rule and number', () => {
    const why = new Explanations(4)
    why.add(0, Why.ThrottleReserved, 0, 1, 5)
    why.add(1, Why.Cold, 0, 2, 3, 4)
    why.add(2, Why.RetryAfterError, 1, 3, 1, 2, 60_000)
    why.add(3, Why.RetriesExhausted, 1, 3, 3, 1)
    why.add(4, Why.Reclaimed, 0, -1, 4, 600_000)
    expect(why.list(ctx).map((e) => `${e.function}: ${e.text}`)).toEqual([
      'api: cold: no idle environment (3 busy) → new environment #4',
      'worker: retry 1 of 2 in 60 s after a function error',
      'worker: retries exhausted after 3 attempts: sent to orders-dlq',
      'api: reclaimed environment #4: idle for 600 s',
    ])
    expect(why.list(ctx, 1)[0]).toMatchObject({ code: 'Reclaimed', requestId: null })
  })
})

describe('a modeled function error', () => {
  it('is logged as the Node.js runtime logs a failed handler, before END', () => {
    const sim = createSimulation(
      testScenario([testFunction('api', { errorRate: 1 })], [{ function: 'api', seconds: [0] }]),
    )
    sim.run()
    const lines = sim.snapshot({ logLines: 10 }).logs.map((l) => l.line)
    const error = lines.findIndex((line) => line.includes('\tERROR\tInvoke Error \t'))
    expect(error).toBeGreaterThan(0)
    expect(lines[error + 1]).toMatch(/^END RequestId: /)
    expect(JSON.parse(lines[error]?.split('\t')[4] ?? '')).toEqual({
      errorType: 'Error',
      errorMessage: 'Modeled function error (errorRate)',
    })
    expect(sim.report().errors).toBe(1)
  })
})
