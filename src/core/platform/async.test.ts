import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { throttleBackoffMs } from './async-events'
import { decisions, spans, testFunction, testScenario } from './testing'

const big = { logCapacity: 10_000, explanationCapacity: 10_000 }
const event = (seconds: number[]) => ({ function: 'worker', type: 'Event' as const, seconds })

describe('asynchronous invocation', () => {
  it('retries a function error after 1 min, then 2 min, then sends the record to the destination', () => {
    const fn = testFunction('worker', {
      errorRate: 1,
      onFailure: { kind: 'destination', target: 'orders-failures' },
    })
    const sim = createSimulation(testScenario([fn], [event([0])]), big)
    sim.run()
    expect(spans(sim)).toEqual([
      '#1 cold 0→100→200 error',
      '#1 warm 60200→60200→60300 error',
      '#1 warm 180300→180300→180400 error',
    ])
    expect(decisions(sim).filter((d) => !d.includes('environment #'))).toEqual([
      '200 retry 1 of 2 in 60 s after a function error',
      '60300 retry 2 of 2 in 120 s after a function error',
      '180400 retries exhausted after 3 attempts: sent to orders-failures',
    ])
    const [delivered] = sim.deliveredFailures()
    expect(delivered).toMatchObject({ t: 180_400, kind: 'destination', target: 'orders-failures' })
    expect(delivered?.body).toMatchObject({
      version: '1.0',
      timestamp: '2026-01-01T00:03:00.400Z',
      requestContext: {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:worker:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: null,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error' },
    })
    const r = sim.report()
    expect([r.invocations, r.errors, r.retries, r.deadLettered, r.dropped]).toEqual([3, 3, 2, 1, 0])
    // The same request id across attempts, as Lambda keeps it.
    const ids = new Set(sim.snapshot({ spans: 10 }).spans.map((s) => s.requestId))
    expect(ids.size).toBe(1)
  })

  it('honours maximumRetryAttempts 0 and sends only the event body to a DLQ', () => {
    const fn = testFunction('worker', {
      errorRate: 1,
      maximumRetryAttempts: 0,
      onFailure: { kind: 'dlq', target: 'dlq' },
    })
    const sim = createSimulation(testScenario([fn], [event([0])]), big)
    sim.invoker.receive(sim.platform.byName.get('worker')!, { orderId: 7 })
    sim.run()
    expect(sim.report()).toMatchObject({ invocations: 2, retries: 0, deadLettered: 2 })
    expect(sim.deliveredFailures().map((d) => d.body)).toEqual([{ orderId: 7 }, null])
  })

  it('retries throttles with exponential backoff from 1 s', () => {
    // Reserved 1 and a 10 s invocation: the second event waits 1, 2, 4, 8 s.
    const fn = testFunction('worker', {
      reservedConcurrency: 1,
      duration: { kind: 'constant', ms: 10_000 },
      timeoutSeconds: 60,
    })
    const sim = createSimulation(testScenario([fn], [event([0, 0])]), big)
    sim.run()
    expect(decisions(sim).slice(1, 10)).toEqual([
      '0 throttled: reserved concurrency 1 was in use',
      '0 async event throttled (1 so far): retry in 1 s (backoff 1 s doubling to 5 min)',
      '1000 throttled: reserved concurrency 1 was in use',
      '1000 async event throttled (2 so far): retry in 2 s (backoff 1 s doubling to 5 min)',
      '3000 throttled: reserved concurrency 1 was in use',
      '3000 async event throttled (3 so far): retry in 4 s (backoff 1 s doubling to 5 min)',
      '7000 throttled: reserved concurrency 1 was in use',
      '7000 async event throttled (4 so far): retry in 8 s (backoff 1 s doubling to 5 min)',
      '15000 warm: most recently used idle environment #1 (of 1 idle)',
    ])
    expect(sim.report()).toMatchObject({ invocations: 2, throttles: 4, errors: 0 })
    expect([1, 2, 3, 9, 10, 20].map(throttleBackoffMs)).toEqual([
      1000, 2000, 4000, 256_000, 300_000, 300_000,
    ])
  })

  it('gives up at the maximum event age (EventAgeExceeded), dropping without a target', () => {
    const fn = testFunction('worker', {
      reservedConcurrency: 1,
      duration: { kind: 'constant', ms: 600_000 },
      timeoutSeconds: 900,
      maximumEventAgeSeconds: 60,
    })
    const sim = createSimulation(testScenario([fn], [event([0, 0])]), big)
    sim.run()
    const attempts = decisions(sim).filter((d) => d.includes('throttled: reserved'))
    expect(attempts.map((d) => Number(d.split(' ')[0]))).toEqual([
      0, 1000, 3000, 7000, 15000, 31000,
    ])
    expect(decisions(sim)).toContain(
      '60000 event older than the maximum event age of 60 s: dropped (no on-failure destination or DLQ)',
    )
    expect(sim.report()).toMatchObject({ dropped: 1, deadLettered: 0, invocations: 1 })
    // The hour-long run was down-sampled: find the bucket of 60 s.
    const series = sim.snapshot().series.total
    expect(series.values.AsyncEventsDropped[Math.floor(60_000 / series.bucketMs)]).toBe(1)
    expect(series.values.AsyncEventsDropped.reduce((a, b) => a + b)).toBe(1)
  })

  it('records EventAgeExceeded with 429 and no function error when the event never ran', () => {
    const fn = testFunction('worker', {
      reservedConcurrency: 1,
      duration: { kind: 'constant', ms: 600_000 },
      timeoutSeconds: 900,
      maximumEventAgeSeconds: 60,
      onFailure: { kind: 'destination', target: 'late' },
    })
    const sim = createSimulation(testScenario([fn], [event([0, 0])]), big)
    sim.run()
    expect(sim.deliveredFailures()[0]?.body).toMatchObject({
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 0 },
      responseContext: { statusCode: 429 },
      responsePayload: null,
    })
  })

  it('sends events straight to the on-failure target when reserved concurrency is 0', () => {
    const fn = testFunction('worker', {
      reservedConcurrency: 0,
      onFailure: { kind: 'dlq', target: 'dlq' },
    })
    const sim = createSimulation(testScenario([fn], [event([5])]), big)
    sim.run()
    expect(decisions(sim)).toEqual([
      '5000 throttled: reserved concurrency is 0 (the function is stopped)',
      '5000 reserved concurrency 0: async event not retried, sent to dlq',
    ])
    expect(sim.report()).toMatchObject({ invocations: 0, retries: 0, deadLettered: 1 })
  })
  it('counts a retry only when it runs: one cut by the maximum event age is not a retry', () => {
    // Fails at 200 ms; the retry would come at 60.2 s, after the 60 s maximum age.
    const fn = testFunction('worker', {
      errorRate: 1,
      maximumEventAgeSeconds: 60,
      onFailure: { kind: 'destination', target: 'late' },
    })
    const sim = createSimulation(testScenario([fn], [event([0])]), big)
    sim.run()
    expect(decisions(sim).filter((d) => !d.includes('environment #'))).toEqual([
      '200 retry 1 of 2 in 60 s after a function error',
      '60000 event older than the maximum event age of 60 s: sent to late',
    ])
    expect(sim.report()).toMatchObject({ invocations: 1, errors: 1, retries: 0, deadLettered: 1 })
    expect(sim.deliveredFailures()[0]?.body).toMatchObject({
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 },
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
    })
  })
})
