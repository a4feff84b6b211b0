import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { md5Hex } from '../services/md5'
import { createServiceDouble } from '../services/service-double'
import type { ServiceDoubleOptions } from '../services/service-double'
import type { InvocationRecord, InvokeRejection } from '../types'
import { vmFrame } from './vm-frame'
import type { TestFrame } from './vm-frame'
import { WebWorkerFunctionHost } from './webworker-host'

// The SDK bridge in the Web Worker kind, environments in `node:vm` contexts (CommonJS handlers:
// a vm context has no dynamic import; ES module imports of the subset run in Chromium). The
// double lives on the page side: the worker sends calls over its port and delivers the
// answers at their virtual moments.

const hosts: WebWorkerFunctionHost[] = []
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose()
})

async function deployed(code: string, options: ServiceDoubleOptions = {}, timeoutSeconds = 5) {
  const frame: TestFrame = vmFrame(vm)
  const services = createServiceDouble(options)
  const host = new WebWorkerFunctionHost({ seed: 3, graceMs: 200, frame: () => frame, services })
  hosts.push(host)
  await host.deploy({
    config: { ...defaultFunctionConfig(), timeoutSeconds },
    code,
    language: 'javascript',
  })
  return { host, frame, services }
}

function record(outcome: InvocationRecord | InvokeRejection): InvocationRecord {
  if (outcome.status === 'rejected') throw new Error(JSON.stringify(outcome.error))
  return outcome
}

const response = (r: InvocationRecord): unknown => JSON.parse(r.responseJson ?? 'null')

const S3_STORE = `
const { S3Client, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3')
const s3 = new S3Client({})
exports.handler = async (event) => {
  if (event.put) {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'notes', Key: event.key, Body: event.put }))
    return { etag: put.ETag, status: put.$metadata.httpStatusCode }
  }
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'notes', Key: event.key }))
    return { body: await got.Body.transformToString(), etag: got.ETag }
  } catch (err) {
    return { caught: err.name, fault: err.$fault, status: err.$metadata.httpStatusCode }
  }
}`

