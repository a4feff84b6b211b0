/**
 * Checks a test event before it is sent. JSON.parse's messages differ between engines and some
 * carry no position, so on failure a small scanner finds where the text stops being JSON and says
 * what was expected there.
 */
export type EventJsonResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number; offset: number }

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
    this.name = 'JsonSyntaxError'
  }
}

export function parseEventJson(text: string): EventJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    const { message, offset } = locateError(text)
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    return { ok: false, message, line, column, offset }
  }
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'the end of the text' : `'${text[at]}'`
}

function locateError(text: string): { message: string; offset: number } {
  let at = 0
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++
  }
  const fail = (expected: string): never => {
    throw new JsonSyntaxError(`Expected ${expected} but found ${describe(text, at)}`, at)
  }
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length
    else fail(`a JSON value ('${word}'?)`)
  }
  const string = () => {
    at++
    while (at < text.length && text[at] !== '"') {
      const ch = text.charCodeAt(at)
      if (ch < 0x20) fail('a closing quote (strings cannot span lines; use \\n)')
      if (text[at] === '\\') {
        at++
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5)))
            fail('four hex digits after \\u')
          at += 4
        } else if (!'"\\/bfnrt'.includes(text[at] ?? 'x'))
          fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)')
      }
      at++
    }
    if (at >= text.length) fail('a closing quote')
    at++
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at))
    if (!match || match[0] === '-') fail('a number')
    at += (match as RegExpExecArray)[0].length
  }
  const value = (): void => {
    space()
    const ch = text[at]
    if (ch === '{') return object()
    if (ch === '[') return array()
    if (ch === '"') return string()
    if (ch === 't') return literal('true')
    if (ch === 'f') return literal('false')
    if (ch === 'n') return literal('null')
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number()
    if (ch === "'") fail('a double-quoted string (JSON does not allow single quotes)')
    fail('a JSON value')
  }
  const object = () => {
    at++
    space()
    if (text[at] === '}') return void at++
    for (;;) {
      space()
      if (text[at] !== '"')
        fail(
          text[at] === '}'
            ? 'a property name (no trailing comma in JSON)'
            : 'a double-quoted property name',
        )
      string()
      space()
      if (text[at] !== ':') fail("':' after the property name")
      at++
      value()
      space()
      if (text[at] === ',') at++
      else if (text[at] === '}') return void at++
      else fail("',' or '}' after a property value")
    }
  }
  const array = () => {
    at++
    space()
    if (text[at] === ']') return void at++
    for (;;) {
      space()
      if (text[at] === ']') fail('a value (no trailing comma in JSON)')
      value()
      space()
      if (text[at] === ',') at++
      else if (text[at] === ']') return void at++
      else fail("',' or ']' after an array element")
    }
  }
  try {
    value()
    space()
    if (at < text.length) fail('the end of the event (only one JSON value is allowed)')
    return { message: 'Invalid JSON', offset: 0 }
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { message: error.message, offset: error.offset }
    throw error
  }
}
