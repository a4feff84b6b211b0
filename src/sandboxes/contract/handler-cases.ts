import type { ContractCase } from './types'
import {
  failedWith,
  invocation,
  matches,
  messages,
  responded,
  responseOf,
  same,
  verify,
  within,
} from './verify'

const N42 = '{"n":42}'

/** A handler style that answers `{ got: event.n }`. */
function style(name: string, title: string, code: string): ContractCase {
  return {
    id: `handler/${name}`,
    group: 'handler styles',
    title,
    code,
    events: [N42],
    check: verify((outcomes) => responded('event {n:42}', invocation(outcomes, 0), { got: 42 })),
  }
}

const CALLBACK_WAITS = (wait: boolean): string => `let fired = 0
exports.handler = (event, context, callback) => {
  if (event.wait) return new Promise((r) => setTimeout(() => r({ fired }), event.wait))
  context.callbackWaitsForEmptyEventLoop = ${wait}
  setTimeout(() => { fired++; console.log('timer fired', fired) }, 500)
  callback(null, { fired })
}`

/** Handler resolution as Lambda's Node.js runtime does it: ESM, CommonJS, callbacks, TypeScript. */
export const handlerCases: ContractCase[] = [
  style(
    'esm-export-const',
    'ESM export const async arrow',
    'export const handler = async (event) => ({ got: event.n })',
  ),
  style(
    'esm-export-async-function',
    'ESM export async function',
    'export async function handler(event) { return { got: event.n } }',
  ),
  style(
    'esm-export-list',
    'ESM export { handler }',
    'const handler = async (e) => ({ got: e.n })\nexport { handler }',
  ),
  style(
    'cjs-exports-handler',
    'CommonJS exports.handler',
    'exports.handler = async (event) => ({ got: event.n })',
  ),
  style(
    'cjs-module-exports',
    'CommonJS module.exports = { handler }',
    'module.exports = { handler: async (e) => ({ got: e.n }) }',
  ),
  style(
    'callback',
    'callback style: callback(null, result)',
    'exports.handler = function (event, context, callback) { callback(null, { got: event.n }) }',
  ),
  {
    id: 'handler/callback-error',
    group: 'handler styles',
    title: 'callback(error) fails the invocation with that error',
    code: 'exports.handler = (e, c, cb) => cb(new Error("via callback"))',
    events: ['{}'],
    check: verify((outcomes) => {
      const error = failedWith('callback(error)', invocation(outcomes, 0), 'Error')
      same('errorMessage', error.errorMessage, 'via callback')
    }),
  },
  {
    id: 'handler/callback-from-timer',
    group: 'handler styles',
    title: 'callback style, calling back later from a timer: responds with that value',
    code: 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { got: event.n }), 100) }',
    events: [N42],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      responded('event {n:42}', record, { got: 42 })
      within('durationMs', record.durationMs, 100)
    }),
  },
  {
    id: 'handler/callback-waits-true',
    group: 'handler styles',
    title: 'callbackWaitsForEmptyEventLoop true: responds after the pending 500 ms timer',
    code: CALLBACK_WAITS(true),
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      responded('first', record, { fired: 0 })
      same('messages', messages(record), ['timer fired 1'])
      within('durationMs', record.durationMs, 500)
    }),
  },
  {
    id: 'handler/callback-waits-false',
    group: 'handler styles',
    title: 'callbackWaitsForEmptyEventLoop false: responds at the callback; the timer fires later',
    code: CALLBACK_WAITS(false),
    // The second invocation waits 1 s on the same environment: the frozen timer fires in it.
    events: ['{}', '{"wait":1000}'],
    check: verify((outcomes) => {
      const first = invocation(outcomes, 0)
      responded('first', first, { fired: 0 })
      same('first messages', messages(first), [])
      within('first durationMs', first.durationMs, 0, 499)
      const second = invocation(outcomes, 1)
      same('second cold', second.cold, false)
      same('second messages', messages(second), ['timer fired 1'])
      responded('second', second, { fired: 1 })
    }),
  },
  {
    id: 'handler/sync-no-callback',
    group: 'handler styles',
    title: 'a sync handler that never calls back responds null once the event loop is empty',
    code: 'exports.handler = (e, c, cb) => { setTimeout(() => console.log("tick"), 50); return "ignored" }',
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      same('responseJson', record.responseJson, 'null')
      same('messages', messages(record), ['tick'])
      within('durationMs', record.durationMs, 50)
    }),
  },
  {
    id: 'handler/typescript',
    group: 'handler styles',
    title: 'TypeScript: types stripped, stack traces on the user’s lines',
    language: 'typescript',
    code: [
      "import type { APIGatewayProxyEventV2, Context } from 'aws-lambda'",
      'interface Reply { statusCode: number; body: string }',
      'export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<Reply> => {',
      '  if (event.rawPath === "/boom") throw new Error("line four")',
      '  return { statusCode: 200, body: context.functionName satisfies string }',
      '}',
    ].join('\n'),
    events: ['{"rawPath":"/"}', '{"rawPath":"/boom"}'],
    check: verify((outcomes) => {
      responded('GET /', invocation(outcomes, 0), { statusCode: 200, body: 'my-function' })
      const error = failedWith('GET /boom', invocation(outcomes, 1), 'Error')
      matches('trace[1]', error.trace?.[1], /file:\/\/\/var\/task\/index\.mjs:4:\d+\)?$/)
    }),
  },
  {
    id: 'handler/returns-undefined',
    group: 'handler styles',
    title: 'an async handler that returns undefined responds null',
    code: 'export const handler = async () => { console.log("ran") }',
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      same('[responseJson, messages]', [record.responseJson, messages(record)], ['null', ['ran']])
      same('response', responseOf(record), null)
    }),
  },
]
