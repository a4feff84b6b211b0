/**
 * An in-memory test double of the simulated services behind the SDK bridge: it implements the
 * core's `ServiceCalls` port for the subset the guest SDK offers (runtime/sdk-packages.ts). The
 * Function view's host answers its handlers' calls with one (one per host, shared by all its
 * environments, so what one invocation writes the next reads); tests and the CLI can hand one
 * to the core. The event-sources work will put real simulated buckets, queues, tables, buses
 * and topics behind the same port.
 *
 * Latencies are modeled, not measured: fixed round numbers of the order of a same-region call
 * (`MODELED_LATENCY_MS`), so Duration shows where a handler waits on I/O.
 */
import type { ServiceCalls, WaitResult } from '../../core/ports'
import { DEFAULT_EPOCH_MS } from '../../core/simulation'
import { createRng, randomUuid } from '../../core/sim/rng'
import { StorageBudget } from './double-context'
import type { DoubleContext } from './double-context'
import { DynamoDbDouble } from './dynamodb-double'
import { RecordedDoubles } from './recorded-doubles'
import { S3Double } from './s3-double'
import { fault, inputObject, ServiceFault } from './service-error'
import type { ServiceErrorPayload } from './service-error'
import { SqsDouble } from './sqs-double'

export type { ServiceErrorPayload } from './service-error'

/** Modeled latency of each operation, ms of virtual time (`service.Operation`). */
export const MODELED_LATENCY_MS: Readonly<Record<string, number>> = {
  's3.PutObject': 20,
  's3.GetObject': 10,
  's3.ListObjectsV2': 15,
  'sqs.SendMessage': 5,
  'sqs.ReceiveMessage': 5,
  'sqs.DeleteMessage': 5,
  'dynamodb.PutItem': 5,
  'dynamodb.GetItem': 5,
  'dynamodb.UpdateItem': 5,
  'dynamodb.DeleteItem': 5,
  'dynamodb.Query': 5,
  'dynamodb.Scan': 5,
  'eventbridge.PutEvents': 10,
  'sns.Publish': 10,
  'lambda.Invoke': 15,
}

/** Latency of an operation outside the table (an unknown one, answered with an error). */
const DEFAULT_LATENCY_MS = 5

/** One call the double answered, in order. */
export interface ServiceCallRecord {
  service: string
  operation: string
  requestJson: string
  latencyMs: number
  /** The error's name when the call failed. */
  errorType?: string
}

/** How a double is made. */
export interface ServiceDoubleOptions {
  /** Seed for message ids, event ids and request ids (default 1). */
  seed?: number
  /** Epoch ms now, for `LastModified` (default: the simulation's default epoch). */
  now?: () => number
  /** Resources exist from their first use (default true); see `DoubleContext.autoCreate`. */
  autoCreate?: boolean
  /** Buckets that exist from the start. */
  buckets?: readonly string[]
  /** Queue names that exist from the start. */
  queues?: readonly string[]
  /** Tables that exist from the start, with their key attribute names (partition, sort). */
  tables?: Readonly<Record<string, readonly string[]>>
  /** Replaces modeled latencies (`{ 's3.GetObject': 50 }`). */
  latencyMs?: Readonly<Record<string, number>>
  /** What the stores may hold, in UTF-16 units of text (default 64 Mi, about 64 MB of ASCII). */
  maxStoredUnits?: number
}

/** How many answered calls `ServiceDouble.calls` keeps for inspection. */
export const CALLS_KEPT = 1000

/** Default of `ServiceDoubleOptions.maxStoredUnits`. */
export const DEFAULT_MAX_STORED_UNITS = 64 * 1024 * 1024

/** The in-memory services; `calls` and the per-service stores are there to be inspected. */
export class ServiceDouble implements ServiceCalls {
  readonly s3: S3Double
  readonly sqs: SqsDouble
  readonly dynamodb: DynamoDbDouble
  readonly recorded: RecordedDoubles
  /** The last {@link CALLS_KEPT} calls answered, oldest first (a long run must not grow it). */
  readonly calls: ServiceCallRecord[] = []
  private readonly ctx: DoubleContext
  private readonly latencies: Readonly<Record<string, number>>

  constructor(options: ServiceDoubleOptions = {}) {
    this.ctx = {
      rng: createRng(options.seed ?? 1),
      now: options.now ?? (() => DEFAULT_EPOCH_MS),
      autoCreate: options.autoCreate ?? true,
      storage: new StorageBudget(options.maxStoredUnits ?? DEFAULT_MAX_STORED_UNITS),
      declared: { buckets: options.buckets ?? [], queues: options.queues ?? [] },
    }
    this.latencies = { ...MODELED_LATENCY_MS, ...options.latencyMs }
    this.s3 = new S3Double(this.ctx)
    this.sqs = new SqsDouble(this.ctx)
    this.dynamodb = new DynamoDbDouble(this.ctx, options.tables ?? {})
    this.recorded = new RecordedDoubles(this.ctx)
  }

  call(
    service: string,
    operation: string,
    requestJson: string,
  ): { latencyMs: number; result: WaitResult } {
    const latencyMs = this.latencies[`${service}.${operation}`] ?? DEFAULT_LATENCY_MS
    const requestId = randomUuid(this.ctx.rng)
    const record: ServiceCallRecord = { service, operation, requestJson, latencyMs }
    this.calls.push(record)
    if (this.calls.length > CALLS_KEPT) this.calls.splice(0, this.calls.length - CALLS_KEPT)
    try {
      const output = this.answer(service, operation, inputObject(requestJson))
      const responseJson = JSON.stringify({
        ...output,
        $metadata: { httpStatusCode: 200, requestId },
      })
      return { latencyMs, result: { kind: 'call', ok: true, responseJson } }
    } catch (thrown) {
      const error: ServiceErrorPayload =
        thrown instanceof ServiceFault
          ? { ...thrown.payload, requestId }
          : {
              errorType: 'InternalError',
              errorMessage: String(thrown),
              httpStatusCode: 500,
              requestId,
            }
      record.errorType = error.errorType
      return { latencyMs, result: { kind: 'call', ok: false, error } }
    }
  }

  private answer(service: string, operation: string, input: Record<string, unknown>): object {
    const output =
      service === 's3'
        ? this.s3.handle(operation, input)
        : service === 'sqs'
          ? this.sqs.handle(operation, input)
          : service === 'dynamodb'
            ? this.dynamodb.handle(operation, input)
            : this.recorded.handle(service, operation, input)
    if (output !== undefined) return output
    const known = Object.keys(MODELED_LATENCY_MS).join(', ')
    throw fault(
      'UnknownOperationException',
      `The playground's simulated services do not support ${service}.${operation} (supported: ${known})`,
    )
  }
}

/** A fresh double (see `ServiceDouble`). */
export function createServiceDouble(options: ServiceDoubleOptions = {}): ServiceDouble {
  return new ServiceDouble(options)
}
