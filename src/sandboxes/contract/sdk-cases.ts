import type { ContractCase } from './types'
import { failedWith, invocation, matches, responded, same, verify, within } from './verify'

/**
 * Service calls through the SDK bridge. The host's service double lives as long as the host and
 * is shared by its environments (and by the cases run on it), so each case uses keys of its own.
 */
const S3_PUT_GET = `import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
export const handler = async (event) => {
  const Key = 'contract/sdk-put-get'
  if (event.op === 'put') {
    const out = await s3.send(new PutObjectCommand({ Bucket: 'contract', Key, Body: event.body }))
    return { etag: typeof out.ETag, status: out.$metadata.httpStatusCode }
  }
  const got = await s3.send(new GetObjectCommand({ Bucket: 'contract', Key }))
  return await got.Body.transformToString()
}`

/** Service calls reach the simulated services, in virtual time, the same way in every kind. */
export const sdkCases: ContractCase[] = [
  {
    id: 'sdk/s3-put-then-get',
    group: 'service calls',
    title: 'S3 PutObject in one invocation, GetObject in the next reads it back',
    code: S3_PUT_GET,
    events: ['{"op":"put","body":"hello from the contract"}', '{"op":"get"}'],
    check: verify((outcomes) => {
      const put = invocation(outcomes, 0)
      responded('put', put, { etag: 'string', status: 200 })
      responded('get', invocation(outcomes, 1), 'hello from the contract')
    }),
  },
  {
    id: 'sdk/s3-no-such-key',
    group: 'service calls',
    title: "a missing key is the SDK's NoSuchKey error (404, client fault), catchable",
    code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
export const handler = async () => {
  try {
    await s3.send(new GetObjectCommand({ Bucket: 'contract', Key: 'contract/never-written' }))
    return 'found'
  } catch (error) {
    return { name: error.name, status: error.$metadata.httpStatusCode, fault: error.$fault }
  }
}`,
    events: ['{}'],
    check: verify((outcomes) => {
      responded('get', invocation(outcomes, 0), { name: 'NoSuchKey', status: 404, fault: 'client' })
    }),
  },
  {
    id: 'sdk/latency-in-duration',
    group: 'service calls',
    title: 'a call takes its modeled latency in virtual time: Date.now and Duration both see it',
    code: `import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs'
const sqs = new SQSClient({})
export const handler = async () => {
  const start = Date.now()
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/contract', MessageBody: 'x' }))
  return { waited: Date.now() - start, id: sent.MessageId }
}`,
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const body = JSON.parse(record.responseJson ?? 'null') as { waited: number; id: string }
      within('time seen by the handler, ms', body.waited, 5)
      matches('message id', body.id, /^[0-9a-f-]{36}$/)
      within('Duration, ms', record.durationMs, body.waited)
    }),
  },
  {
    id: 'sdk/unsupported-package',
    group: 'service calls',
    title: 'an AWS SDK package outside the subset is Runtime.ImportModuleError naming the subset',
    code: `import { KinesisClient } from '@aws-sdk/client-kinesis'
export const handler = async () => typeof KinesisClient`,
    events: ['{}'],
    check: verify((outcomes) => {
      const error = failedWith('import', invocation(outcomes, 0), 'Runtime.ImportModuleError')
      matches('message', error.errorMessage, /@aws-sdk\/client-s3/)
      same('is cold', invocation(outcomes, 0).cold, true)
    }),
  },
]
