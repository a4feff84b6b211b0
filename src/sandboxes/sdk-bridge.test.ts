import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../core/lambda/function-config'
import { createFunctionHost } from './function-host'
import type { QuickJSFunctionHost } from './function-host'
import { nodeWasmSource } from './quickjs/load-quickjs-node'
import { md5Hex } from './services/md5'
import { createServiceDouble } from './services/service-double'
import type { ServiceDoubleOptions } from './services/service-double'
import { appLines, deployed, disposeHosts, invoked, response } from './testing'

afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

const own: QuickJSFunctionHost[] = []
afterEach(async () => {
  let leaks = 0
  for (const host of own.splice(0)) {
    await host.dispose()
    leaks += host.leakedEnvironments
  }
  expect(leaks).toBe(0)
})

/** A host whose double is given: latencies or resources set by the test. */
async function withDouble(code: string, options: ServiceDoubleOptions, timeoutSeconds = 5) {
  const services = createServiceDouble(options)
  const host = createFunctionHost({ wasm: nodeWasmSource, seed: 7, services, verifyDisposal: true })
  own.push(host)
  await host.deploy({
    config: { ...defaultFunctionConfig(), timeoutSeconds },
    code,
    language: 'javascript',
  })
  return { host, services }
}

const S3_STORE = `
import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({ region: 'us-east-1' })
export const handler = async (event) => {
  if (event.put) {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'notes', Key: event.key, Body: event.put }))
    return { etag: put.ETag, status: put.$metadata.httpStatusCode }
  }
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'notes', Key: event.key }))
    return { body: await got.Body.transformToString(), etag: got.ETag, modified: got.LastModified instanceof Date }
  } catch (err) {
    return { caught: err.name, fault: err.$fault, status: err.$metadata.httpStatusCode, message: err.message }
  }
}`

