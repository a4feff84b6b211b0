import { afterEach, describe, expect, it } from 'vitest'
import { appLines, deployed, disposeHosts, invoked, response } from '../testing'

afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

const esm = (body: string) => `export const handler = async (event) => {\n${body}\n}`
const cjs = (body: string) => `'use strict'\nexports.handler = async (event) => {\n${body}\n}`

/** [what the code does, module source, error type, V8's message (Node 22)] */
const ROWS: [string, string, string, string][] = [
  // Property access on undefined / null
  [
    'reads a property of undefined',
    esm('let u\nreturn u.name'),
    'TypeError',
    "Cannot read properties of undefined (reading 'name')",
  ],
  [
    'reads a property of null',
    esm('const o = null\nreturn o.name'),
    'TypeError',
    "Cannot read properties of null (reading 'name')",
  ],
  [
    'sets a property of undefined',
    esm('const o = {}\no.a.b = 1'),
    'TypeError',
    "Cannot set properties of undefined (setting 'b')",
  ],
  [
    'destructures undefined as an array',
    esm('const [a] = undefined\nreturn a'),
    'TypeError',
    'undefined is not iterable (cannot read property Symbol(Symbol.iterator))',
  ],
  [
    'Object.keys(undefined)',
    esm('return Object.keys(undefined)'),
    'TypeError',
    'Cannot convert undefined or null to object',
  ],
  // Names
  [
    'uses an undeclared name',
    esm('return missing + 1'),
    'ReferenceError',
    'missing is not defined',
  ],
  [
    'reads a let before its declaration',
    esm('const y = x + 1\nlet x = 1\nreturn y'),
    'ReferenceError',
    "Cannot access 'x' before initialization",
  ],
  [
    'assigns to a const',
    esm('const c = 1\nc = 2\nreturn c'),
    'TypeError',
    'Assignment to constant variable.',
  ],
  [
    'writes a frozen property (CommonJS, strict)',
    cjs('const o = Object.freeze({ a: 1 })\no.a = 2'),
    'TypeError',
    "Cannot assign to read only property 'a' of object '#<Object>'",
  ],
  [
    'iterates over a non-iterable (CommonJS)',
    cjs('const n = 5\nfor (const x of n) return x'),
    'TypeError',
    'n is not iterable',
  ],
  [
    'spreads a non-iterable into an array (CommonJS)',
    cjs('const o = {}\nreturn [1, ...o]'),
    'TypeError',
    'o is not iterable',
  ],
  [
    'spreads a non-iterable into a call (CommonJS)',
    cjs('const o = {}\nreturn Math.max(...o)'),
    'TypeError',
    'Spread syntax requires ...iterable[Symbol.iterator] to be a function',
  ],
  // Calls: the callee is read back from the source (registered for CommonJS)
  [
    'calls a method that is not a function',
    cjs('const body = {}\nreturn body.trim()'),
    'TypeError',
    'body.trim is not a function',
  ],
  [
    'calls a variable that is not a function',
    cjs('const f = 1\nreturn f()'),
    'TypeError',
    'f is not a function',
  ],
  [
    'calls a bracketed member',
    cjs("const o = { a: {} }\nreturn o.a['go']()"),
    'TypeError',
    'o.a.go is not a function',
  ],
  [
    'calls on line 1 of a CommonJS module',
    "exports.handler = async () => { const s = 'x'; return s.nope() }",
    'TypeError',
    's.nope is not a function',
  ],
  [
    'news a member that is not a constructor',
    cjs('const C = {}\nreturn new C.Thing()'),
    'TypeError',
    'C.Thing is not a constructor',
  ],
  [
    'calls a class without new',
    esm('class Order {}\nreturn Order()'),
    'TypeError',
    "Class constructor Order cannot be invoked without 'new'",
  ],
  // Ranges, conversions
  [
    'recurses without end',
    esm('const f = () => f() + 1\nreturn f()'),
    'RangeError',
    'Maximum call stack size exceeded',
  ],
  ['new Array(-1)', esm('return new Array(-1)'), 'RangeError', 'Invalid array length'],
  [
    'doubles a string past the maximum length',
    esm("let s = 'x'\nfor (;;) s += s"),
    'RangeError',
    'Invalid string length',
  ],
  [
    'adds a BigInt and a number',
    esm('return 1n + 1'),
    'TypeError',
    'Cannot mix BigInt and other types, use explicit conversions',
  ],
  [
    'turns a Symbol into a string',
    esm("return Symbol('a') + ''"),
    'TypeError',
    'Cannot convert a Symbol value to a string',
  ],
  [
    'reduces an empty array',
    esm('return [].reduce((a, b) => a + b)'),
    'TypeError',
    'Reduce of empty array with no initial value',
  ],
  ['decodes a bad URI', esm("return decodeURIComponent('%')"), 'URIError', 'URI malformed'],
  // JSON.parse
  [
    'JSON.parse of a word',
    esm("return JSON.parse('hello')"),
    'SyntaxError',
    'Unexpected token \'h\', "hello" is not valid JSON',
  ],
  [
    'JSON.parse of an empty string',
    esm("return JSON.parse('')"),
    'SyntaxError',
    'Unexpected end of JSON input',
  ],
  [
    'JSON.parse of undefined',
    esm('return JSON.parse(event.body)'),
    'SyntaxError',
    '"undefined" is not valid JSON',
  ],
  [
    'JSON.parse, a missing comma',
    esm('return JSON.parse(\'{"a":1 2}\')'),
    'SyntaxError',
    "Expected ',' or '}' after property value in JSON at position 7 (line 1 column 8)",
  ],
  [
    'JSON.parse, a trailing comma',
    esm('return JSON.parse(\'{"a": 1,}\')'),
    'SyntaxError',
    'Expected double-quoted property name in JSON at position 8 (line 1 column 9)',
  ],
  [
    'JSON.parse, single quotes',
    esm('return JSON.parse("{\'a\': 1}")'),
    'SyntaxError',
    "Expected property name or '}' in JSON at position 1 (line 1 column 2)",
  ],
  [
    'JSON.parse, a hole in a long array',
    esm("return JSON.parse('[1, 2, 3, 4, 5, , 7, 8, 9, 10]')"),
    'SyntaxError',
    'Unexpected token \',\', ..." 3, 4, 5, , 7, 8, 9,"... is not valid JSON',
  ],
  [
    'JSON.parse, text after the value',
    esm('return JSON.parse(\'{"a": 3}a\')'),
    'SyntaxError',
    'Unexpected non-whitespace character after JSON at position 8 (line 1 column 9)',
  ],
  [
    'JSON.parse, a second line',
    esm('return JSON.parse(\'{\\n  "a": 1\\n  "b": 2\\n}\')'),
    'SyntaxError',
    "Expected ',' or '}' after property value in JSON at position 13 (line 3 column 3)",
  ],
  // Unknown messages pass through
  [
    "the user's own TypeError",
    esm("throw new TypeError('my own words')"),
    'TypeError',
    'my own words',
  ],
  [
    "the user's own 'not a function'",
    cjs("throw new TypeError('not a function')"),
    'TypeError',
    'not a function',
  ],
]

