/**
 * Test events of the services that deliver records: S3, SQS, DynamoDB Streams, SNS, Kinesis, and
 * EventBridge. Our own values, consistent with each other (one account, one region, ARNs that
 * name the same resources), checked in templates.test.ts against real samples' keys and types.
 * Times are around 2025-03-10T12:00:00Z; `freshenEvent` replaces them.
 */
import type {
  DynamoDBRecord,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  S3Event,
  SNSEvent,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda'
import { SampleAccount } from './types'

const { Region, AccountId } = SampleAccount

/** S3 `ObjectCreated:Put` for `uploads/report 2025-03.csv` (the key arrives URL-encoded). */
export const s3Put = {
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: Region,
      eventTime: '2025-03-10T12:00:00.123Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AIDAD655A237FFD32F42Q' },
      requestParameters: { sourceIPAddress: '203.0.113.24' },
      responseElements: {
        'x-amz-request-id': '7E3A2C9D1B4F6A80',
        'x-amz-id-2':
          'qKK2w9qpIGDkHRZ1yRvg00xnj2Kww2qjzLQQrB2E1DZtxfsyMGfvA0e9J0WFkmcbA+WOloUgO5uK=',
      },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'new-upload',
        bucket: {
          name: 'playground-uploads',
          ownerIdentity: { principalId: 'A2R7MXMPL0Q8ZT' },
          arn: 'arn:aws:s3:::playground-uploads',
        },
        object: {
          key: 'uploads/report+2025-03.csv',
          // The eTag is the MD5 of these 25 bytes: `month,total\n2025-03,1042\n`.
          size: 25,
          eTag: 'c6f3e7a2c1f14801baae02b4cd35af86',
          versionId: 'Xq7d0Fz3nJ9bK2mW5pR8tY1vC4eH6gL0',
          sequencer: '0067CED4C01D9B4A2F',
        },
      },
    },
  ],
} satisfies S3Event

const queueArn = `arn:aws:sqs:${Region}:${AccountId}:orders`

// A type alias, not an interface: only aliases are assignable to JsonObject's index signature.
/** One SQS message attribute; `stringValue` for String and Number, `binaryValue` for Binary. */
type SqsAttribute = {
  stringValue: string
  stringListValues: string[]
  binaryListValues: string[]
  dataType: string
}

/** One message; the digests were computed once (MD5 of the body; of SQS's attribute encoding). */
function sqsRecord(
  n: number,
  message: { body: string; attributes: Record<string, SqsAttribute> },
  md5: { body: string; attributes: string },
) {
  return {
    messageId: `0e5a1f2b-4c3d-4e6f-8a7b-9c0d1e2f3a4${n}`,
    receiptHandle: `AQEBCrWgkAX1IEDeWNUbNdvYSh1A/u5ndQ1qFdhG43QcMv${n}iLB+76oozBKQ==`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(1741607999000 + n * 100),
      SenderId: 'AIDAD655A237FFD32F42Q',
      ApproximateFirstReceiveTimestamp: String(1741608000000 + n * 100),
    },
    messageAttributes: message.attributes,
    md5OfBody: md5.body,
    md5OfMessageAttributes: md5.attributes,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: Region,
  } satisfies SQSRecord
}

const stringAttribute = (dataType: string, stringValue: string): SqsAttribute => ({
  stringValue,
  stringListValues: [],
  binaryListValues: [],
  dataType,
})

/** SQS batch of two messages, each with one message attribute. */
export const sqsBatch = {
  Records: [
    sqsRecord(
      1,
      {
        body: '{"orderId":"ord-1001","status":"PLACED"}',
        attributes: { source: stringAttribute('String', 'web') },
      },
      { body: '7f44a5dcc269779f20f05b97f8db980c', attributes: '4f699e5e6e9cd44ddcae5a6842211347' },
    ),
    sqsRecord(
      2,
      {
        body: '{"orderId":"ord-1002","status":"PLACED"}',
        attributes: { priority: stringAttribute('Number', '5') },
      },
      { body: '6696e86107fb7bb34d05cbc3e5532824', attributes: 'db3de9ffdcc411f86cddfef8d0694158' },
    ),
  ],
} satisfies SQSEvent

/** EventBridge scheduled event, as a `rate(1 day)` rule named `nightly-report` sends it. */
export const scheduled = {
  version: '0',
  id: '4e0cfa22-c700-4de3-93db-86360cc95219',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: AccountId,
  time: '2025-03-10T12:00:00Z',
  region: Region,
  resources: [`arn:aws:events:${Region}:${AccountId}:rule/nightly-report`],
  detail: {},
} satisfies EventBridgeEvent<'Scheduled Event', Record<string, never>>

