/**
 * The test event templates the playground offers, like the Lambda console's "Event templates":
 * one realistic event per common trigger, written by us (same keys and value types as the real
 * events; see templates.test.ts), all in one account and region.
 */
import {
  customEvent,
  dynamodbStream,
  kinesisBatch,
  s3Put,
  scheduled,
  snsNotification,
  sqsBatch,
} from './record-events'
import { functionUrl, httpApiGet, httpApiPost, restApiProxy } from './http-events'
import type { EventTemplate, JsonObject, JsonValue } from './types'

export { freshenEvent, formatRequestTime, isoSeconds } from './freshen'
export { SampleAccount } from './types'
export type { EventSourceId, EventTemplate, JsonObject, JsonValue } from './types'

/** Freezes a JSON value and everything in it, so no caller can edit a shared template. */
function deepFreeze<T extends JsonValue>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

function template(
  id: string,
  label: string,
  source: EventTemplate['source'],
  description: string,
  event: JsonObject,
): EventTemplate {
  return Object.freeze({ id, label, description, source, event: deepFreeze(event) })
}

/** Every template, in the order the picker shows them (the console default first). */
export const eventTemplates: readonly EventTemplate[] = Object.freeze([
  template(
    'hello-world',
    'Hello world',
    'console',
    'The Lambda console default: three keys, for a function that ignores its input.',
    { key1: 'value1', key2: 'value2', key3: 'value3' },
  ),
  template(
    'http-api-get',
    'API Gateway HTTP API: GET with query string',
    'aws:apigateway',
    'Payload format 2.0 for GET /items?limit=10&color=red&color=blue.',
    httpApiGet,
  ),
  template(
    'http-api-post',
    'API Gateway HTTP API: POST with JSON body',
    'aws:apigateway',
    'Payload format 2.0 for POST /orders with a JSON body.',
    httpApiPost,
  ),
  template(
    'rest-api-proxy',
    'API Gateway REST API: proxy integration',
    'aws:apigateway',
    'Payload format 1.0 (Lambda proxy) for POST /dev/orders/ord-1001/items?notify=true.',
    restApiProxy,
  ),
  template(
    'function-url',
    'Lambda function URL',
    'aws:lambda-url',
    'A POST to the function URL (auth type NONE) with cookies and a JSON body.',
    functionUrl,
  ),
  template(
    's3-put',
    'S3: object created (Put)',
    'aws:s3',
    'ObjectCreated:Put notification for one object uploaded to a bucket.',
    s3Put,
  ),
  template(
    'sqs-batch',
    'SQS: batch of 2 messages',
    'aws:sqs',
    'What an SQS event source mapping delivers: two messages with attributes.',
    sqsBatch,
  ),
  template(
    'eventbridge-scheduled',
    'EventBridge: scheduled event',
    'aws:events',
    'What a schedule rule (cron or rate) sends: detail is always empty.',
    scheduled,
  ),
  template(
    'eventbridge-custom',
    'EventBridge: custom event',
    'aws:events',
    'An application event (PutEvents) matched by a rule on the default bus.',
    customEvent,
  ),
  template(
    'dynamodb-stream',
    'DynamoDB stream: INSERT and MODIFY',
    'aws:dynamodb',
    'Two stream records (new and old images): an item is inserted, then updated.',
    dynamodbStream,
  ),
  template(
    'sns-notification',
    'SNS: notification',
    'aws:sns',
    'One message published to a topic the function subscribes to.',
    snsNotification,
  ),
  template(
    'kinesis-batch',
    'Kinesis: batch of 2 records',
    'aws:kinesis',
    'Two records from one shard; data is base64-encoded JSON.',
    kinesisBatch,
  ),
])

/** The template with this id, or `undefined`. */
export function eventTemplateById(id: string): EventTemplate | undefined {
  return eventTemplates.find((t) => t.id === id)
}
