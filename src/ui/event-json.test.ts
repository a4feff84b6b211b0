import { describe, expect, it } from 'vitest'
import { parseEventJson } from './event-json'

describe('parseEventJson', () => {
  it('accepts any JSON value', () => {
    expect(parseEventJson('{"a": [1, 2.5e3, true, null, "x"]}')).toEqual({
      ok: true,
      value: { a: [1, 2500, true, null, 'x'] },
    })
    expect(parseEventJson(' "text" ')).toEqual({ ok: true, value: 'text' })
  })

  it('points at a missing comma with line and column', () => {
    const result = parseEventJson('{\n  "key1": "value1"\n  "key2": "value2"\n}')
    expect(result).toEqual({
      ok: false,
      message: "Expected ',' or '}' after a property value but found '\"'",
      line: 3,
      column: 3,
      offset: 23,
    })
  })

  it('explains trailing commas, single quotes and unterminated input', () => {
    expect(parseEventJson('{"a": 1,}')).toMatchObject({
      ok: false,
      message: "Expected a property name (no trailing comma in JSON) but found '}'",
      column: 9,
    })
    expect(parseEventJson("{'a': 1}")).toMatchObject({ ok: false, column: 2 })
    expect(parseEventJson('[1, 2')).toMatchObject({
      ok: false,
      message: "Expected ',' or ']' after an array element but found the end of the text",
    })
    expect(parseEventJson('')).toMatchObject({ ok: false, line: 1, column: 1 })
    expect(parseEventJson('{} {}')).toMatchObject({ ok: false, column: 4 })
  })
})
