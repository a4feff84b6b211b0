import { SDK_PACKAGES } from './sdk-packages'

/**
 * Body of the guest-side AWS SDK subset, a lazily compiled part of the shim (`SDK_PARTS`): the
 * host compiles it on the first `import`/`require` of an `@aws-sdk/*` package, off the
 * environment's clock and under the shim's file name (its frames stay out of user stacks), so
 * cold starts of functions that never use it do not parse it. Parameters:
 * `(call, parse, stringify, TextEncoder, TextDecoder)`, where
 * `call(service, operation, requestJson)` is the shim's bridge (sdk-bridge.ts) and resolves to
 * `{ ok, text }`; it returns `(packageName) => exports | undefined`.
 *
 * What it does, as AWS SDK v3 does it: `client.send(command)` (a promise, or a Node callback as
 * third argument) sends `{ service, operation, input }`; the output gets `$metadata`
 * (`httpStatusCode`, `requestId`, `attempts: 1`, `totalRetryDelay: 0`); a failure rejects with
 * an error of the package's class for its name (`NoSuchKey`, `ResourceNotFoundException`, … or
 * the service's base exception), with `name`, `$fault` and `$metadata`. `GetObject`'s `Body` has
 * `transformToString()`, `transformToByteArray()` and async iteration; `Invoke`'s `Payload` is a
 * `Uint8Array` with `transformToString()`; `LastModified` is a `Date`. The document client
 * (`@aws-sdk/lib-dynamodb`) marshalls plain values to DynamoDB's attribute values and back.
 * Bodies and payloads are text (UTF-8); streams as input are not supported.
 */
