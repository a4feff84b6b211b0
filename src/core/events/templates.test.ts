import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Limits, utf8Length } from '../lambda/limits'
import { createRng } from '../sim/rng'
import { eventTemplateById, eventTemplates, freshenEvent } from './templates'
import type { EventTemplate, JsonObject, JsonValue } from './templates'

// CI places shared/ beside the clone, so the samples are found relative to the repo root.
const repoRoot = path.resolve(import.meta.dirname, '../../..')
const fixtureDir = path.resolve(repoRoot, '../shared/fixtures/aws-events')

function fixture(name: string): JsonValue {
  return JSON.parse(readFileSync(path.join(fixtureDir, name), 'utf8')) as JsonValue
}

function template(id: string): EventTemplate {
  const found = eventTemplateById(id)
  if (!found) throw new Error(`no template ${id}`)
  return found
}

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'

function kindOf(value: JsonValue): Kind {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value as Kind
}

/**
 * How a template may differ from a real sample. Paths join keys with dots; `[]` stands for any
 * array element and `*` for any key. Every allowance carries its reason, so the test documents it.
 */
interface Allowances {
  /** Keys the template may leave out. */
  optional?: Record<string, string>
  /** Keys the template has and this sample lacks. */
  extra?: Record<string, string>
  /** Values that may be null where the sample has another type. */
  nullable?: Record<string, string>
  /** Objects whose keys are data (headers, attributes): entries match some entry of the sample. */
  maps?: string[]
  /** Values checked by a predicate instead of by a sample. */
  custom?: Record<string, (value: JsonValue) => boolean>
}

function matches(patterns: Record<string, unknown> | string[] | undefined, at: string): boolean {
  const list = Array.isArray(patterns) ? patterns : Object.keys(patterns ?? {})
  return list.some((p) => {
    const source = p.replace(/[.[\]]/g, '\\$&').replace(/\*/g, '[^.]+')
    return new RegExp(`^${source}$`).test(at)
  })
}

const join = (at: string, key: string): string => (at === '' ? key : `${at}.${key}`)

/**
 * Differences between `actual` and `sample` in keys and value kinds, recursively. Arrays and maps
 * hold variants (e.g. one DynamoDB record with `userIdentity` and one without): each element of
 * the template must match at least one element of the sample.
 */
function shapeDiff(actual: JsonValue, sample: JsonValue, rules: Allowances, at = ''): string[] {
  const custom = Object.entries(rules.custom ?? {}).find(([p]) => matches([p], at))
  if (custom) return custom[1](actual) ? [] : [`${at}: fails ${custom[0]} check`]
  const [kind, expected] = [kindOf(actual), kindOf(sample)]
  if (kind !== expected) {
    if (kind === 'null' && matches(rules.nullable, at)) return []
    return [`${at}: ${kind}, real event has ${expected}`]
  }
  if (Array.isArray(actual) && Array.isArray(sample)) {
    return actual.flatMap((item) => bestOf(item, sample, rules, `${at}[]`))
  }
  if (kind !== 'object') return []
  const [got, want] = [actual as JsonObject, sample as JsonObject]
  if (matches(rules.maps, at)) {
    return Object.values(got).flatMap((item) => bestOf(item, Object.values(want), rules, `${at}.*`))
  }
  const diffs: string[] = []
  for (const key of Object.keys(want)) {
    const inner = got[key]
    if (inner !== undefined)
      diffs.push(...shapeDiff(inner, want[key] as JsonValue, rules, join(at, key)))
    else if (!matches(rules.optional, join(at, key))) diffs.push(`${join(at, key)}: missing`)
  }
  for (const key of Object.keys(got).filter((k) => !(k in want))) {
    const inner = join(at, key)
    if (!matches(rules.extra, inner)) diffs.push(`${inner}: not in real event`)
    else if (matches(rules.custom, inner))
      diffs.push(...shapeDiff(got[key] as JsonValue, null, rules, inner))
  }
  return diffs
}

/** The diffs against the closest variant (none when one matches). */
function bestOf(item: JsonValue, variants: JsonValue[], rules: Allowances, at: string): string[] {
  // An empty list in the sample (e.g. `stringListValues: []`) shows no element type to compare.
  if (variants.length === 0) return []
  const tries = variants.map((variant) => shapeDiff(item, variant, rules, at))
  return tries.reduce((best, next) => (next.length < best.length ? next : best))
}

