import { describe, expect, it } from 'vitest'
import { createSimulation } from './simulation'
import { ConfigError } from './simulation-config'
import { createScriptedExecutor } from './platform/scripted-executor'
import { decisions, spans, testFunction, testScenario } from './platform/testing'

const big = { logCapacity: 10_000, explanationCapacity: 10_000 }

/** The lines of a sent request without their request id, as `"<ms> <line start>"`. */
function lines(sent: { requestId: string; lines: { t: number; line: string }[] }): string[] {
  return sent.lines.map((l) => `${l.t} ${l.line.replaceAll(sent.requestId, '<id>').slice(0, 40)}`)
}

describe('sending one request now', () => {
  it('at a paused moment, a warm environment serves it; it is counted like a scenario request', () => {
    const sim = createSimulation(
      testScenario([testFunction('api')], [{ function: 'api', seconds: [0] }], {
        durationSeconds: 60,
      }),
      big,
    )
    sim.run({ until: 5000 })
    const sent = sim.invokeNow('api', { hello: 'world' })
    expect(sent).toMatchObject({ status: 'running', sentAt: 5000, cold: false, endedAt: null })
    sim.run({ until: 6000 })
    const [done] = sim.sentRequests()
    // Given the environment of the 0 s request is idle, the sent request runs warm on it.
    expect(done).toMatchObject({ status: 'succeeded', outcome: 'success', endedAt: 5100 })
    expect(done?.responseJson).toBe('null')
    expect(spans(sim)).toEqual(['#1 cold 0→100→200 success', '#1 warm 5000→5000→5100 success'])
    expect(lines(done!)).toEqual([
      '5000 START RequestId: <id> Version: $LATEST',
      '5100 END RequestId: <id>',
      '5100 REPORT RequestId: <id>\tDuration: 100.00 ',
    ])
    sim.run()
    expect(sim.report()).toMatchObject({ invocations: 2, coldStarts: 1, errors: 0 })
    expect(sim.snapshot().total).toMatchObject({ requests: 2, succeeded: 2 })
  })

  it('with no idle environment it starts cold: its REPORT shows the Init Duration', () => {
    const sim = createSimulation(testScenario([testFunction('api')], [], { durationSeconds: 60 }))
    sim.run({ until: 1000 })
    const sent = sim.invokeNow('api', {})
    expect(sent.cold).toBe(true)
    sim.run()
    const [done] = sim.sentRequests()
    expect(done).toMatchObject({ status: 'succeeded', cold: true, endedAt: 1200 })
    expect(done?.lines.at(-1)?.line).toContain('Init Duration: 100.00 ms')
    expect(decisions(sim)[0]).toBe('1000 cold: no idle environment (0 busy) → new environment #1')
  })

  it('refused for concurrency, it is a 429 with the reason, and no invocation', () => {
    const sim = createSimulation(
      testScenario([testFunction('api', { reservedConcurrency: 0 })], [], {
        durationSeconds: 60,
      }),
    )
    const sent = sim.invokeNow('api', {})
    expect(sent).toMatchObject({ status: 'throttled', outcome: null, endedAt: null })
    expect(sent.throttledBecause).toBe('the function is stopped (reserved concurrency 0)')
    expect(JSON.parse(sent.responseJson ?? '')).toMatchObject({
      errorType: 'TooManyRequestsException',
    })
    sim.run()
    expect(sim.report()).toMatchObject({ invocations: 0, throttles: 1 })
    expect(sim.snapshot().total).toMatchObject({ requests: 1, throttled: 1 })
  })

  it('real code receives the event and answers; its own lines come back with it', () => {
    const seen: string[] = []
    const executor = createScriptedExecutor((request) => {
      seen.push(request.eventJson)
      return {
        steps: [
          { kind: 'wait', cpuMs: 5, wait: { kind: 'timer', ms: 20 } },
          { kind: 'done', cpuMs: 5, responseJson: '{"statusCode":200}', logs: ['INFO\thi'] },
        ],
      }
    })
    const fn = testFunction('api', { code: 'export const handler = async () => 1' })
    const sim = createSimulation(testScenario([fn], [], { durationSeconds: 60 }), {
      executor,
    })
    sim.run({ until: 2000 })
    sim.invokeNow('api', { key1: 'value1' })
    sim.run()
    const [done] = sim.sentRequests()
    expect(seen).toEqual(['{"key1":"value1"}'])
    // INIT: 50 ms of scripted CPU; then 5 ms CPU, a 20 ms timer, 5 ms CPU at one vCPU.
    expect(done).toMatchObject({ status: 'succeeded', endedAt: 2080, cold: true })
    expect(done?.responseJson).toBe('{"statusCode":200}')
    expect(lines(done!)[1]).toBe('2050 INFO\thi')
  })

  it('a modeled error or timeout answers with the body Lambda would return', () => {
    const fn = testFunction('api', { errorRate: 1, timeoutSeconds: 1 })
    const sim = createSimulation(testScenario([fn], [], { durationSeconds: 60 }))
    sim.invokeNow('api', {})
    sim.setConfig({ function: 'api', duration: { kind: 'constant', ms: 5000 } })
    sim.run({ until: 3000 })
    sim.invokeNow('api', {})
    sim.run()
    const [error, timeout] = sim.sentRequests()
    expect(error).toMatchObject({ status: 'failed', outcome: 'error' })
    expect(JSON.parse(error?.responseJson ?? '')).toMatchObject({ errorType: 'Error' })
    // The error left its environment warm: the second request runs on it and is cut at 1 s.
    expect(timeout).toMatchObject({ status: 'failed', outcome: 'timeout', endedAt: 4000 })
    expect(JSON.parse(timeout?.responseJson ?? '')).toMatchObject({
      errorType: 'Sandbox.Timedout',
    })
    expect(sim.report()).toMatchObject({ invocations: 2, errors: 2 })
  })

  it('an unknown function is refused and changes nothing', () => {
    const sim = createSimulation(testScenario([testFunction('api')], [], { durationSeconds: 60 }))
    expect(() => sim.invokeNow('apj', {})).toThrow(ConfigError)
    expect(sim.sentRequests()).toEqual([])
    expect(sim.snapshot().total.requests).toBe(0)
  })
})