export const SDK_CLIENTS_BODY = String.raw`
const encoder = new TextEncoder()
const decoder = new TextDecoder()
let requests = 0

const SERVICES = {
  s3: { client: 'S3Client', pkg: '@aws-sdk/client-s3', base: 'S3ServiceException', errors: ['NoSuchKey', 'NoSuchBucket'] },
  sqs: { client: 'SQSClient', pkg: '@aws-sdk/client-sqs', base: 'SQSServiceException', errors: ['QueueDoesNotExist', 'ReceiptHandleIsInvalid'] },
  dynamodb: { client: 'DynamoDBClient', pkg: '@aws-sdk/client-dynamodb', base: 'DynamoDBServiceException', errors: ['ResourceNotFoundException', 'ConditionalCheckFailedException'] },
  eventbridge: { client: 'EventBridgeClient', pkg: '@aws-sdk/client-eventbridge', base: 'EventBridgeServiceException', errors: [] },
  sns: { client: 'SNSClient', pkg: '@aws-sdk/client-sns', base: 'SNSServiceException', errors: ['NotFoundException'] },
  lambda: { client: 'LambdaClient', pkg: '@aws-sdk/client-lambda', base: 'LambdaServiceException', errors: [] },
}

// [package, class, service, operation, shape]: the shape names the input/output conversions.
const COMMANDS = [
  ['@aws-sdk/client-s3', 'PutObjectCommand', 's3', 'PutObject', 'putBody'],
  ['@aws-sdk/client-s3', 'GetObjectCommand', 's3', 'GetObject', 'getBody'],
  ['@aws-sdk/client-s3', 'ListObjectsV2Command', 's3', 'ListObjectsV2', ''],
  ['@aws-sdk/client-sqs', 'SendMessageCommand', 'sqs', 'SendMessage', ''],
  ['@aws-sdk/client-sqs', 'ReceiveMessageCommand', 'sqs', 'ReceiveMessage', ''],
  ['@aws-sdk/client-sqs', 'DeleteMessageCommand', 'sqs', 'DeleteMessage', ''],
  ['@aws-sdk/client-dynamodb', 'PutItemCommand', 'dynamodb', 'PutItem', ''],
  ['@aws-sdk/client-dynamodb', 'GetItemCommand', 'dynamodb', 'GetItem', ''],
  ['@aws-sdk/client-dynamodb', 'QueryCommand', 'dynamodb', 'Query', ''],
  ['@aws-sdk/client-dynamodb', 'ScanCommand', 'dynamodb', 'Scan', ''],
  ['@aws-sdk/client-dynamodb', 'UpdateItemCommand', 'dynamodb', 'UpdateItem', ''],
  ['@aws-sdk/client-dynamodb', 'DeleteItemCommand', 'dynamodb', 'DeleteItem', ''],
  ['@aws-sdk/lib-dynamodb', 'PutCommand', 'dynamodb', 'PutItem', 'document'],
  ['@aws-sdk/lib-dynamodb', 'GetCommand', 'dynamodb', 'GetItem', 'document'],
  ['@aws-sdk/lib-dynamodb', 'QueryCommand', 'dynamodb', 'Query', 'document'],
  ['@aws-sdk/lib-dynamodb', 'ScanCommand', 'dynamodb', 'Scan', 'document'],
  ['@aws-sdk/lib-dynamodb', 'UpdateCommand', 'dynamodb', 'UpdateItem', 'document'],
  ['@aws-sdk/lib-dynamodb', 'DeleteCommand', 'dynamodb', 'DeleteItem', 'document'],
  ['@aws-sdk/client-eventbridge', 'PutEventsCommand', 'eventbridge', 'PutEvents', ''],
  ['@aws-sdk/client-sns', 'PublishCommand', 'sns', 'Publish', ''],
  ['@aws-sdk/client-lambda', 'InvokeCommand', 'lambda', 'Invoke', 'payload'],
]

function metadata(status, requestId) {
  const id = typeof requestId === 'string' ? requestId : 'playground-request-' + ++requests
  return { httpStatusCode: status, requestId: id, attempts: 1, totalRetryDelay: 0 }
}

function text(value, what) {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return decoder.decode(value)
  if (value instanceof ArrayBuffer) return decoder.decode(new Uint8Array(value))
  throw new TypeError(what + ' must be a string or a Uint8Array in the playground (streams are not supported)')
}

function bytes(value) {
  const out = encoder.encode(value)
  out.transformToString = () => value
  return out
}

function body(value) {
  return {
    transformToString: async () => value,
    transformToByteArray: async () => encoder.encode(value),
    transformToWebStream() { throw new Error('transformToWebStream() is not available in the playground: use transformToString()') },
    async *[Symbol.asyncIterator]() { yield encoder.encode(value) },
  }
}

function marshall(value, options) {
  if (value === null) return { NULL: true }
  if (typeof value === 'string') return { S: value }
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) }
  if (typeof value === 'boolean') return { BOOL: value }
  if (Array.isArray(value)) return { L: value.filter((v) => v !== undefined || !options.removeUndefinedValues).map((v) => marshall(v, options)) }
  if (value instanceof Set) {
    const items = [...value]
    if (items.every((v) => typeof v === 'string')) return { SS: items }
    if (items.every((v) => typeof v === 'number')) return { NS: items.map(String) }
    throw new Error('Only Sets of strings or of numbers are supported')
  }
  if (typeof value === 'object') return { M: marshallMap(value, options) }
  if (value === undefined) throw new Error('Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.')
  throw new Error('Unsupported type passed: ' + String(value))
}

function marshallMap(object, options) {
  const out = {}
  for (const key of Object.keys(object)) {
    if (object[key] === undefined && options.removeUndefinedValues) continue
    out[key] = marshall(object[key], options)
  }
  return out
}

function unmarshall(av) {
  if ('S' in av) return av.S
  if ('N' in av) return Number(av.N)
  if ('BOOL' in av) return av.BOOL
  if ('NULL' in av) return null
  if ('L' in av) return av.L.map(unmarshall)
  if ('M' in av) return unmarshallMap(av.M)
  if ('SS' in av) return new Set(av.SS)
  if ('NS' in av) return new Set(av.NS.map(Number))
  return undefined
}

function unmarshallMap(map) {
  const out = {}
  for (const key of Object.keys(map)) out[key] = unmarshall(map[key])
  return out
}

const SHAPES = {
  putBody: { input: (i) => (i.Body === undefined ? i : Object.assign({}, i, { Body: text(i.Body, 'Body') })) },
  getBody: { output: (o) => Object.assign(o, { Body: body(String(o.Body ?? '')) }) },
  payload: {
    input: (i) => (i.Payload === undefined ? i : Object.assign({}, i, { Payload: text(i.Payload, 'Payload') })),
    output: (o) => Object.assign(o, { Payload: bytes(String(o.Payload ?? '')) }),
  },
  document: {
    input(i, client) {
      const options = (client.translateConfig && client.translateConfig.marshallOptions) || {}
      const out = Object.assign({}, i)
      for (const key of ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey']) {
        if (i[key] !== undefined) out[key] = marshallMap(i[key], options)
      }
      return out
    },
    output(o) {
      for (const key of ['Item', 'Attributes', 'LastEvaluatedKey']) if (o[key]) o[key] = unmarshallMap(o[key])
      if (Array.isArray(o.Items)) o.Items = o.Items.map(unmarshallMap)
      return o
    },
  },
}

const specs = new Map()
const clients = new Map()
const errors = {}
const exportsOf = {}
for (const pkg of Object.keys(packages)) exportsOf[pkg] = {}

// Classes made in a loop get the names the SDK's have (stacks, messages, inspect).
const named = (name, Class) => Object.defineProperty(Class, 'name', { value: name })

function serviceError(service, payload) {
  const classes = errors[service]
  const name = typeof payload.errorType === 'string' ? payload.errorType : 'UnknownError'
  const Class = Object.hasOwn(classes, name) ? classes[name] : classes[SERVICES[service].base]
  const status = typeof payload.httpStatusCode === 'number' ? payload.httpStatusCode : 400
  const fault = payload.fault === 'server' || payload.fault === 'client' ? payload.fault : status >= 500 ? 'server' : 'client'
  return new Class({ name, message: String(payload.errorMessage ?? ''), $fault: fault, $metadata: metadata(status, payload.requestId) })
}

function unsupported(owner, command, spec) {
  const pkg = owner.doc ? '@aws-sdk/lib-dynamodb' : SERVICES[owner.service].pkg
  const what = command && command.constructor ? command.constructor.name : typeof command
  if (spec && spec.service === owner.service && spec.shape === 'document') {
    return new Error(owner.name + ' cannot send ' + what + ': send @aws-sdk/lib-dynamodb commands through DynamoDBDocumentClient.from(client)')
  }
  const list = COMMANDS.filter((c) => c[0] === pkg).map((c) => c[1]).join(', ')
  return new Error(owner.name + ' cannot send ' + what + ": the playground's " + pkg + ' supports ' + list)
}

// What a client or command of the subset is, found on its prototype chain (subclasses work).
function find(map, object) {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) return undefined
  for (let p = Object.getPrototypeOf(object); p !== null; p = Object.getPrototypeOf(p)) {
    if (map.has(p)) return map.get(p)
  }
  return undefined
}

async function send(client, command) {
  const owner = find(clients, client)
  if (!owner) throw new TypeError('send() must be called on a client of the AWS SDK subset')
  const spec = find(specs, command)
  if (!spec || spec.service !== owner.service || (spec.shape === 'document' && !owner.doc)) throw unsupported(owner, command, spec)
  const shape = SHAPES[spec.shape] || {}
  const input = shape.input ? shape.input(command.input, client) : command.input
  const answer = await call(spec.service, spec.operation, stringify(input))
  if (!answer.ok) throw serviceError(spec.service, parse(answer.text))
  const output = parse(answer.text, (key, value) => (key === 'LastModified' && typeof value === 'string' ? new Date(value) : value))
  const meta = output.$metadata || {}
  delete output.$metadata
  const status = typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : 200
  return Object.assign({ $metadata: metadata(status, meta.requestId) }, shape.output ? shape.output(output) : output)
}

class Client {
  constructor(config) { this.config = Object.assign({}, config) }
  send(command, optionsOrCallback, callback) {
    const done = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback
    const promise = send(this, command)
    if (typeof done !== 'function') return promise
    promise.then((result) => done(null, result), (err) => done(err))
  }
  destroy() {}
}

class Command {
  constructor(input) { this.input = input === undefined || input === null ? {} : input }
}

for (const service of Object.keys(SERVICES)) {
  const { client, pkg, base, errors: names } = SERVICES[service]
  const Base = named(base, class extends Error {
    constructor(options) {
      super(options.message)
      this.name = options.name
      this.$fault = options.$fault
      this.$metadata = options.$metadata
    }
  })
  errors[service] = { [base]: Base }
  for (const name of names) errors[service][name] = named(name, class extends Base {})
  const Owner = named(client, class extends Client {})
  clients.set(Owner.prototype, { name: client, service })
  Object.assign(exportsOf[pkg], { [client]: Owner }, errors[service])
}

for (const [pkg, name, service, operation, shape] of COMMANDS) {
  const Class = named(name, class extends Command {})
  specs.set(Class.prototype, { service, operation, shape })
  exportsOf[pkg][name] = Class
}

const DynamoDBClient = exportsOf['@aws-sdk/client-dynamodb'].DynamoDBClient
class DynamoDBDocumentClient extends Client {
  constructor(client, translateConfig) {
    super(client && client.config)
    this.translateConfig = translateConfig || {}
  }
  static from(client, translateConfig) {
    if (!(client instanceof DynamoDBClient)) throw new TypeError('DynamoDBDocumentClient.from(client) needs a DynamoDBClient')
    return new DynamoDBDocumentClient(client, translateConfig)
  }
}
clients.set(DynamoDBDocumentClient.prototype, { name: 'DynamoDBDocumentClient', service: 'dynamodb', doc: true })
exportsOf['@aws-sdk/lib-dynamodb'].DynamoDBDocumentClient = DynamoDBDocumentClient

// A name that looks like a client, command or exception and is not in the subset fails loudly
// with the list of what is (CommonJS and default imports; ES named imports fail at link time).
const guarded = {}
for (const pkg of Object.keys(exportsOf)) {
  const list = packages[pkg].join(', ')
  guarded[pkg] = new Proxy(exportsOf[pkg], {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && /^[A-Z]\w*(Command|Client|Exception)$/.test(key)) {
        throw new Error(key + " is not part of the playground's " + pkg + ' (it provides ' + list + ')')
      }
      return Reflect.get(target, key, receiver)
    },
  })
}

return (name) => (Object.hasOwn(guarded, name) ? guarded[name] : undefined)
`

/** The part as the host compiles it: a function expression of the body, with the subset's names. */
export const SDK_CLIENTS_PART = `(function (call, parse, stringify, TextEncoder, TextDecoder) {
'use strict'
const packages = ${JSON.stringify(SDK_PACKAGES)}
${SDK_CLIENTS_BODY}
})`

/**
 * Parts the host compiles on the guest's request (`host.compile(name)`), like `LAZY_PARTS` of
 * format-part.ts: a sandbox kind's `compile` must answer `'aws-sdk'` for the SDK subset to load.
 */
export const SDK_PARTS: Readonly<Record<string, string>> = { 'aws-sdk': SDK_CLIENTS_PART }
