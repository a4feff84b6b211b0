import { describe, expect, it } from 'vitest'
import { createRng } from '../sim/rng'
import { eventTemplateById, eventTemplates, formatRequestTime, freshenEvent } from './templates'
import type { EventTemplate, JsonObject, JsonValue } from './templates'

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const join = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`)

function template(id: string): EventTemplate {
  const found = eventTemplateById(id)
  if (!found) throw new Error(`no template ${id}`)
  return found
}

/** Leaf values by path, with array indices, for before/after comparisons. */
function leaves(value: JsonValue, at = ''): Map<string, JsonValue> {
  if (value === null || typeof value !== 'object') return new Map([[at, value]])
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`${i}`, v] as const)
    : Object.entries(value)
  return new Map(entries.flatMap(([k, v]) => [...leaves(v, join(at, k))]))
}

function changedPaths(before: JsonValue, after: JsonValue): string[] {
  const [a, b] = [leaves(before), leaves(after)]
  return [...b.keys()].filter((k) => a.get(k) !== b.get(k))
}

const now = Date.UTC(2026, 10, 26, 23, 30, 15, 250)
const each = (paths: string[], count: number): string[] =>
  Array.from({ length: count }, (_, i) => paths.map((p) => `Records.${i}.${p}`)).flat()

const HttpV2Renewed = [
  'headers.x-amzn-trace-id',
  'requestContext.requestId',
  'requestContext.time',
  'requestContext.timeEpoch',
]

/** Exactly the fields `freshenEvent` renews, per template: ids and times, nothing else. */
const Renewed: Record<string, string[]> = {
  'hello-world': [],
  'http-api-get': HttpV2Renewed,
  'http-api-post': HttpV2Renewed,
  'function-url': HttpV2Renewed,
  'rest-api-proxy': [
    'headers.X-Amzn-Trace-Id',
    'multiValueHeaders.X-Amzn-Trace-Id.0',
    'requestContext.requestId',
    'requestContext.extendedRequestId',
    'requestContext.requestTime',
    'requestContext.requestTimeEpoch',
  ],
  's3-put': each(
    [
      'eventTime',
      'responseElements.x-amz-request-id',
      'responseElements.x-amz-id-2',
      's3.object.versionId',
      's3.object.sequencer',
    ],
    1,
  ),
  'sqs-batch': each(
    [
      'messageId',
      'receiptHandle',
      'attributes.SentTimestamp',
      'attributes.ApproximateFirstReceiveTimestamp',
    ],
    2,
  ),
  'eventbridge-scheduled': ['id', 'time'],
  'eventbridge-custom': ['id', 'time'],
  'dynamodb-stream': each(
    ['eventID', 'dynamodb.ApproximateCreationDateTime', 'dynamodb.SequenceNumber'],
    2,
  ),
  'sns-notification': each(['Sns.MessageId', 'Sns.Signature', 'Sns.Timestamp'], 1),
  'kinesis-batch': each(
    ['kinesis.sequenceNumber', 'kinesis.approximateArrivalTimestamp', 'eventID'],
    2,
  ),
}

describe('freshenEvent', () => {
  it.each(eventTemplates.map((t) => [t.id, t] as const))('keeps the shape of %s', (_id, t) => {
    const kinds = (event: JsonValue) =>
      [...leaves(event)].map(([at, v]) => `${at}: ${v === null ? 'null' : typeof v}`)
    // Same leaf paths (keys, array lengths) in the same order, each with the same value type.
    expect(kinds(freshenEvent(t, now, createRng(7)))).toEqual(kinds(t.event))
  })

  it('has a renewal list for every template', () => {
    expect(Object.keys(Renewed).sort()).toEqual(eventTemplates.map((t) => t.id).sort())
  })

  it.each(Object.entries(Renewed))('renews exactly the ids and times of %s', (id, paths) => {
    const t = template(id)
    expect(changedPaths(t.event, freshenEvent(t, now, createRng(7))).sort()).toEqual(
      [...paths].sort(),
    )
  })

  it('is deterministic for a seed and differs between seeds', () => {
    for (const t of eventTemplates) {
      expect(freshenEvent(t, now, createRng(99))).toEqual(freshenEvent(t, now, createRng(99)))
      if (t.id !== 'hello-world') {
        expect(freshenEvent(t, now, createRng(99))).not.toEqual(
          freshenEvent(t, now, createRng(100)),
        )
      }
    }
  })

  it('writes API Gateway times as the access log does, and epoch ms', () => {
    expect(formatRequestTime(Date.UTC(2020, 2, 10, 0, 3, 59))).toBe('10/Mar/2020:00:03:59 +0000')
    const rest = freshenEvent(template('rest-api-proxy'), now, createRng(1))
    const context = rest['requestContext'] as JsonObject
    expect(context['requestTime']).toBe('26/Nov/2026:23:30:15 +0000')
    expect(context['requestTimeEpoch']).toBe(now)
    expect(context['requestId']).toMatch(Uuid)
    expect(context['extendedRequestId']).toMatch(/^[A-Za-z0-9+/]{15}=$/)
    const http = freshenEvent(template('http-api-post'), now, createRng(1))
    const httpContext = http['requestContext'] as JsonObject
    expect(httpContext['time']).toBe('26/Nov/2026:23:30:15 +0000')
    expect(httpContext['timeEpoch']).toBe(now)
    expect(httpContext['requestId']).toMatch(/^[A-Za-z0-9-]{15}=$/)
    expect((http['headers'] as JsonObject)['x-amzn-trace-id']).toMatch(
      new RegExp(`^Root=1-${Math.floor(now / 1000).toString(16)}-[0-9a-f]{24}$`),
    )
    const url = freshenEvent(template('function-url'), now, createRng(1))
    expect((url['requestContext'] as JsonObject)['requestId']).toMatch(Uuid)
  })

  it('writes ISO times for S3, SNS and EventBridge (EventBridge without milliseconds)', () => {
    const s3 = (freshenEvent(template('s3-put'), now, createRng(1))['Records'] as JsonObject[])[0]
    expect(s3?.['eventTime']).toBe('2026-11-26T23:30:15.250Z')
    const sns = (
      freshenEvent(template('sns-notification'), now, createRng(1))['Records'] as JsonObject[]
    )[0]
    expect((sns?.['Sns'] as JsonObject)['Timestamp']).toBe('2026-11-26T23:30:15.250Z')
    expect((sns?.['Sns'] as JsonObject)['MessageId']).toMatch(Uuid)
    const custom = freshenEvent(template('eventbridge-custom'), now, createRng(1))
    expect(custom['time']).toBe('2026-11-26T23:30:15Z')
    expect(custom['id']).toMatch(Uuid)
  })

  it('puts SQS messages before the invocation: sent, then first received (epoch ms strings)', () => {
    const records = freshenEvent(template('sqs-batch'), now, createRng(3))[
      'Records'
    ] as JsonObject[]
    for (const record of records) {
      const { SentTimestamp: sent, ApproximateFirstReceiveTimestamp: received } = record[
        'attributes'
      ] as JsonObject
      expect(sent).toMatch(/^\d{13}$/)
      expect(Number(sent)).toBeLessThan(Number(received))
      expect(Number(received)).toBeLessThanOrEqual(now)
      expect(record['messageId']).toMatch(Uuid)
    }
  })

  it('orders stream records: increasing sequence numbers, times in epoch seconds up to now', () => {
    const dynamo = freshenEvent(template('dynamodb-stream'), now, createRng(5))[
      'Records'
    ] as JsonObject[]
    const streams = dynamo.map((r) => r['dynamodb'] as JsonObject)
    const seqs = streams.map((s) => BigInt(String(s['SequenceNumber'])))
    expect(seqs[0]! < seqs[1]!).toBe(true)
    for (const s of streams) {
      expect(Number.isInteger(s['ApproximateCreationDateTime'])).toBe(true)
      expect(s['ApproximateCreationDateTime']).toBeLessThanOrEqual(now / 1000)
    }
    for (const r of dynamo) expect(r['eventID']).toMatch(/^[0-9a-f]{32}$/)
    const kinesis = freshenEvent(template('kinesis-batch'), now, createRng(5))[
      'Records'
    ] as JsonObject[]
    const payloads = kinesis.map((r) => r['kinesis'] as JsonObject)
    expect(
      BigInt(String(payloads[0]?.['sequenceNumber'])) <
        BigInt(String(payloads[1]?.['sequenceNumber'])),
    ).toBe(true)
    kinesis.forEach((r, i) => {
      const seq = String(payloads[i]?.['sequenceNumber'])
      expect(seq).toMatch(/^\d{56}$/)
      expect(r['eventID']).toBe(`shardId-000000000000:${seq}`)
      const arrival = Number(payloads[i]?.['approximateArrivalTimestamp'])
      expect(arrival).toBeLessThanOrEqual(now / 1000)
      expect(Math.round(arrival * 1000)).toBeCloseTo(arrival * 1000, 3)
    })
  })
})
