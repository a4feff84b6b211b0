import { randomHex, randomUuid } from '../../core/sim/rng'
import type { DoubleContext } from './double-context'
import { md5Hex } from './md5'
import { fault, requiredString } from './service-error'

/** A message as the double keeps it. */
export interface SqsMessageRecord {
  messageId: string
  body: string
  md5: string
  attributes: unknown
  receiveCount: number
}

interface Queue {
  /** Visible messages, oldest first. */
  visible: SqsMessageRecord[]
  /** Received and not deleted, by receipt handle. */
  inFlight: Map<string, SqsMessageRecord>
}

const MAX_RECEIVE = 10

/**
 * SQS's `SendMessage`, `ReceiveMessage` and `DeleteMessage` on in-memory standard queues, found
 * by the last segment of the queue URL. The double has no clock of its own: a received message
 * stays in flight until deleted (no visibility timeout), `DelaySeconds` and long polling
 * (`WaitTimeSeconds`) are ignored, and an empty queue answers at once with no messages.
 */
export class SqsDouble {
  /** Queues by name. */
  readonly queues = new Map<string, Queue>()

  constructor(private readonly ctx: DoubleContext) {
    for (const name of ctx.declared.queues) this.queues.set(name, newQueue())
  }

  handle(operation: string, input: Record<string, unknown>): object | undefined {
    if (operation === 'SendMessage') return this.send(input)
    if (operation === 'ReceiveMessage') return this.receive(input)
    if (operation === 'DeleteMessage') return this.delete(input)
    return undefined
  }

  /** Messages sent to `name` and not deleted (visible first, then in flight). */
  messages(name: string): SqsMessageRecord[] {
    const queue = this.queues.get(name)
    return queue ? [...queue.visible, ...queue.inFlight.values()] : []
  }

  private queue(input: Record<string, unknown>): Queue {
    const url = requiredString(input, 'QueueUrl')
    const name = url.slice(url.lastIndexOf('/') + 1)
    let queue = this.queues.get(name)
    if (queue === undefined && this.ctx.autoCreate) this.queues.set(name, (queue = newQueue()))
    if (queue === undefined) {
      throw fault('QueueDoesNotExist', 'The specified queue does not exist.')
    }
    return queue
  }

  private send(input: Record<string, unknown>): object {
    const queue = this.queue(input)
    const body = requiredString(input, 'MessageBody')
    this.ctx.storage.change(body.length)
    const message: SqsMessageRecord = {
      messageId: randomUuid(this.ctx.rng),
      body,
      md5: md5Hex(body),
      attributes: input.MessageAttributes ?? null,
      receiveCount: 0,
    }
    queue.visible.push(message)
    return { MessageId: message.messageId, MD5OfMessageBody: message.md5 }
  }

  private receive(input: Record<string, unknown>): object {
    const queue = this.queue(input)
    const wanted = typeof input.MaxNumberOfMessages === 'number' ? input.MaxNumberOfMessages : 1
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_RECEIVE) {
      throw fault(
        'InvalidParameterValue',
        `Value ${wanted} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      )
    }
    const taken = queue.visible.splice(0, wanted)
    if (taken.length === 0) return {}
    const messages = taken.map((message) => {
      message.receiveCount++
      const handle = randomHex(this.ctx.rng, 64)
      queue.inFlight.set(handle, message)
      return {
        MessageId: message.messageId,
        ReceiptHandle: handle,
        MD5OfBody: message.md5,
        Body: message.body,
        Attributes: { ApproximateReceiveCount: String(message.receiveCount) },
      }
    })
    return { Messages: messages }
  }

  private delete(input: Record<string, unknown>): object {
    const queue = this.queue(input)
    const handle = requiredString(input, 'ReceiptHandle')
    const message = queue.inFlight.get(handle)
    if (message !== undefined) this.ctx.storage.change(-message.body.length)
    if (!queue.inFlight.delete(handle)) {
      throw fault(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${handle}" is not a valid receipt handle.`,
      )
    }
    return {}
  }
}

function newQueue(): Queue {
  return { visible: [], inFlight: new Map() }
}
