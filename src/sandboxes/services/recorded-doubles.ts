import { randomUuid } from '../../core/sim/rng'
import type { DoubleContext } from './double-context'
import { fault, requiredString } from './service-error'

type Input = Record<string, unknown>

/** An event put on a bus, as recorded. */
export interface RecordedEvent {
  eventId: string
  eventBusName: string
  source: unknown
  detailType: unknown
  detail: unknown
}

/** A message published to a topic, as recorded. */
export interface RecordedPublish {
  messageId: string
  target: string
  message: unknown
  subject: unknown
}

/** A function invocation, as recorded. */
export interface RecordedInvoke {
  functionName: string
  invocationType: string
  payload: string
}

const MAX_ENTRIES = 10

/**
 * EventBridge's `PutEvents`, SNS's `Publish` and Lambda's `Invoke`: accepted and recorded, with
 * the ids the services return. Nothing is delivered (no rules, subscriptions or functions run);
 * the event-sources work puts real simulated buses, topics and functions behind the same calls.
 * `Invoke` answers like a function that returned `null` (`StatusCode` 200; 202 for an `Event`
 * invocation, 204 for a `DryRun`).
 */
export class RecordedDoubles {
  readonly events: RecordedEvent[] = []
  readonly published: RecordedPublish[] = []
  readonly invoked: RecordedInvoke[] = []

  constructor(private readonly ctx: DoubleContext) {}

  handle(service: string, operation: string, input: Input): object | undefined {
    if (service === 'eventbridge' && operation === 'PutEvents') return this.putEvents(input)
    if (service === 'sns' && operation === 'Publish') return this.publish(input)
    if (service === 'lambda' && operation === 'Invoke') return this.invoke(input)
    return undefined
  }

  private putEvents(input: Input): object {
    const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : []
    if (entries.length < 1 || entries.length > MAX_ENTRIES) {
      throw fault(
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
      )
    }
    const results = entries.map((entry) => {
      const e = (entry !== null && typeof entry === 'object' ? entry : {}) as Input
      const eventId = randomUuid(this.ctx.rng)
      this.events.push({
        eventId,
        eventBusName: typeof e.EventBusName === 'string' ? e.EventBusName : 'default',
        source: e.Source,
        detailType: e.DetailType,
        detail: e.Detail,
      })
      return { EventId: eventId }
    })
    return { FailedEntryCount: 0, Entries: results }
  }

  private publish(input: Input): object {
    const target = [input.TopicArn, input.TargetArn, input.PhoneNumber].find(
      (t): t is string => typeof t === 'string',
    )
    if (target === undefined) {
      throw fault(
        'InvalidParameterException',
        'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
      )
    }
    const messageId = randomUuid(this.ctx.rng)
    this.published.push({ messageId, target, message: input.Message, subject: input.Subject })
    return { MessageId: messageId }
  }

  private invoke(input: Input): object {
    const functionName = requiredString(input, 'FunctionName')
    const invocationType =
      typeof input.InvocationType === 'string' ? input.InvocationType : 'RequestResponse'
    const payload = typeof input.Payload === 'string' ? input.Payload : ''
    this.invoked.push({ functionName, invocationType, payload })
    if (invocationType === 'Event') return { StatusCode: 202, Payload: '' }
    if (invocationType === 'DryRun') return { StatusCode: 204, Payload: '' }
    return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: 'null' }
  }
}
