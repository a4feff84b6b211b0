import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts, invoked, response } from '../testing'

afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

const esm = (body: string) => `export const handler = async (event) => {\n${body}\n}`

// QuickJS's JSON parser overflows at ~8,000 levels of nesting; V8's does not recurse, so Node
// parses these (and words their errors) as below. Messages are Node 22's (V8 12): Node 20 checked
// here prints the same text without the "(line … column …)" suffix.
const DEEP = 10000
/** Parsing 10,000 levels in guest JavaScript takes a while on a shared machine: no 1 s timeout. */
const deploy = (body: string) => deployed(esm(body), { timeoutSeconds: 30 })

describe('deeply nested JSON parses as in Node (json-deep.ts)', () => {
  it('nested objects, with their keys, strings and numbers exactly as the native parser reads them', async () => {
    const record = await invoked(
      await deploy(`let v = JSON.parse('{"k\\\\u0041":'.repeat(${DEEP}) + '[1.5e3, "\\\\n", true, null, {}, []]' + '}'.repeat(${DEEP}))
  let depth = 0
  while (!Array.isArray(v)) { v = v.kA; depth++ }
  return { depth, leaf: v }`),
    )
    expect(response(record)).toEqual({ depth: DEEP, leaf: [1500, '\n', true, null, {}, []] })
  })

  it('a "__proto__" key is an own property, as JSON.parse makes it, and a later key wins', async () => {
    const record = await invoked(
      await deploy(`const v = JSON.parse('['.repeat(${DEEP}) + '{"__proto__": 1, "a": 1, "a": 2}' + ']'.repeat(${DEEP}))
  let o = v
  while (Array.isArray(o)) o = o[0]
  return [Object.keys(o), Object.getPrototypeOf(o) === Object.prototype, o.a]`),
    )
    expect(response(record)).toEqual([['__proto__', 'a'], true, 2])
  })

  const ERRORS: [string, string, string][] = [
    [
      'a missing bracket',
      `'['.repeat(${DEEP}) + ']'.repeat(${DEEP - 1})`,
      "Expected ',' or ']' after array element in JSON at position 19999 (line 1 column 20000)",
    ],
    [
      'a stray token',
      `'['.repeat(${DEEP}) + 'x'`,
      'Unexpected token \'x\', ..."[[[[[[[[[[x" is not valid JSON',
    ],
    [
      'a trailing comma',
      `'['.repeat(${DEEP}) + '1,]' + ']'.repeat(${DEEP - 1})`,
      'Unexpected token \']\', ..."[[[[[[[[1,]]]]]]]]]]"... is not valid JSON',
    ],
    [
      'a bad escape in a string',
      `'['.repeat(${DEEP}) + '"a\\\\qb"' + ']'.repeat(${DEEP})`,
      'Bad escaped character in JSON at position 10003 (line 1 column 10004)',
    ],
    [
      'a key that is not a string',
      `'{"k":'.repeat(9000) + '{1:2}' + '}'.repeat(9000)`,
      "Expected property name or '}' in JSON at position 45001 (line 1 column 45002)",
    ],
  ]
  it.each(ERRORS)('%s: V8’s SyntaxError', async (_what, text, message) => {
    const record = await invoked(await deploy(`return JSON.parse(${text})`))
    expect([record.error?.errorType, record.error?.errorMessage]).toEqual(['SyntaxError', message])
  })
})
