/**
 * Types shared by the test event templates and their helpers. Events are plain JSON: they cross
 * the worker boundary, go into share links and are shown in an editor.
 */

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue
}

/**
 * Where an event comes from. Mostly the `eventSource` string the real event carries; the HTTP
 * sources and `console` are ours, because those events carry no such field.
 */
export type EventSourceId =
  | 'console'
  | 'aws:apigateway'
  | 'aws:lambda-url'
  | 'aws:s3'
  | 'aws:sqs'
  | 'aws:events'
  | 'aws:dynamodb'
  | 'aws:sns'
  | 'aws:kinesis'

/** One entry of the "Event templates" list, as the Lambda console offers them. */
export interface EventTemplate {
  /** Stable id, kebab-case; used in share links and scenarios. */
  readonly id: string
  /** Short name for the picker. */
  readonly label: string
  /** One sentence: what invokes the function with this event. */
  readonly description: string
  /** The service that sends it. */
  readonly source: EventSourceId
  /** The payload the handler receives (deep-frozen; copy it before editing). */
  readonly event: JsonObject
}

/** The region and account every template lives in (the AWS documentation's example account). */
export const SampleAccount = {
  /** Region of every ARN, domain and `awsRegion`. */
  Region: 'us-east-1',
  /** Twelve-digit account id of every ARN and `accountId`. */
  AccountId: '123456789012',
} as const