describe('the SDK bridge in the Web Worker kind (double on the page)', () => {
  it('an object put in one invocation comes back in the next, warm and on a new environment', async () => {
    const { host } = await deployed(S3_STORE)
    const put = record(await host.invoke('{"key":"a.txt","put":"hello"}'))
    const warm = record(await host.invoke('{"key":"a.txt"}'))
    await host.resetEnvironments()
    const cold = record(await host.invoke('{"key":"a.txt"}'))
    expect([put, warm, cold].map((r) => [r.environmentId, r.cold])).toEqual([
      [1, true],
      [1, false],
      [2, true],
    ])
    const etag = `"${md5Hex('hello')}"`
    expect(response(put)).toEqual({ etag, status: 200 })
    expect(response(warm)).toEqual({ body: 'hello', etag })
    expect(response(cold)).toEqual({ body: 'hello', etag })
  })

  it('the host makes its own double when given none, shared by its environments', async () => {
    const frame = vmFrame(vm)
    const host = new WebWorkerFunctionHost({ seed: 3, graceMs: 200, frame: () => frame })
    hosts.push(host)
    const config = { ...defaultFunctionConfig(), timeoutSeconds: 5 }
    await host.deploy({ config, code: S3_STORE, language: 'javascript' })
    record(await host.invoke('{"key":"k","put":"v"}'))
    expect(host.services.call('s3', 'GetObject', '{"Bucket":"notes","Key":"k"}')).toMatchObject({
      latencyMs: 10,
      result: { kind: 'call', ok: true },
    })
  })

  it('a missing key is NoSuchKey, a 404 client fault; Duration holds the modeled latency', async () => {
    const { host, services } = await deployed(S3_STORE)
    const put = record(await host.invoke('{"key":"k","put":"v"}'))
    const missing = record(await host.invoke('{"key":"none"}'))
    expect(response(missing)).toEqual({ caught: 'NoSuchKey', fault: 'client', status: 404 })
    // Modeled: PUT 20 ms, GET 10 ms; Lambda logs nothing for a call.
    expect(put.durationMs).toBeGreaterThanOrEqual(20)
    expect(missing.durationMs).toBeGreaterThanOrEqual(10)
    expect(put.logLines.filter((l) => /\t(INFO|ERROR)\t/.test(l))).toEqual([])
    expect(services.calls.map((c) => [c.operation, c.errorType])).toEqual([
      ['PutObject', undefined],
      ['GetObject', 'NoSuchKey'],
    ])
  })

  it('Promise.all of three calls overlaps them, as on Lambda', async () => {
    const code = `
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3')
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs')
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb')
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb')
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}))
exports.handler = async () => {
  const start = Date.now()
  await Promise.all([
    new S3Client({}).send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })),
    new SQSClient({}).send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'm' })),
    db.send(new PutCommand({ TableName: 't', Item: { id: '1' } })),
  ])
  return Date.now() - start
}`
    const latencyMs = { 's3.PutObject': 1000, 'sqs.SendMessage': 1000, 'dynamodb.PutItem': 1000 }
    const { host, services } = await deployed(code, { latencyMs })
    const r = record(await host.invoke('{}'))
    // Given three calls of a second each made together, they end about a second later.
    expect(response(r)).toBeGreaterThanOrEqual(1000)
    expect(response(r)).toBeLessThan(2000)
    expect(r.durationMs).toBeGreaterThanOrEqual(1000)
    expect(services.calls.map((c) => c.operation)).toEqual(['PutObject', 'SendMessage', 'PutItem'])
  })

  it('a timer due before a call returns fires first, each at its own virtual moment', async () => {
    const code = `
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3')
const s3 = new S3Client({})
exports.handler = async () => {
  const start = Date.now()
  const seen = []
  setTimeout(() => seen.push(['timer', Date.now() - start]), 100)
  await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'none' })).catch((e) => seen.push([e.name, Date.now() - start]))
  setTimeout(() => seen.push(['after', Date.now() - start]), 0)
  await new Promise((r) => setTimeout(r, 1))
  return seen
}`
    const { host } = await deployed(code, { latencyMs: { 's3.GetObject': 300 } })
    const seen = response(record(await host.invoke('{}'))) as [string, number][]
    expect(seen.map(([what]) => what)).toEqual(['timer', 'NoSuchKey', 'after'])
    expect(seen[0]?.[1]).toBeGreaterThanOrEqual(100)
    expect(seen[0]?.[1]).toBeLessThan(300)
    expect(seen[1]?.[1]).toBeGreaterThanOrEqual(300)
  })

  it('a call whose latency outlasts the timeout ends in Task timed out at the deadline', async () => {
    const { host } = await deployed(S3_STORE, { latencyMs: { 's3.GetObject': 5000 } }, 1)
    const r = record(await host.invoke('{"key":"k"}'))
    expect(r.error?.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/)
    expect([r.durationMs, r.environmentDiscarded]).toEqual([1000, 'timeout'])
  })

  it('works with a callback-style handler chaining SQS calls', async () => {
    const code = `
const { SQSClient, SendMessageCommand, ReceiveMessageCommand, DeleteMessageCommand } = require('@aws-sdk/client-sqs')
const sqs = new SQSClient({})
const QueueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs'
exports.handler = (event, context, callback) => {
  sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'job-1' }))
    .then(() => sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 })))
    .then((got) => sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages[0].ReceiptHandle })).then(() => got))
    .then((got) => callback(null, { bodies: got.Messages.map((m) => m.Body), md5: got.Messages[0].MD5OfBody }))
}`
    const { host } = await deployed(code)
    const r = record(await host.invoke('{}'))
    expect(response(r)).toEqual({ bodies: ['job-1'], md5: md5Hex('job-1') })
    expect(r.durationMs).toBeGreaterThanOrEqual(15)
  })

  it('a call left unanswered when the handler responds is answered in the next invocation', async () => {
    const code = `
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns')
let late = null
exports.handler = async (event) => {
  if (event.first) { new SNSClient({}).send(new PublishCommand({ TopicArn: 'arn', Message: 'm' })).then((r) => (late = typeof r.MessageId)); return 'sent' }
  await new Promise((r) => setTimeout(r, 20))
  return late
}`
    const { host } = await deployed(code)
    expect(response(record(await host.invoke('{"first":true}')))).toBe('sent')
    expect(response(record(await host.invoke('{}')))).toBe('string')
  })

  it('an @aws-sdk package outside the subset is a Runtime.ImportModuleError naming the subset', async () => {
    const { host } = await deployed(
      `const { KinesisClient } = require('@aws-sdk/client-kinesis')\nexports.handler = async () => 1`,
    )
    const r = record(await host.invoke('{}'))
    expect(r.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(r.error?.errorMessage).toMatch(/^Error: Cannot find module '@aws-sdk\/client-kinesis'/)
    expect(r.error?.errorMessage).toContain(
      'The playground provides a subset of the AWS SDK v3: @aws-sdk/client-s3, @aws-sdk/client-sqs',
    )
  })
})

describe('limits: what the worker sends is untrusted', () => {
  it('past 1,000 unanswered calls, a call is refused at once with the QuickJS kind’s error', async () => {
    const code = `
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs')
const sqs = new SQSClient({})
exports.handler = async () => {
  const results = await Promise.allSettled(Array.from({ length: 1500 }, (_, i) =>
    sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: String(i) }))))
  const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message)
  return { sent: results.length - refused.length, refused: refused.length, why: [...new Set(refused)] }
}`
    const { host, services } = await deployed(code)
    expect(response(record(await host.invoke('{}')))).toEqual({
      sent: 1000,
      refused: 500,
      why: [
        'Too many AWS SDK calls outstanding in this environment: the playground allows 1,000 unanswered calls (and 32 MB of requests waiting to be sent) at a time',
      ],
    })
    expect(services.sqs.messages('q')).toHaveLength(1000)
  })

  it('a malformed call from the worker ends the invocation as a crash, the double untouched', async () => {
    // Pending with nothing to wait for: the worker idles (in wall time) before it gives up.
    const { host, frame, services } = await deployed(
      'exports.handler = () => new Promise(() => {})',
    )
    const pending = host.invoke('{}')
    setTimeout(
      () => frame.forge(1, { t: 'call', id: 1, service: 's3', operation: 'GetObject' }),
      50,
    )
    const r = record(await pending)
    expect(r.error?.errorType).toBe('Runtime.ExitError')
    expect(r.environmentDiscarded).toBe('crash')
    expect(services.calls).toEqual([])
  })

  it('a worker that sends calls past the limit without waiting is cut off as a crash', async () => {
    // Pending with nothing to wait for: the worker idles (in wall time) before it gives up.
    const { host, frame, services } = await deployed(
      'exports.handler = () => new Promise(() => {})',
    )
    const pending = host.invoke('{}')
    setTimeout(() => {
      for (let id = 1; id <= 1001; id++) {
        const requestJson = JSON.stringify({ QueueUrl: 'q', MessageBody: 'm' })
        frame.forge(1, {
          t: 'call',
          id,
          service: 'sqs',
          operation: 'SendMessage',
          requestJson,
          at: 0,
        })
      }
    }, 50)
    const r = record(await pending)
    expect(r.environmentDiscarded).toBe('crash')
    expect(services.calls).toHaveLength(1000)
  })
})
