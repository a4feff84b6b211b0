import { afterEach, describe, expect, it } from 'vitest'
import {
  appLines,
  deployed,
  disposeHosts,
  invoked,
  manualClock,
  messages,
  response,
} from './testing'

// Every environment a test created must free cleanly: a leaked QuickJS handle fails the test.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('the context object', () => {
  it('carries the fields of the Node.js runtime, with memoryLimitInMB as a string', async () => {
    const host = await deployed(
      `export const handler = async (event, context) => ({
        awsRequestId: context.awsRequestId,
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        invokedFunctionArn: context.invokedFunctionArn,
        memoryLimitInMB: context.memoryLimitInMB,
        logGroupName: context.logGroupName,
        logStreamName: context.logStreamName,
        callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
        identity: typeof context.identity,
        clientContext: typeof context.clientContext,
        remaining: context.getRemainingTimeInMillis(),
      })`,
      { name: 'orders', memoryMB: 256, timeoutSeconds: 3 },
    )
    const record = await invoked(host)
    const ctx = response(record) as Record<string, unknown>
    expect(ctx.awsRequestId).toBe(record.requestId)
    expect(record.requestId).toMatch(UUID)
    expect(ctx).toMatchObject({
      functionName: 'orders',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/orders',
      callbackWaitsForEmptyEventLoop: true,
      identity: 'undefined',
      clientContext: 'undefined',
    })
    expect(ctx.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/)
    expect(ctx.remaining).toBeGreaterThan(2_900)
    expect(ctx.remaining).toBeLessThanOrEqual(3_000)
  })

  it('getRemainingTimeInMillis follows virtual time: 2 s later, 2 s less', async () => {
    const host = await deployed(
      `export const handler = async (e, context) => {
        const before = context.getRemainingTimeInMillis()
        await new Promise((r) => setTimeout(r, 2000))
        return before - context.getRemainingTimeInMillis()
      }`,
      { timeoutSeconds: 5 },
    )
    const spent = response(await invoked(host)) as number
    expect(spent).toBeGreaterThanOrEqual(2_000)
    expect(spent).toBeLessThan(2_050)
  })
})

describe('process', () => {
  it('process.env holds the user variables and Lambda own ones; version, platform, arch are Node-like', async () => {
    const host = await deployed(
      `export const handler = async () => ({
        table: process.env.TABLE,
        fn: process.env.AWS_LAMBDA_FUNCTION_NAME,
        region: process.env.AWS_REGION,
        memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        handler: process.env._HANDLER,
        version: process.version,
        platform: process.platform,
        arch: process.arch,
      })`,
      { name: 'orders', environment: { TABLE: 'orders-table' }, architecture: 'arm64' },
    )
    expect(response(await invoked(host))).toEqual({
      table: 'orders-table',
      fn: 'orders',
      region: 'us-east-1',
      memory: '128',
      handler: 'index.handler',
      version: expect.stringMatching(/^v22\.\d+\.\d+$/) as unknown,
      platform: 'linux',
      arch: 'arm64',
    })
  })
})

describe('web APIs Node has as globals', () => {
  it('TextEncoder/TextDecoder, atob/btoa, crypto.randomUUID and structuredClone work', async () => {
    const host = await deployed(
      `export const handler = async () => {
        const bytes = new TextEncoder().encode('héllo €😀')
        const original = { when: new Date(0), tags: new Set(['a']), nested: { list: [1, 2] } }
        const copy = structuredClone(original)
        return {
          bytes: bytes.length,
          roundTrip: new TextDecoder().decode(bytes),
          base64: btoa('hello'),
          decoded: atob('aGVsbG8='),
          uuid: crypto.randomUUID(),
          cloneIsDeep: copy.nested !== original.nested && copy.nested.list[1] === 2,
          cloneKeepsTypes: copy.when instanceof Date && copy.tags.has('a'),
        }
      }`,
    )
    expect(response(await invoked(host))).toEqual({
      bytes: Buffer.byteLength('héllo €😀'),
      roundTrip: 'héllo €😀',
      base64: 'aGVsbG8=',
      decoded: 'hello',
      uuid: expect.stringMatching(UUID) as unknown,
      cloneIsDeep: true,
      cloneKeepsTypes: true,
    })
  })
})

describe('CloudWatch lines', () => {
  it('a cold invocation: INIT lines with request id undefined, START, app lines, END, REPORT with Init Duration', async () => {
    const clock = manualClock(Date.UTC(2026, 10, 26, 12, 0, 0))
    const host = await deployed(
      `console.log('loading')
       export const handler = async () => { console.log('hello'); console.warn('careful'); console.error('bad'); console.info('fyi'); console.debug('dbg'); return 1 }`,
      {},
      'javascript',
      clock.now,
    )
    const record = await invoked(host)
    const id = record.requestId
    const lines = record.logLines
    expect(lines[0]).toMatch(/^2026-11-26T12:00:00\.\d{3}Z\tundefined\tINFO\tloading$/)
    expect(lines[1]).toBe(`START RequestId: ${id} Version: $LATEST`)
    expect(appLines(record).slice(1)).toEqual([
      [id, 'INFO', 'hello'],
      [id, 'WARN', 'careful'],
      [id, 'ERROR', 'bad'],
      [id, 'INFO', 'fyi'],
      [id, 'DEBUG', 'dbg'],
    ])
    expect(lines.at(-2)).toBe(`END RequestId: ${id}`)
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t$`,
      ),
    )
    expect(record.billedDurationMs).toBe(
      Math.max(1, Math.ceil(record.durationMs + (record.initDurationMs ?? 0))),
    )
  })

  it('a warm invocation has no Init Duration and no INIT lines', async () => {
    const host = await deployed('console.log("loading")\nexport const handler = async () => 1')
    await invoked(host)
    const warm = await invoked(host)
    expect(warm.cold).toBe(false)
    expect(warm.initDurationMs).toBeUndefined()
    expect(warm.logLines[0]).toMatch(/^START /)
    expect(warm.logLines.at(-1)).not.toContain('Init Duration')
  })

  it('console.trace prints a Trace: line with the stack at TRACE level', async () => {
    const host = await deployed('export const handler = async () => { console.trace("here") }')
    const [, level, message] = appLines(await invoked(host))[0] ?? []
    expect(level).toBe('TRACE')
    expect(message).toMatch(
      /^Trace: here\n {4}at Runtime\.handler \(file:\/\/\/var\/task\/index\.mjs:1:\d+\)/,
    )
  })

  it('caps a console flood at 256 KB with a visible notice', async () => {
    const host = await deployed(
      'export const handler = async () => { for (let i = 0; i < 5000; i++) console.log("x".repeat(100)) ; return "done" }',
    )
    const record = await invoked(host)
    const lines = messages(record)
    expect(lines.length).toBeLessThan(5000)
    expect(lines.at(-1)).toMatch(/log output truncated/)
    expect(response(record)).toBe('done')
  })
})
