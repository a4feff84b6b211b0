import { describe, expect, it } from 'vitest'
import { testFunction, testScenario } from '../../core/platform/testing'
import type { FunctionSpec, Scenario } from '../../core/scenario/types'
import { createSimulation, DEFAULT_EPOCH_MS } from '../../core/simulation'
import { createServiceDouble } from '../services/service-double'
import type { ServiceDoubleOptions } from '../services/service-double'
import { nodeWasmSource } from './load-quickjs-node'
import { createQuickJSExecutor } from './quickjs-executor'
import { runWithQuickJS } from './run-with-quickjs'

const ENQUEUE = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs'
const sqs = new SQSClient({})
export const handler = async (event) => {
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders', MessageBody: JSON.stringify(event) }))
  return { id: sent.MessageId, status: sent.$metadata.httpStatusCode }
}`

/** A real-code function at one vCPU (CPU unscaled), 3 s timeout. */
function realFunction(code: string, over: Partial<FunctionSpec> = {}): FunctionSpec {
  return testFunction('api', { code, timeoutSeconds: 3, ...over })
}

/** Runs the scenario through the core with a QuickJS executor and a service double. */
async function simulate(scenario: Scenario, options: ServiceDoubleOptions = {}) {
  const services = createServiceDouble(options)
  const executor = await createQuickJSExecutor(nodeWasmSource, {
    functions: scenario.functions,
    services,
  })
  const sim = createSimulation(scenario, { executor, services, logCapacity: 1000 })
  await runWithQuickJS(sim, executor)
  const snapshot = sim.snapshot({ spans: 1000, logLines: 1000 })
  return { services, snapshot, lines: snapshot.logs.map((l) => l.line), report: sim.report() }
}

/** The Duration of each REPORT line, ms. */
function durations(lines: string[]): number[] {
  return lines
    .filter((l) => l.startsWith('REPORT'))
    .map((l) => Number(/\tDuration: ([\d.]+) ms/.exec(l)?.[1]))
}

describe('service calls of real code through the core', () => {
  it("yields a call wait through the port, and resumes with the core's answer", async () => {
    const fn = realFunction(ENQUEUE)
    const executor = await createQuickJSExecutor(nodeWasmSource, { functions: [fn] })
    let now = 0
    executor.attachClock({ epochMs: DEFAULT_EPOCH_MS, now: () => now })
    const ref = { functionName: 'api', environmentId: 1, memoryMB: fn.memoryMB }
    expect(executor.init(ref, ENQUEUE)).toMatchObject({ kind: 'done' })
    const run = executor.invoke(ref, { requestId: 'r1', eventJson: '{"n":1}', deadlineMs: 3000 })
    const first = run.resume()
    // Given the handler's send: a `call` wait naming the service, the operation and the input.
    expect(first).toMatchObject({ kind: 'wait', wait: { kind: 'call', service: 'sqs' } })
    if (first.kind !== 'wait' || first.wait.kind !== 'call') return
    expect(first.wait.operation).toBe('SendMessage')
    expect(JSON.parse(first.wait.requestJson)).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders',
      MessageBody: '{"n":1}',
    })
    // The core answers after the call's latency; the handler then returns what it got.
    now = Math.ceil(first.cpuMs + 5)
    const responseJson = JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: 'x' })
    const last = run.resume({ kind: 'call', ok: true, responseJson })
    expect(last).toMatchObject({ kind: 'done', responseJson: '{"id":"m-1","status":200}' })
  })

  it("an invocation that sends to SQS: the double records it and Duration holds the call's latency", async () => {
    const scenario = testScenario([realFunction(ENQUEUE)], [{ function: 'api', seconds: [0, 1] }])
    const { services, snapshot, lines, report } = await simulate(scenario)
    expect(snapshot.spans.map((s) => `${s.cold ? 'cold' : 'warm'} ${s.outcome}`)).toEqual([
      'cold success',
      'warm success',
    ])
    expect(services.calls.map((c) => `${c.service}.${c.operation}`)).toEqual([
      'sqs.SendMessage',
      'sqs.SendMessage',
    ])
    expect(services.sqs.messages('orders')).toHaveLength(2)
    // SendMessage is modeled at 5 ms: each REPORT's Duration and each span holds it.
    expect(durations(lines).every((d) => d >= 5)).toBe(true)
    for (const span of snapshot.spans) expect(span.end - span.runStart).toBeGreaterThanOrEqual(5)
    expect(report.durationMs.p50).toBeGreaterThanOrEqual(5)
  })

  it('an error answer reaches the handler as an SDK error it can catch', async () => {
    const code = `
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
export const handler = async () => {
  try { await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'missing' })) }
  catch (e) { console.log(e.name, e.$metadata.httpStatusCode, e.$fault) }
  return 'handled'
}`
    const scenario = testScenario([realFunction(code)], [{ function: 'api', seconds: [0] }])
    const { snapshot, lines } = await simulate(scenario)
    expect(snapshot.spans.map((s) => s.outcome)).toEqual(['success'])
    expect(lines.some((l) => l.endsWith('\tINFO\tNoSuchKey 404 client'))).toBe(true)
  })

  it('Promise.all of three calls completes: the port carries one call per wait, so they run in turn', async () => {
    const code = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs'
const sqs = new SQSClient({})
const QueueUrl = 'https://sqs.us-east-1.amazonaws.com/1/q'
export const handler = async () => {
  const sent = await Promise.all([1, 2, 3].map((n) => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: String(n) }))))
  return sent.length
}`
    const scenario = testScenario([realFunction(code)], [{ function: 'api', seconds: [0] }])
    const { snapshot, services } = await simulate(scenario, {
      latencyMs: { 'sqs.SendMessage': 100 },
    })
    expect(snapshot.spans.map((s) => s.outcome)).toEqual(['success'])
    expect(services.sqs.messages('q').map((m) => m.body)).toEqual(['1', '2', '3'])
    const span = snapshot.spans[0]!
    expect(span.end - span.runStart).toBeGreaterThanOrEqual(300)
  })

  it('a timer due before the call returns fires first, at its own moment', async () => {
    const code = `
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
export const handler = async () => {
  const start = Date.now()
  setTimeout(() => console.log('timer', Date.now() - start), 50)
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'v' }))
  console.log('put', Date.now() - start)
}`
    const scenario = testScenario([realFunction(code)], [{ function: 'api', seconds: [0] }])
    const { lines } = await simulate(scenario, { latencyMs: { 's3.PutObject': 200 } })
    const seen = lines.filter((l) => l.includes('\tINFO\t')).map((l) => l.split('\t')[3] ?? '')
    expect(seen.map((m) => m.split(' ')[0])).toEqual(['timer', 'put'])
    const [timerAt, putAt] = seen.map((m) => Number(m.split(' ')[1]))
    expect(timerAt).toBeGreaterThanOrEqual(50)
    expect(timerAt).toBeLessThan(200)
    expect(putAt).toBeGreaterThanOrEqual(200)
  })

  it('answers calls made during INIT with the executor’s services, their latency in Init Duration', async () => {
    const code = `
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'
await new S3Client({}).send(new PutObjectCommand({ Bucket: 'b', Key: 'boot', Body: 'up' }))
export const handler = async () => 'ok'`
    const scenario = testScenario([realFunction(code)], [{ function: 'api', seconds: [0] }])
    const { services, lines } = await simulate(scenario, { latencyMs: { 's3.PutObject': 400 } })
    expect(services.s3.buckets.get('b')?.get('boot')?.body).toBe('up')
    const init = Number(/Init Duration: ([\d.]+) ms/.exec(lines.join('\n'))?.[1])
    expect(init).toBeGreaterThanOrEqual(400)
  })
})
