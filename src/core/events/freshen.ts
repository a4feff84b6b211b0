/**
 * `freshenEvent`: a copy of a template's event with new ids and timestamps, each in the format
 * the real service uses, so repeated test invocations look like distinct real deliveries.
 * All randomness comes from the injected `Rng`: the same seed and `now` give the same event.
 */
import { randomHex, randomInt, randomUuid, type Rng } from '../sim/rng'
import type { EventSourceId, EventTemplate, JsonObject, JsonValue } from './types'

const Months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const Base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/**
 * API Gateway's access-log time, in UTC: `10/Mar/2020:00:03:59 +0000`.
 *
 * @example formatRequestTime(Date.UTC(2020, 2, 10, 0, 3, 59)) // '10/Mar/2020:00:03:59 +0000'
 */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs)
  const day = `${pad2(d.getUTCDate())}/${Months[d.getUTCMonth()]}/${d.getUTCFullYear()}`
  const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  return `${day}:${clock} +0000`
}

/** ISO 8601 in UTC without milliseconds, as EventBridge writes `time`: `2025-03-10T12:00:00Z`. */
export function isoSeconds(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

function randomBase64(rng: Rng, count: number): string {
  let out = ''
  for (let i = 0; i < count; i++) out += Base64Chars[randomInt(rng, 64)]
  return out
}

function randomDigits(rng: Rng, count: number): string {
  let out = String(1 + randomInt(rng, 9))
  for (let i = 1; i < count; i++) out += String(randomInt(rng, 10))
  return out
}

/** `Root=1-<epoch seconds, 8 hex>-<24 hex>`, the X-Ray trace header API Gateway adds. */
function traceHeader(now: number, rng: Rng): string {
  return `Root=1-${Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomHex(rng, 24)}`
}

/** `count` increasing decimal strings of `digits` digits, as stream sequence numbers are. */
function sequenceNumbers(rng: Rng, digits: number, count: number): string[] {
  const head = randomDigits(rng, digits - 12)
  const tail = randomInt(rng, 1e11)
  return Array.from(
    { length: count },
    (_, i) => head + String(tail + i * (1 + randomInt(rng, 1e6))).padStart(12, '0'),
  )
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function child(parent: JsonObject, key: string): JsonObject {
  const value = parent[key]
  if (!isObject(value)) throw new TypeError(`freshenEvent: "${key}" is not an object`)
  return value
}

function records(event: JsonObject): JsonObject[] {
  const list = event['Records']
  if (!Array.isArray(list) || !list.every(isObject)) {
    throw new TypeError('freshenEvent: "Records" is not a list of objects')
  }
  return list
}

/** Sets a header in whichever casing the event already uses; adds nothing that is absent. */
function setHeader(event: JsonObject, name: string, value: string): void {
  const headers = child(event, 'headers')
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  if (key === undefined) return
  headers[key] = value
  const multi = event['multiValueHeaders']
  if (isObject(multi) && key in multi) multi[key] = [value]
}

type Freshener = (event: JsonObject, now: number, rng: Rng) => void

/** HTTP API 2.0 and function URLs differ only in the request id format. */
function freshenV2(requestId: (rng: Rng) => string): Freshener {
  return (event, now, rng) => {
    const context = child(event, 'requestContext')
    context['requestId'] = requestId(rng)
    context['time'] = formatRequestTime(now)
    context['timeEpoch'] = now
    setHeader(event, 'x-amzn-trace-id', traceHeader(now, rng))
  }
}

const freshenHttpApi = freshenV2((rng) => `${randomBase64(rng, 15).replace(/[+/]/g, '-')}=`)

const freshenApiGateway: Freshener = (event, now, rng) => {
  if (event['version'] === '2.0') return freshenHttpApi(event, now, rng)
  const context = child(event, 'requestContext')
  context['requestId'] = randomUuid(rng)
  context['extendedRequestId'] = `${randomBase64(rng, 15)}=`
  context['requestTime'] = formatRequestTime(now)
  context['requestTimeEpoch'] = now
  setHeader(event, 'x-amzn-trace-id', traceHeader(now, rng))
}

const freshenS3: Freshener = (event, now, rng) => {
  for (const record of records(event)) {
    record['eventTime'] = new Date(now).toISOString()
    const response = child(record, 'responseElements')
    response['x-amz-request-id'] = randomHex(rng, 16).toUpperCase()
    response['x-amz-id-2'] = `${randomBase64(rng, 75)}=`
    const object = child(child(record, 's3'), 'object')
    // A new Put is a new version with a later sequencer (hex, ordered per key).
    if ('versionId' in object) object['versionId'] = randomBase64(rng, 32).replace(/[+/]/g, '_')
    object['sequencer'] = (now.toString(16) + randomHex(rng, 6)).toUpperCase().padStart(18, '0')
  }
}

const freshenSqs: Freshener = (event, now, rng) => {
  records(event).forEach((record, i) => {
    const sent = now - 1000 + i * 100 + randomInt(rng, 100)
    record['messageId'] = randomUuid(rng)
    record['receiptHandle'] = `AQEB${randomBase64(rng, 120)}`
    const attributes = child(record, 'attributes')
    attributes['SentTimestamp'] = String(sent)
    attributes['ApproximateFirstReceiveTimestamp'] = String(now - randomInt(rng, 50))
  })
}

const freshenEventBridge: Freshener = (event, now, rng) => {
  event['id'] = randomUuid(rng)
  event['time'] = isoSeconds(now)
}

const freshenDynamoDb: Freshener = (event, now, rng) => {
  const list = records(event)
  const sequence = sequenceNumbers(rng, 24, list.length)
  list.forEach((record, i) => {
    record['eventID'] = randomHex(rng, 32)
    const stream = child(record, 'dynamodb')
    // Epoch seconds: the record's change happened at or before the invocation.
    stream['ApproximateCreationDateTime'] = Math.floor(now / 1000) - (list.length - 1 - i)
    stream['SequenceNumber'] = sequence[i] ?? ''
  })
}

const freshenSns: Freshener = (event, now, rng) => {
  for (const record of records(event)) {
    const sns = child(record, 'Sns')
    sns['MessageId'] = randomUuid(rng)
    sns['Timestamp'] = new Date(now).toISOString()
    sns['Signature'] = `${randomBase64(rng, 342)}==`
  }
}

const freshenKinesis: Freshener = (event, now, rng) => {
  const list = records(event)
  const sequence = sequenceNumbers(rng, 56, list.length)
  list.forEach((record, i) => {
    const kinesis = child(record, 'kinesis')
    const seq = sequence[i] ?? ''
    kinesis['sequenceNumber'] = seq
    // Epoch seconds with millisecond fraction, increasing along the shard.
    const arrivalMs = now - 1000 + i * 100 + randomInt(rng, 100)
    kinesis['approximateArrivalTimestamp'] = arrivalMs / 1000
    const shard = String(record['eventID'] ?? 'shardId-000000000000:').split(':')[0]
    record['eventID'] = `${shard}:${seq}`
  })
}

const Fresheners: Record<EventSourceId, Freshener> = {
  // The console's hello-world event has no ids or times to renew.
  console: () => undefined,
  'aws:apigateway': freshenApiGateway,
  'aws:lambda-url': freshenV2(randomUuid),
  'aws:s3': freshenS3,
  'aws:sqs': freshenSqs,
  'aws:events': freshenEventBridge,
  'aws:dynamodb': freshenDynamoDb,
  'aws:sns': freshenSns,
  'aws:kinesis': freshenKinesis,
}

/**
 * A copy of `template.event` with new ids and timestamps (at `now`, epoch ms) in the formats of
 * the real event; everything else, including bodies and their digests, is unchanged.
 * The template itself is not modified.
 *
 * @example
 * const event = freshenEvent(eventTemplateById('sqs-batch')!, Date.now(), createRng(1))
 */
export function freshenEvent(template: EventTemplate, now: number, rng: Rng): JsonObject {
  const event = JSON.parse(JSON.stringify(template.event)) as JsonObject
  Fresheners[template.source](event, now, rng)
  return event
}
