import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts, invoked, manualClock, messages, response } from './testing'

// Every environment a test created must free cleanly: a leaked QuickJS handle fails the test.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

describe('handler resolution', () => {
  const styles: [string, string][] = [
    ['ESM export const async arrow', 'export const handler = async (event) => ({ got: event.n })'],
    [
      'ESM export async function',
      'export async function handler(event) { return { got: event.n } }',
    ],
    ['ESM export { handler }', 'const handler = async (e) => ({ got: e.n })\nexport { handler }'],
    ['CJS exports.handler', 'exports.handler = async (event) => ({ got: event.n })'],
    [
      'CJS module.exports = { handler }',
      'module.exports = { handler: async (e) => ({ got: e.n }) }',
    ],
    ['CJS module.exports.handler', 'module.exports.handler = async (e) => ({ got: e.n })'],
    [
      'callback style',
      'exports.handler = function (event, context, callback) { callback(null, { got: event.n }) }',
    ],
    [
      'context.succeed (legacy)',
      'exports.handler = (e, context) => { context.succeed({ got: e.n }) }',
    ],
  ]
  it.each(styles)('%s: event in, response out', async (_name, code) => {
    const host = await deployed(code)
    expect(response(await invoked(host, { n: 42 }))).toEqual({ got: 42 })
  })

  it('resolves a nested export path (file.a.b), as Lambda does', async () => {
    const host = await deployed('export const api = { get: async () => "nested" }', {
      handler: 'index.api.get',
    })
    expect(response(await invoked(host))).toBe('nested')
  })

  it('a handler that returns undefined responds null', async () => {
    const host = await deployed('export const handler = async () => {}')
    const record = await invoked(host)
    expect(record.responseJson).toBe('null')
  })

  it('a non-async handler that returns a value without calling back responds null once the loop is empty', async () => {
    const host = await deployed(
      'exports.handler = (e, c, cb) => { setTimeout(() => console.log("tick"), 50); return "ignored" }',
    )
    const record = await invoked(host)
    expect(record.responseJson).toBe('null')
    expect(messages(record)).toEqual(['tick'])
    expect(record.durationMs).toBeGreaterThanOrEqual(50)
  })
})

describe('callbackWaitsForEmptyEventLoop', () => {
  const code = (wait: boolean): string => `
    let fired = 0
    exports.handler = (event, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = ${wait}
      setTimeout(() => { fired++; console.log('timer fired', fired) }, 500)
      callback(null, { fired })
    }`

  it('true (default): responds after the pending timer has run, 500 ms later', async () => {
    const host = await deployed(code(true))
    const record = await invoked(host)
    expect(response(record)).toEqual({ fired: 0 })
    expect(messages(record)).toEqual(['timer fired 1'])
    expect(record.durationMs).toBeGreaterThanOrEqual(500)
  })

  it('false: responds at the callback; the frozen timer fires during the next invocation', async () => {
    const clock = manualClock()
    const host = await deployed(code(false), {}, 'javascript', clock.now)
    const first = await invoked(host)
    expect(messages(first)).toEqual([])
    expect(first.durationMs).toBeLessThan(500)
    clock.advance(60_000)
    const second = await invoked(host)
    expect(second.cold).toBe(false)
    expect(messages(second)).toContain('timer fired 1')
  })

  it('callback(error) fails the invocation with that error', async () => {
    const host = await deployed('exports.handler = (e, c, cb) => cb(new Error("via callback"))')
    const record = await invoked(host)
    expect(record.status).toBe('failed')
    expect(record.error).toMatchObject({ errorType: 'Error', errorMessage: 'via callback' })
  })
})

describe('TypeScript', () => {
  it('strips types and keeps the user line numbers in stack traces', async () => {
    const code = [
      "import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'",
      'interface Reply { statusCode: number; body: string }',
      'export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<Reply> => {',
      '  if (event.rawPath === "/boom") throw new Error("line five")',
      '  return { statusCode: 200, body: context.functionName satisfies string }',
      '}',
    ].join('\n')
    const host = await deployed(code, {}, 'typescript')
    expect(response(await invoked(host, { rawPath: '/' }))).toEqual({
      statusCode: 200,
      body: 'my-function',
    })
    const failed = await invoked(host, { rawPath: '/boom' })
    expect(failed.error?.trace?.[1]).toMatch(/file:\/\/\/var\/task\/index\.mjs:4:\d+\)$/)
  })

  it('a TypeScript parse error is a Runtime.UserCodeSyntaxError with its line', async () => {
    const host = await deployed(
      'const x: number = \nexport const handler = async () => x',
      {},
      'typescript',
    )
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.trace).toContain('    at file:///var/task/index.mjs:2')
  })
})