/** EventBridge custom event put by an application on the default bus. */
export const customEvent = {
  version: '0',
  id: 'a8d6e44e-3813-48b4-9c76-e4dec45cfe53',
  'detail-type': 'OrderPlaced',
  source: 'com.example.orders',
  account: AccountId,
  time: '2025-03-10T12:00:00Z',
  region: Region,
  resources: [],
  detail: { orderId: 'ord-1001', customerId: 'cust-77', total: 42.5, currency: 'USD' },
} satisfies EventBridgeEvent<'OrderPlaced', object>

const tableArn = `arn:aws:dynamodb:${Region}:${AccountId}:table/Orders`

/** The item as inserted; the MODIFY record changes only its status. */
const placedOrder = {
  orderId: { S: 'ord-1001' },
  status: { S: 'PLACED' },
  total: { N: '42.5' },
  express: { BOOL: false },
  items: { L: [{ M: { sku: { S: 'MUG-BLUE' }, qty: { N: '1' } } }] },
}

const insertRecord = {
  eventID: 'c4ca4238a0b923820dcc509a6f75849b',
  eventName: 'INSERT',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: Region,
  dynamodb: {
    ApproximateCreationDateTime: 1741608000,
    Keys: { orderId: { S: 'ord-1001' } },
    NewImage: placedOrder,
    SequenceNumber: '111100000000017452689216',
    SizeBytes: 96,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
  eventSourceARN: `${tableArn}/stream/2025-03-01T08:15:30.123`,
} satisfies DynamoDBRecord

const modifyRecord = {
  eventID: 'c81e728d9d4c2f636f067f89cc14862c',
  eventName: 'MODIFY',
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: Region,
  dynamodb: {
    ApproximateCreationDateTime: 1741608001,
    Keys: { orderId: { S: 'ord-1001' } },
    NewImage: { ...placedOrder, status: { S: 'SHIPPED' } },
    OldImage: placedOrder,
    SequenceNumber: '111200000000017452689311',
    SizeBytes: 171,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  },
  eventSourceARN: `${tableArn}/stream/2025-03-01T08:15:30.123`,
} satisfies DynamoDBRecord

/** DynamoDB stream batch (NEW_AND_OLD_IMAGES): an order is inserted, then its status changes. */
export const dynamodbStream = {
  Records: [insertRecord, modifyRecord],
} satisfies DynamoDBStreamEvent

const topicArn = `arn:aws:sns:${Region}:${AccountId}:order-events`

/** SNS notification from the `order-events` topic, with one string message attribute. */
export const snsNotification = {
  Records: [
    {
      EventVersion: '1.0',
      EventSubscriptionArn: `${topicArn}:9d5b1a3c-2e4f-4a6b-8c7d-0e1f2a3b4c5d`,
      EventSource: 'aws:sns',
      Sns: {
        Type: 'Notification',
        MessageId: '670af43a-1833-4db0-8b78-ef6d48e7514b',
        TopicArn: topicArn,
        Subject: 'Order shipped',
        Message: '{"orderId":"ord-1001","status":"SHIPPED"}',
        Timestamp: '2025-03-10T12:00:00.000Z',
        SignatureVersion: '1',
        Signature:
          'VUJgwU8GwdosOdyMyNQgkkJ7KQAzhhyBnX3YAZP3O4DMWPlYyqJAhs/jjK7AVGONeXzY0Fa0hJ4vRF65',
        SigningCertUrl: `https://sns.${Region}.amazonaws.com/SimpleNotificationService-e5bbca814577e51f61a3bfecb36f223d.pem`,
        UnsubscribeUrl: `https://sns.${Region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${topicArn}:9d5b1a3c-2e4f-4a6b-8c7d-0e1f2a3b4c5d`,
        MessageAttributes: { eventType: { Type: 'String', Value: 'shipped' } },
      },
    },
  ],
} satisfies SNSEvent

const streamArn = `arn:aws:kinesis:${Region}:${AccountId}:stream/sensor-readings`

function kinesisRecord(sequenceNumber: string, data: string, arrival: number) {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: 'thermo-7',
      sequenceNumber,
      data,
      approximateArrivalTimestamp: arrival,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: `arn:aws:iam::${AccountId}:role/sensor-processor-role`,
    awsRegion: Region,
    eventSourceARN: streamArn,
  }
}

/** Kinesis batch of two readings; `data` is base64 of JSON like `{"sensor":"thermo-7",…}`. */
export const kinesisBatch = {
  Records: [
    kinesisRecord(
      '49659867432847108732945603451783450980247342657912176642',
      'eyJzZW5zb3IiOiJ0aGVybW8tNyIsImNlbHNpdXMiOjIxLjV9',
      1741607999.512,
    ),
    kinesisRecord(
      '49659867432847108732945603451784659906066957287086882818',
      'eyJzZW5zb3IiOiJ0aGVybW8tNyIsImNlbHNpdXMiOjIxLjd9',
      1741607999.874,
    ),
  ],
} satisfies KinesisStreamEvent
