import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts, invoked } from '../testing'
import { v8SyntaxMessage } from './init-errors'

afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

/** [what the code gets wrong, module source, V8's message (Node 22)] */
const ROWS: [string, string, string][] = [
  ['a stray brace', 'export const handler = async () => 1\n}', "Unexpected token '}'"],
  [
    'an unclosed block',
    'export const handler = async () => {\n  return 1',
    'Unexpected end of input',
  ],
  [
    'a const without a value',
    'const table\nexport const handler = async () => 1',
    'Missing initializer in const declaration',
  ],
  [
    'an assignment to a literal',
    'export const handler = async () => {\n  1 = 2\n}',
    'Invalid left-hand side in assignment',
  ],
  [
    'an unterminated string',
    "export const handler = async () => 'abc\n",
    'Invalid or unexpected token',
  ],
  [
    'a return at top level (CommonJS is a function: only in an ES module)',
    'export const handler = 1\nreturn 2',
    'Illegal return statement',
  ],
]

describe('a syntax error in the handler reads as V8 under Runtime.UserCodeSyntaxError', () => {
  it.each(ROWS)('%s', async (_what, code, message) => {
    const record = await invoked(await deployed(code))
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.errorMessage).toBe(`SyntaxError: ${message}`)
    expect(record.error?.trace?.[0]).toBe(`Runtime.UserCodeSyntaxError: SyntaxError: ${message}`)
  })

  it('an unknown parser message passes through unchanged', () => {
    expect(v8SyntaxMessage("expecting ';'")).toBe("expecting ';'")
  })
})
