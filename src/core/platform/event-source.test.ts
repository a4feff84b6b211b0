import { describe, expect, it } from 'vitest'
import { createSimulation } from '../simulation'
import { createMemoryQueue } from './memory-queue'
import { createScriptedExecutor } from './scripted-executor'
import { reportedFailures } from './event-source'
import { spans, testFunction, testScenario } from './testing'

function setup(over: Parameters<typeof testFunction>[1] = {}, messages = 25) {
  const sim = createSimulation(testScenario([testFunction('consumer', over)], []), {
    logCapacity: 10_000,
  })
  const queue = createMemoryQueue({ visibilityTimeoutMs: 1000 })
  for (let i = 0; i < messages; i++) queue.send({ n: i }, 0)
  return { sim, queue }
}

describe('polled batches (event source mapping)', () => {
  it('reads full batches at once and a partial one when the batching window is 0', () => {
    const { sim, queue } = setup()
    const mapping = sim.addEventSource(queue, { function: 'consumer', batchSize: 10 })
    sim.run({ until: 1000 })
    expect(spans(sim)).toEqual([
      '#1 cold 0→100→200 success',
      '#2 cold 0→100→200 success',
      '#3 cold 0→100→200 success',
    ])
    expect(mapping.stats).toMatchObject({ batches: 3, messagesDeleted: 25, messagesReleased: 0 })
    expect(queue.size).toBe(0)
  })

  it('waits up to the batching window to fill a batch', () => {
    const { sim, queue } = setup({}, 30)
    const mapping = sim.addEventSource(queue, {
      function: 'consumer',
      batchSize: 100,
      maximumBatchingWindowMs: 2000,
    })
    sim.run({ until: 1999 })
    expect(mapping.stats.batches).toBe(0)
    sim.run({ until: 3000 })
    expect(spans(sim)).toEqual(['#1 cold 2000→2100→2200 success'])
    expect(mapping.stats.messagesDeleted).toBe(30)
  })

  it('returns the whole batch to the queue when the invocation fails', () => {
    const { sim, queue } = setup({ errorRate: 1 }, 3)
    const mapping = sim.addEventSource(queue, { function: 'consumer', batchSize: 10 })
    // Fails at 200 ms and polls at once (nothing visible), then every second: the messages are
    // visible again at 1200 (visibility timeout 1 s), fail at 1300, are back at 2300.
    sim.run({ until: 2500 })
    expect(spans(sim)).toEqual([
      '#1 cold 0→100→200 error',
      '#1 warm 1200→1200→1300 error',
      '#1 warm 2300→2300→2400 error',
    ])
    expect(mapping.stats).toMatchObject({ batches: 3, messagesReleased: 9, messagesDeleted: 0 })
    expect(queue.receiveCounts()).toEqual({ m1: 3, m2: 3, m3: 3 })
    // One poll chain only, however many batches ended.
    expect(sim.platform.kernel.pending).toBeLessThan(5)
  })

  it('with ReportBatchItemFailures, retries only the items the handler names', () => {
    const executor = createScriptedExecutor(() => ({
      steps: [
        {
          kind: 'done',
          cpuMs: 10,
          responseJson: '{"batchItemFailures":[{"itemIdentifier":"m2"}]}',
        },
      ],
    }))
    const fn = testFunction('consumer', { code: 'export const handler = () => {}' })
    const sim = createSimulation(testScenario([fn], []), { executor })
    const queue = createMemoryQueue({ visibilityTimeoutMs: 1000 })
    for (let i = 0; i < 3; i++) queue.send({ n: i }, 0)
    const mapping = sim.addEventSource(queue, {
      function: 'consumer',
      reportBatchItemFailures: true,
    })
    sim.run({ until: 500 })
    expect(mapping.stats).toMatchObject({ batches: 1, messagesDeleted: 2, messagesReleased: 1 })
    expect(queue.receiveCounts()).toEqual({ m2: 1 })
    expect(reportedFailures('{"batchItemFailures":[]}', new Set(['a']))).toEqual(new Set())
    expect(
      reportedFailures('{"batchItemFailures":[{"itemIdentifier":"zz"}]}', new Set(['a'])),
    ).toEqual(new Set(['a']))
  })

  it('starts with 5 concurrent batches and adds 300 per minute while messages wait', () => {
    const { sim, queue } = setup(
      { duration: { kind: 'constant', ms: 600_000 }, timeoutSeconds: 900 },
      5000,
    )
    const mapping = sim.addEventSource(queue, { function: 'consumer', batchSize: 1 })
    sim.run({ until: 59_999 })
    expect(mapping.inFlight).toBe(5)
    sim.run({ until: 60_001 })
    expect(mapping.inFlight).toBe(305)
    expect(mapping.allowed(120_000)).toBe(605)
  })

  it('never exceeds maximumConcurrency', () => {
    const { sim, queue } = setup(
      { duration: { kind: 'constant', ms: 600_000 }, timeoutSeconds: 900 },
      5000,
    )
    const mapping = sim.addEventSource(queue, {
      function: 'consumer',
      batchSize: 1,
      maximumConcurrency: 3,
    })
    sim.run({ until: 300_000 })
    expect(mapping.stats.maxConcurrentBatches).toBe(3)
  })
})