const DynamoTypes: Record<string, (v: JsonValue) => boolean> = {
  S: (v) => typeof v === 'string',
  N: (v) => typeof v === 'string' && Number.isFinite(Number(v)),
  B: (v) => typeof v === 'string',
  BOOL: (v) => typeof v === 'boolean',
  NULL: (v) => v === true,
  SS: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  NS: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  BS: (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  L: (v) => Array.isArray(v) && v.every(isAttributeValue),
  M: (v) => isAttributeMap(v),
}

/** A DynamoDB AttributeValue: exactly one type descriptor (S, N, BOOL, L, M …) with its value. */
function isAttributeValue(value: JsonValue): boolean {
  if (kindOf(value) !== 'object') return false
  const entries = Object.entries(value as JsonObject)
  const [descriptor, inner] = entries[0] ?? ['', null]
  return entries.length === 1 && DynamoTypes[descriptor]?.(inner) === true
}

function isAttributeMap(value: JsonValue): boolean {
  return kindOf(value) === 'object' && Object.values(value as JsonObject).every(isAttributeValue)
}

/** Keys whose names are request data, not event structure. */
const HttpMaps = ['headers', 'multiValueHeaders', 'queryStringParameters']
const HttpMoreMaps = ['multiValueQueryStringParameters', 'pathParameters', 'stageVariables']

/**
 * HTTP API payload 2.0 (AWS docs, "Create AWS Lambda proxy integrations for HTTP APIs"): these
 * keys appear only when the request has them. We compare with the JWT-authorizer sample, the
 * variant that has them all; the no-authorizer sample is checked below too.
 */
const HttpApiOptional = {
  cookies: 'only when the request sends cookies',
  queryStringParameters: 'only when the request has a query string',
  pathParameters: 'only for routes with path variables',
  stageVariables: 'only when the stage defines stage variables',
  body: 'only when the request has a body (our GET has none)',
  'requestContext.authorizer': 'only when the route has an authorizer (ours have none)',
  'requestContext.authentication': 'only with mutual TLS (DefinitelyTyped marks it optional)',
}

const HttpApiRules: Allowances = { optional: HttpApiOptional, maps: [...HttpMaps, ...HttpMoreMaps] }

const RestApiRules: Allowances = {
  optional: {
    'requestContext.authorizer': 'only when the method has an authorizer (ours has none)',
  },
  extra: {
    isBase64Encoded: 'real payload 1.0 events have it (reference §4; the Go sample omits it)',
    'requestContext.identity.principalOrgId':
      'real events have it (AWS docs example; DefinitelyTyped APIGatewayEventIdentity)',
  },
  nullable: {
    // The Go sample fills every identity field; AWS sends null for the ones the caller did not use
    // (no IAM, Cognito, API key or mutual TLS): DefinitelyTyped types them `string | null`.
    'requestContext.identity.*': 'null when that authentication method was not used',
  },
  maps: [...HttpMaps, ...HttpMoreMaps],
}

const FunctionUrlRules: Allowances = {
  optional: {
    'requestContext.authorizer': 'only with auth type AWS_IAM (ours is NONE)',
  },
  extra: {
    // The AWS docs' function URL payload example (Lambda developer guide, "Invoking function
    // URLs") has these; the Go sample leaves them out. Reference §4: routeKey `$default`.
    routeKey: 'always `$default` for function URLs',
    'requestContext.routeKey': 'always `$default` for function URLs',
    'requestContext.stage': 'always `$default` for function URLs',
  },
  maps: HttpMaps,
}

const DynamoRules: Allowances = {
  // The sample's two INSERT records differ: only the first has `userIdentity`, which AWS documents
  // for items deleted by TTL only; our records match the second variant, so no allowance is needed.
  extra: {
    'Records[].dynamodb.OldImage': 'MODIFY and REMOVE carry the old image (NEW_AND_OLD_IMAGES)',
  },
  custom: {
    'Records[].dynamodb.Keys': isAttributeMap,
    'Records[].dynamodb.NewImage': isAttributeMap,
    'Records[].dynamodb.OldImage': isAttributeMap,
  },
}

/** Template id → sample file and allowances. Every template with a real sample is here. */
const SampleChecks: [string, string, Allowances][] = [
  ['http-api-get', 'apigw-v2-request-jwt-authorizer.json', HttpApiRules],
  ['http-api-post', 'apigw-v2-request-jwt-authorizer.json', HttpApiRules],
  ['rest-api-proxy', 'apigw-request.json', RestApiRules],
  ['function-url', 'lambda-urls-request.json', FunctionUrlRules],
  ['s3-put', 's3-event.json', {}],
  // SQS attribute variants: String/Number carry `stringValue`, Binary `binaryValue`; ours are
  // String and Number, so they match the sample's Attribute1/Attribute2 shape.
  ['sqs-batch', 'sqs-event.json', { maps: ['Records[].messageAttributes'] }],
  ['dynamodb-stream', 'dynamodb-event.json', DynamoRules],
  // SNS attribute variants differ only in Type (String/Binary), not in keys.
  ['sns-notification', 'sns-event.json', { maps: ['Records[].Sns.MessageAttributes'] }],
  ['kinesis-batch', 'kinesis-event.json', {}],
]

describe('event templates against real AWS sample events', () => {
  it.each(SampleChecks)('%s has the keys and value types of %s', (id, file, rules) => {
    expect(shapeDiff(template(id).event, fixture(file), rules)).toEqual([])
  })

  it.each(SampleChecks)('%s still matches %s after freshenEvent', (id, file, rules) => {
    const fresh = freshenEvent(template(id), Date.UTC(2026, 10, 26, 23, 30), createRng(11))
    expect(shapeDiff(fresh, fixture(file), rules)).toEqual([])
  })

  it('accepts the HTTP API GET against the no-authorizer sample too', () => {
    const sample = fixture('apigw-v2-request-no-authorizer.json')
    expect(shapeDiff(template('http-api-get').event, sample, HttpApiRules)).toEqual([
      'queryStringParameters: not in real event',
    ])
  })

  it('catches a missing key, a wrong type and an unknown key (the checker is not vacuous)', () => {
    const event = JSON.parse(JSON.stringify(template('kinesis-batch').event)) as JsonObject
    const [record] = event['Records'] as JsonObject[]
    if (!record) throw new Error('no record')
    delete record['eventName']
    record['awsRegion'] = 1
    record['surprise'] = true
    expect(shapeDiff(event, fixture('kinesis-event.json'), {})).toEqual([
      'Records[].eventName: missing',
      'Records[].awsRegion: number, real event has string',
      'Records[].surprise: not in real event',
    ])
  })

  it('checks the entries of user-keyed maps against the real entries', () => {
    const event = JSON.parse(JSON.stringify(template('sqs-batch').event)) as JsonObject
    const [record] = event['Records'] as JsonObject[]
    record!['messageAttributes'] = { source: { stringValue: 'web', dataType: 'String' } }
    expect(
      shapeDiff(event, fixture('sqs-event.json'), { maps: ['Records[].messageAttributes'] }),
    ).toEqual([
      'Records[].messageAttributes.*.stringListValues: missing',
      'Records[].messageAttributes.*.binaryListValues: missing',
    ])
  })

  it('checks every template with a sample; only hello-world and EventBridge have none', () => {
    const checked = new Set(SampleChecks.map(([id]) => id))
    const unchecked = eventTemplates.map((t) => t.id).filter((id) => !checked.has(id))
    expect(unchecked).toEqual(['hello-world', 'eventbridge-scheduled', 'eventbridge-custom'])
  })
})

describe('templates without a sample file', () => {
  it('hello-world is the Lambda console default', () => {
    expect(template('hello-world').event).toEqual({
      key1: 'value1',
      key2: 'value2',
      key3: 'value3',
    })
  })

  // Keys and kinds from the fixtures README (no Go sample exists for EventBridge events).
  const EventBridgeKinds: Record<string, Kind> = {
    version: 'string',
    id: 'string',
    'detail-type': 'string',
    source: 'string',
    account: 'string',
    time: 'string',
    region: 'string',
    resources: 'array',
    detail: 'object',
  }

  it.each(['eventbridge-scheduled', 'eventbridge-custom'])('%s has the EventBridge keys', (id) => {
    const event = template(id).event
    const kinds = Object.fromEntries(Object.entries(event).map(([k, v]) => [k, kindOf(v)]))
    expect(kinds).toEqual(EventBridgeKinds)
    expect(event['version']).toBe('0')
    expect(event['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect((event['resources'] as JsonValue[]).every((r) => typeof r === 'string')).toBe(true)
  })

  it('the scheduled event comes from aws.events with the rule ARN and an empty detail', () => {
    const event = template('eventbridge-scheduled').event
    expect(event['detail-type']).toBe('Scheduled Event')
    expect(event['source']).toBe('aws.events')
    expect(event['resources']).toEqual([
      'arn:aws:events:us-east-1:123456789012:rule/nightly-report',
    ])
    expect(event['detail']).toEqual({})
  })
})

/** Every string in a JSON value, with its path. */
function strings(value: JsonValue, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]]
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => strings(v, join(at, k)))
}

const Uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('template values are consistent', () => {
  it('has unique ids and fetches each by id', () => {
    const ids = eventTemplates.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const t of eventTemplates) expect(eventTemplateById(t.id)).toBe(t)
    expect(eventTemplateById('nope')).toBeUndefined()
  })

  it.each(eventTemplates.map((t) => [t.id, t] as const))(
    '%s names only us-east-1 and account 123456789012 in regions and ARNs',
    (_id, t) => {
      for (const [at, text] of strings(t.event)) {
        if (/(^|\.)(awsRegion|region)$/.test(at)) expect(text).toBe('us-east-1')
        for (const arn of text.match(/arn:aws:[a-z0-9-]+:[a-z0-9-]*:\d*:/g) ?? []) {
          const [, , , region, account] = arn.split(':')
          expect(['', 'us-east-1']).toContain(region)
          expect(['', '123456789012']).toContain(account)
        }
      }
    },
  )

  it('uses UUIDs for request and message ids where AWS does', () => {
    const rest = template('rest-api-proxy').event['requestContext'] as JsonObject
    const url = template('function-url').event['requestContext'] as JsonObject
    const sqs = template('sqs-batch').event['Records'] as JsonObject[]
    const sns = (template('sns-notification').event['Records'] as JsonObject[])[0]?.[
      'Sns'
    ] as JsonObject
    const ids = [
      rest['requestId'],
      url['requestId'],
      sns['MessageId'],
      ...sqs.map((r) => r['messageId']),
    ]
    ids.push(template('eventbridge-custom').event['id'] ?? null)
    for (const id of ids) expect(id).toMatch(Uuid)
  })

  it('encodes Kinesis data as base64 of JSON', () => {
    for (const record of template('kinesis-batch').event['Records'] as JsonObject[]) {
      const data = (record['kinesis'] as JsonObject)['data'] as string
      expect(Buffer.from(data, 'base64').toString('base64')).toBe(data)
      expect(JSON.parse(Buffer.from(data, 'base64').toString('utf8'))).toHaveProperty('sensor')
    }
  })

  it('keeps each SQS md5OfBody equal to the MD5 of its body', async () => {
    const { createHash } = await import('node:crypto')
    for (const record of template('sqs-batch').event['Records'] as JsonObject[]) {
      const md5 = createHash('md5').update(String(record['body'])).digest('hex')
      expect(record['md5OfBody']).toBe(md5)
    }
  })

  it.each(eventTemplates.map((t) => [t.id, t] as const))(
    '%s serializes under the 6 MB sync payload limit and parses back identical',
    (_id, t) => {
      const text = JSON.stringify(t.event)
      expect(utf8Length(text)).toBeLessThan(Limits.SyncRequestBytes)
      expect(JSON.parse(text)).toEqual(t.event)
    },
  )

  it('templates are frozen, so the playground cannot edit a shared one by accident', () => {
    const event = template('sqs-batch').event
    expect(Object.isFrozen(event)).toBe(true)
    expect(Object.isFrozen((event['Records'] as JsonObject[])[0])).toBe(true)
  })
})
