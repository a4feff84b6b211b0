import { describe, expect, it } from 'vitest'
import { createServiceDouble, MODELED_LATENCY_MS } from './service-double'
import type { ServiceDouble, ServiceErrorPayload } from './service-double'

/** Calls the double and returns the parsed output, or the error payload. */
function send(double: ServiceDouble, service: string, operation: string, input: object) {
  const { latencyMs, result } = double.call(service, operation, JSON.stringify(input))
  if (result.kind !== 'call') throw new Error('not a call result')
  if (!result.ok) return { latencyMs, error: result.error as ServiceErrorPayload }
  return { latencyMs, output: JSON.parse(result.responseJson) as Record<string, unknown> }
}

describe('the S3 double', () => {
  it('lists keys in order, by prefix and delimiter, a page at a time', () => {
    const s3 = createServiceDouble()
    for (const Key of ['b/2', 'a', 'b/1', 'b/x/3', 'c']) {
      send(s3, 's3', 'PutObject', { Bucket: 'bk', Key, Body: Key })
    }
    const all = send(s3, 's3', 'ListObjectsV2', { Bucket: 'bk' }).output
    expect((all?.Contents as { Key: string }[]).map((c) => c.Key)).toEqual([
      'a',
      'b/1',
      'b/2',
      'b/x/3',
      'c',
    ])
    const folder = send(s3, 's3', 'ListObjectsV2', { Bucket: 'bk', Prefix: 'b/', Delimiter: '/' })
    expect(folder.output).toMatchObject({
      KeyCount: 3,
      Contents: [{ Key: 'b/1', Size: 3 }, { Key: 'b/2' }],
      CommonPrefixes: [{ Prefix: 'b/x/' }],
    })
    const page1 = send(s3, 's3', 'ListObjectsV2', { Bucket: 'bk', MaxKeys: 2 }).output
    expect(page1).toMatchObject({ IsTruncated: true, KeyCount: 2 })
    const page2 = send(s3, 's3', 'ListObjectsV2', {
      Bucket: 'bk',
      ContinuationToken: page1?.NextContinuationToken,
    }).output
    expect((page2?.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(['b/2', 'b/x/3', 'c'])
  })

  it('answers NoSuchBucket for an undeclared bucket when resources are not made on use', () => {
    const s3 = createServiceDouble({ autoCreate: false, buckets: ['known'] })
    expect(send(s3, 's3', 'GetObject', { Bucket: 'other', Key: 'k' }).error).toMatchObject({
      errorType: 'NoSuchBucket',
      httpStatusCode: 404,
    })
    expect(send(s3, 's3', 'GetObject', { Bucket: 'known', Key: 'k' }).error).toMatchObject({
      errorType: 'NoSuchKey',
    })
  })
})

describe('the SQS double', () => {
  it('receives up to the asked number, keeps received messages in flight until deleted', () => {
    const sqs = createServiceDouble()
    const QueueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs'
    for (const MessageBody of ['1', '2', '3'])
      send(sqs, 'sqs', 'SendMessage', { QueueUrl, MessageBody })
    const got = send(sqs, 'sqs', 'ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 2 }).output
    const messages = got?.Messages as { Body: string; ReceiptHandle: string }[]
    expect(messages.map((m) => m.Body)).toEqual(['1', '2'])
    expect(
      send(sqs, 'sqs', 'ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 10 }).output,
    ).toMatchObject({
      Messages: [{ Body: '3' }],
    })
    expect(send(sqs, 'sqs', 'ReceiveMessage', { QueueUrl }).output).toEqual({
      $metadata: expect.any(Object),
    })
    send(sqs, 'sqs', 'DeleteMessage', { QueueUrl, ReceiptHandle: messages[0]?.ReceiptHandle })
    expect(sqs.sqs.messages('jobs').map((m) => m.body)).toEqual(['2', '3'])
    expect(
      send(sqs, 'sqs', 'DeleteMessage', { QueueUrl, ReceiptHandle: 'bogus' }).error,
    ).toMatchObject({
      errorType: 'ReceiptHandleIsInvalid',
    })
    expect(
      send(sqs, 'sqs', 'ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 11 }).error,
    ).toMatchObject({
      errorType: 'InvalidParameterValue',
    })
  })

  it('gives the same ids for the same seed', () => {
    const ids = [1, 2].map(() => {
      const double = createServiceDouble({ seed: 42 })
      return send(double, 'sqs', 'SendMessage', { QueueUrl: 'q', MessageBody: 'x' }).output
        ?.MessageId
    })
    expect(ids[0]).toBe(ids[1])
  })
})

describe('the DynamoDB double', () => {
  const S = (s: string) => ({ S: s })
  const N = (n: number) => ({ N: String(n) })

  it('keys a table by the attributes of the first Key it sees', () => {
    const db = createServiceDouble()
    expect(
      send(db, 'dynamodb', 'GetItem', { TableName: 't', Key: { user: S('u1') } }).output,
    ).not.toHaveProperty('Item')
    send(db, 'dynamodb', 'PutItem', { TableName: 't', Item: { user: S('u1'), name: S('Ann') } })
    send(db, 'dynamodb', 'PutItem', { TableName: 't', Item: { user: S('u1'), name: S('Bob') } })
    expect(db.dynamodb.tables.get('t')?.items.size).toBe(1)
    expect(
      send(db, 'dynamodb', 'PutItem', { TableName: 't', Item: { name: S('x') } }).error,
    ).toMatchObject({
      errorType: 'ValidationException',
      errorMessage: 'One or more parameter values were invalid: Missing the key user in the item',
    })
  })

  it('evaluates conditions (BETWEEN, OR, NOT, contains) and updates (if_not_exists, list_append, REMOVE)', () => {
    const db = createServiceDouble({ tables: { scores: ['game', 'player'] } })
    for (const [player, points] of [
      ['ann', 5],
      ['bob', 12],
      ['cy', 20],
    ] as const) {
      send(db, 'dynamodb', 'PutItem', {
        TableName: 'scores',
        Item: { game: S('g'), player: S(player), points: N(points) },
      })
    }
    const query = (FilterExpression: string) =>
      (
        send(db, 'dynamodb', 'Query', {
          TableName: 'scores',
          KeyConditionExpression: 'game = :g',
          FilterExpression,
          ExpressionAttributeValues: { ':g': S('g'), ':lo': N(10), ':hi': N(15), ':c': S('y') },
        }).output?.Items as { player: { S: string } }[]
      ).map((i) => i.player.S)
    expect(query('points BETWEEN :lo AND :hi')).toEqual(['bob'])
    expect(query('points < :lo OR contains(player, :c)')).toEqual(['ann', 'cy'])
    expect(query('NOT (points >= :lo)')).toEqual(['ann'])
    const updated = send(db, 'dynamodb', 'UpdateItem', {
      TableName: 'scores',
      Key: { game: S('g'), player: S('ann') },
      UpdateExpression:
        'SET visits = if_not_exists(visits, :zero) + :one, log = list_append(if_not_exists(log, :empty), :entry) REMOVE points',
      ExpressionAttributeValues: {
        ':zero': N(0),
        ':one': N(1),
        ':empty': { L: [] },
        ':entry': { L: [S('won')] },
      },
      ReturnValues: 'ALL_NEW',
    }).output
    expect(updated?.Attributes).toEqual({
      game: S('g'),
      player: S('ann'),
      visits: N(1),
      log: { L: [S('won')] },
    })
  })

  it('refuses what it does not model with a message that says what it does', () => {
    const db = createServiceDouble()
    const answer = send(db, 'dynamodb', 'UpdateItem', {
      TableName: 't',
      Key: { id: S('1') },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': N(1) },
    })
    expect(answer.error?.errorType).toBe('ValidationException')
    expect(answer.error?.errorMessage).toContain(
      'SET (with +, -, if_not_exists, list_append) and REMOVE',
    )
  })
})

describe('the double as a port', () => {
  it('refuses a write past what its stores may hold, and frees what is overwritten or deleted', () => {
    const double = createServiceDouble({ maxStoredUnits: 10 })
    const put = (Key: string, Body: string) =>
      send(double, 's3', 'PutObject', { Bucket: 'b', Key, Body })
    expect(put('a', '12345678').error).toBeUndefined()
    expect(put('b', '12345678').error).toMatchObject({ errorType: 'LimitExceededException' })
    expect(put('a', '1234567890').error).toBeUndefined()
    expect(double.s3.buckets.get('b')?.has('b')).toBe(false)
  })

  it('answers with the modeled latency of the operation', () => {
    const double = createServiceDouble()
    expect(send(double, 's3', 'PutObject', { Bucket: 'b', Key: 'k', Body: '' }).latencyMs).toBe(
      MODELED_LATENCY_MS['s3.PutObject'],
    )
    expect(MODELED_LATENCY_MS).toMatchObject({
      's3.PutObject': 20,
      's3.GetObject': 10,
      'sqs.SendMessage': 5,
      'dynamodb.GetItem': 5,
    })
  })

  it('answers an unknown operation or a malformed request with an error, never a throw', () => {
    const double = createServiceDouble()
    expect(send(double, 's3', 'DeleteBucket', { Bucket: 'b' }).error).toMatchObject({
      errorType: 'UnknownOperationException',
    })
    const { result } = double.call('s3', 'PutObject', '{not json')
    expect(result).toMatchObject({ ok: false, error: { errorType: 'SerializationException' } })
    expect(double.calls.map((c) => c.errorType)).toEqual([
      'UnknownOperationException',
      'SerializationException',
    ])
  })
})