describe('the AWS SDK bridge in the Function view (QuickJS host with its service double)', () => {
  it('an object put in one invocation comes back in the next, warm and on a new environment', async () => {
    const host = await deployed(S3_STORE)
    const put = await invoked(host, { key: 'a.txt', put: 'hello' })
    const warm = await invoked(host, { key: 'a.txt' })
    await host.resetEnvironments()
    const cold = await invoked(host, { key: 'a.txt' })
    // Given a put on environment 1, the warm get on environment 1 and the cold get on
    // environment 2 both read it: the double belongs to the host, not to an environment.
    expect([put, warm, cold].map((r) => [r.environmentId, r.cold])).toEqual([
      [1, true],
      [1, false],
      [2, true],
    ])
    const etag = '"5d41402abc4b2a76b9719d911017c592"' // MD5 of "hello", as S3 gives it
    expect(response(put)).toEqual({ etag, status: 200 })
    expect(response(warm)).toEqual({ body: 'hello', etag, modified: true })
    expect(response(cold)).toEqual({ body: 'hello', etag, modified: true })
  })

  it('a missing key rejects with NoSuchKey, a 404 client fault the handler catches', async () => {
    const host = await deployed(S3_STORE)
    const record = await invoked(host, { key: 'missing.txt' })
    expect(response(record)).toEqual({
      caught: 'NoSuchKey',
      fault: 'client',
      status: 404,
      message: 'The specified key does not exist.',
    })
  })

  it("Duration holds the call's modeled latency (virtual time), and Lambda logs nothing for it", async () => {
    const host = await deployed(S3_STORE)
    const put = await invoked(host, { key: 'k', put: 'v' })
    const get = await invoked(host, { key: 'k' })
    // Modeled: PUT 20 ms, GET 10 ms (services/service-double.ts).
    expect(put.durationMs).toBeGreaterThanOrEqual(20)
    expect(get.durationMs).toBeGreaterThanOrEqual(10)
    expect(appLines(put)).toEqual([])
    expect(appLines(get)).toEqual([])
  })

  it('Promise.all of three calls to three services overlaps them, as on Lambda', async () => {
    const code = `
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
const s3 = new S3Client({})
const sqs = new SQSClient({})
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}))
export const handler = async () => {
  const start = Date.now()
  const [put, sent, item] = await Promise.all([
    s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })),
    sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', MessageBody: 'm' })),
    db.send(new PutCommand({ TableName: 't', Item: { id: '1', n: 2 } })),
  ])
  return { waited: Date.now() - start, etag: typeof put.ETag, messageId: typeof sent.MessageId, item: item.$metadata.httpStatusCode }
}`
    // Latencies of a second each: overlapped they take about one second, in turn three.
    const latencyMs = { 's3.PutObject': 1000, 'sqs.SendMessage': 1000, 'dynamodb.PutItem': 1000 }
    const { host, services } = await withDouble(code, { latencyMs })
    const record = await invoked(host)
    const out = response(record) as { waited: number }
    expect(out).toMatchObject({ etag: 'string', messageId: 'string', item: 200 })
    expect(out.waited).toBeGreaterThanOrEqual(1000)
    expect(out.waited).toBeLessThan(2000)
    expect(services.calls.map((c) => `${c.service}.${c.operation}`)).toEqual([
      's3.PutObject',
      'sqs.SendMessage',
      'dynamodb.PutItem',
    ])
  })

  it('a timer set to fire before a call returns fires first, each at its own virtual moment', async () => {
    const code = `
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
export const handler = async () => {
  const start = Date.now()
  const seen = []
  setTimeout(() => seen.push(['timer', Date.now() - start]), 100)
  await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'none' })).catch((e) => seen.push([e.name, Date.now() - start]))
  return seen
}`
    const { host } = await withDouble(code, { latencyMs: { 's3.GetObject': 300 } })
    const seen = response(await invoked(host)) as [string, number][]
    expect(seen.map(([what]) => what)).toEqual(['timer', 'NoSuchKey'])
    expect(seen[0]?.[1]).toBeGreaterThanOrEqual(100)
    expect(seen[0]?.[1]).toBeLessThan(300)
    expect(seen[1]?.[1]).toBeGreaterThanOrEqual(300)
  })

  it('a call whose latency outlasts the timeout ends in Task timed out', async () => {
    const { host } = await withDouble(S3_STORE, { latencyMs: { 's3.GetObject': 5000 } }, 1)
    const record = await invoked(host, { key: 'k' })
    expect(record.status).toBe('failed')
    expect(record.error?.errorMessage).toMatch(/Task timed out after 1.00 seconds$/)
    expect(record.durationMs).toBe(1000)
  })

  it('works through CommonJS require, with a callback-style handler', async () => {
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
    const host = await deployed(code)
    expect(response(await invoked(host))).toEqual({
      bodies: ['job-1'],
      md5: md5Hex('job-1'),
    })
  })

  it('makes calls during INIT (top-level await), their latency in the Init Duration', async () => {
    const code = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb'
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}))
await db.send(new PutCommand({ TableName: 'config', Item: { id: 'flags', beta: true } }))
const { Item } = await db.send(new GetCommand({ TableName: 'config', Key: { id: 'flags' } }))
export const handler = async () => Item`
    const host = await deployed(code)
    const record = await invoked(host)
    expect(response(record)).toEqual({ id: 'flags', beta: true })
    expect(record.initDurationMs).toBeGreaterThanOrEqual(10)
  })
})

describe('what the SDK subset refuses, and how it says so', () => {
  it('an @aws-sdk package outside the subset is a Runtime.ImportModuleError naming the subset (ESM and CommonJS)', async () => {
    for (const code of [
      `import { KinesisClient } from '@aws-sdk/client-kinesis'\nexport const handler = async () => 1`,
      `const { KinesisClient } = require('@aws-sdk/client-kinesis')\nexports.handler = async () => 1`,
    ]) {
      const record = await invoked(await deployed(code))
      expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
      expect(record.error?.errorMessage).toContain("'@aws-sdk/client-kinesis'")
      expect(record.error?.errorMessage).toContain(
        'The playground provides a subset of the AWS SDK v3: @aws-sdk/client-s3, @aws-sdk/client-sqs',
      )
    }
  })

  it('any other package stays a plain Runtime.ImportModuleError', async () => {
    const record = await invoked(
      await deployed(`import _ from 'lodash'\nexport const handler = async () => 1`),
    )
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).not.toContain('AWS SDK')
  })

  it('a command outside the subset fails with the list of those that exist', async () => {
    const esm = await deployed(
      `import { CopyObjectCommand } from '@aws-sdk/client-s3'\nexport const handler = async () => 1`,
    )
    const linked = await invoked(esm)
    expect(linked.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(linked.error?.errorMessage).toContain(
      "The requested module '@aws-sdk/client-s3' does not provide an export named 'CopyObjectCommand'",
    )
    expect(linked.error?.errorMessage).toContain('PutObjectCommand, GetObjectCommand')
    const cjs = await deployed(`
const s3 = require('@aws-sdk/client-s3')
exports.handler = async () => { try { return s3.CopyObjectCommand } catch (e) { return e.message } }`)
    expect(response(await invoked(cjs))).toMatch(
      /^CopyObjectCommand is not part of the playground's @aws-sdk\/client-s3 \(it provides S3Client, PutObjectCommand/,
    )
  })

  it("sending another service's command, or a plain object, rejects with the client's subset", async () => {
    const code = `
import { S3Client } from '@aws-sdk/client-s3'
import { PublishCommand } from '@aws-sdk/client-sns'
const s3 = new S3Client({})
export const handler = async () => Promise.all([
  s3.send(new PublishCommand({ TopicArn: 'arn', Message: 'm' })).catch((e) => e.message),
  s3.send({ input: {} }).catch((e) => e.message),
])`
    const [other, plain] = response(await invoked(await deployed(code))) as string[]
    expect(other).toBe(
      "S3Client cannot send PublishCommand: the playground's @aws-sdk/client-s3 supports PutObjectCommand, GetObjectCommand, ListObjectsV2Command",
    )
    expect(plain).toContain('S3Client cannot send Object')
  })
})

describe('the other services of the subset', () => {
  it('DynamoDB through the document client: put, conditional put, update, query, delete', async () => {
    const code = `
import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, PutCommand, GetCommand, UpdateCommand, QueryCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb'
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}))
const TableName = 'orders'
export const handler = async () => {
  for (const sk of ['2026-01-02', '2026-01-01', '2026-01-03']) {
    await db.send(new PutCommand({ TableName, Item: { pk: 'customer#1', sk, total: 10, tags: ['a'] } }))
  }
  const again = await db.send(new PutCommand({ TableName, Item: { pk: 'customer#1', sk: '2026-01-01' }, ConditionExpression: 'attribute_not_exists(pk)' }))
    .catch((e) => [e.name, e instanceof ConditionalCheckFailedException, e.$metadata.httpStatusCode])
  const updated = await db.send(new UpdateCommand({
    TableName, Key: { pk: 'customer#1', sk: '2026-01-02' },
    UpdateExpression: 'SET #t = #t + :inc, paid = :yes', ExpressionAttributeNames: { '#t': 'total' },
    ExpressionAttributeValues: { ':inc': 5, ':yes': true }, ReturnValues: 'ALL_NEW',
  }))
  const query = await db.send(new QueryCommand({
    TableName, KeyConditionExpression: 'pk = :p AND begins_with(sk, :m)',
    ExpressionAttributeValues: { ':p': 'customer#1', ':m': '2026-01' }, ScanIndexForward: false,
  }))
  await db.send(new DeleteCommand({ TableName, Key: { pk: 'customer#1', sk: '2026-01-03' } }))
  const gone = await db.send(new GetCommand({ TableName, Key: { pk: 'customer#1', sk: '2026-01-03' } }))
  return { again, updated: updated.Attributes, order: query.Items.map((i) => i.sk), count: query.Count, gone: gone.Item ?? null }
}`
    const { host, services } = await withDouble(code, { tables: { orders: ['pk', 'sk'] } })
    expect(response(await invoked(host))).toEqual({
      again: ['ConditionalCheckFailedException', true, 400],
      updated: { pk: 'customer#1', sk: '2026-01-02', total: 15, tags: ['a'], paid: true },
      order: ['2026-01-03', '2026-01-02', '2026-01-01'],
      count: 3,
      gone: null,
    })
    // The double holds wire-format items: the document client marshalled them in the guest.
    const stored = [...(services.dynamodb.tables.get('orders')?.items.values() ?? [])]
    expect(stored.find((item) => item.sk?.S === '2026-01-01')).toMatchObject({
      pk: { S: 'customer#1' },
      total: { N: '10' },
      tags: { L: [{ S: 'a' }] },
    })
  })

  it('an undeclared table, when resources are not made on use, is a ResourceNotFoundException', async () => {
    const code = `
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb'
const db = new DynamoDBClient({})
export const handler = async () => db.send(new GetItemCommand({ TableName: 'nope', Key: { id: { S: '1' } } }))
  .catch((e) => ({ name: e.name, fault: e.$fault, status: e.$metadata.httpStatusCode, attempts: e.$metadata.attempts }))`
    const { host } = await withDouble(code, { autoCreate: false })
    expect(response(await invoked(host))).toEqual({
      name: 'ResourceNotFoundException',
      fault: 'client',
      status: 400,
      attempts: 1,
    })
  })

  it('EventBridge and SNS accept and record; Lambda Invoke answers 200 with a null payload', async () => {
    const code = `
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns'
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda'
export const handler = async () => {
  const put = await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: '{"id":1}' }] }))
  const pub = await new SNSClient({}).send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'hi' }))
  const inv = await new LambdaClient({}).send(new InvokeCommand({ FunctionName: 'other', Payload: JSON.stringify({ a: 1 }) }))
  return { failed: put.FailedEntryCount, ids: put.Entries.length, pub: typeof pub.MessageId, status: inv.StatusCode, payload: inv.Payload.transformToString(), bytes: inv.Payload instanceof Uint8Array }
}`
    const { host, services } = await withDouble(code, {})
    expect(response(await invoked(host))).toEqual({
      failed: 0,
      ids: 1,
      pub: 'string',
      status: 200,
      payload: 'null',
      bytes: true,
    })
    expect(services.recorded.events).toMatchObject([{ source: 'shop', detailType: 'OrderPlaced' }])
    expect(services.recorded.published).toMatchObject([{ message: 'hi' }])
    expect(services.recorded.invoked).toEqual([
      { functionName: 'other', invocationType: 'RequestResponse', payload: '{"a":1}' },
    ])
  })
})

describe("the shim's callback after the handler returned", () => {
  it('a callback called later (after a timer) gives the response, as in Lambda’s runtime', async () => {
    const host = await deployed(
      'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { late: true }), 50) }',
    )
    const record = await invoked(host)
    expect(response(record)).toEqual({ late: true })
    expect(record.durationMs).toBeGreaterThanOrEqual(50)
  })
})

describe('limits that keep a flood of calls from filling the host', () => {
  it('past 1,000 unanswered calls in an environment, a call is refused at once with a clear error', async () => {
    const code = `
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs'
const sqs = new SQSClient({})
export const handler = async () => {
  const results = await Promise.allSettled(Array.from({ length: 1500 }, (_, i) =>
    sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: String(i) }))))
  const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message)
  return { sent: results.length - refused.length, refused: refused.length, why: [...new Set(refused)] }
}`
    const { host, services } = await withDouble(code, {})
    expect(response(await invoked(host))).toEqual({
      sent: 1000,
      refused: 500,
      why: [
        'Too many AWS SDK calls outstanding in this environment: the playground allows 1,000 unanswered calls (and 32 MB of requests waiting to be sent) at a time',
      ],
    })
    expect(services.sqs.messages('q')).toHaveLength(1000)
  })
})