describe('QuickJS errors read as V8 (Node 22) in the payload, trace and Invoke Error line', () => {
  it.each(ROWS)('%s', async (_what, code, errorType, errorMessage) => {
    const record = await invoked(await deployed(code))
    expect(record.error?.errorType).toBe(errorType)
    expect(record.error?.errorMessage).toBe(errorMessage)
    expect(record.error?.trace?.[0]).toBe(`${errorType}: ${errorMessage}`)
    const [, level, line] = appLines(record)[0] ?? []
    expect(level).toBe('ERROR')
    const logged = JSON.parse(line?.replace(/^Invoke Error \t/, '') ?? '{}') as {
      errorMessage?: string
      stack?: string[]
    }
    expect(logged.errorMessage).toBe(errorMessage)
    expect(logged.stack?.[0]).toBe(`${errorType}: ${errorMessage}`)
  })

  it('a JSON.parse error caught by the handler already has V8 message', async () => {
    const host = await deployed(
      esm("try { JSON.parse('nope') } catch (e) { return { name: e.name, message: e.message } }"),
    )
    expect(response(await invoked(host))).toEqual({
      name: 'SyntaxError',
      message: 'Unexpected token \'n\', "nope" is not valid JSON',
    })
  })

  it('a JSON.parse trace shows JSON.parse as V8 does, not the position frame or the shim', async () => {
    const record = await invoked(await deployed(esm("return JSON.parse('x')")))
    expect(record.error?.trace?.slice(1, 3)).toEqual([
      '    at JSON.parse (<anonymous>)',
      expect.stringMatching(/^ {4}at Runtime\.handler \(file:\/\/\/var\/task\/index\.mjs:2:\d+\)$/),
    ])
  })

  it('valid JSON still parses, with a reviver', async () => {
    const host = await deployed(
      esm('return JSON.parse(\'{"a":1,"b":2}\', (k, v) => (k === "b" ? undefined : v))'),
    )
    expect(response(await invoked(host))).toEqual({ a: 1 })
  })

  it('console.error(err) prints the V8 message in the stack', async () => {
    const record = await invoked(
      await deployed(esm('try { null.x } catch (e) { console.error(e) }\nreturn 1')),
    )
    expect(appLines(record)[0]?.[2]).toMatch(
      /^TypeError: Cannot read properties of null \(reading 'x'\)\n {4}at /,
    )
  })

  it('an ES module names the failing call, as V8 does', async () => {
    const record = await invoked(await deployed(esm('const body = {}\nreturn body.trim()')))
    expect(record.error?.errorMessage).toBe('body.trim is not a function')
  })
})
