import { JSON_DEEP_BODY } from './json-deep'

/** Body of the lazily compiled part: `() => (message, text, stack) => v8Message`. */
const V8_JSON_BODY = String.raw`
  'use strict'
  // V8 quotes the whole text up to this length, else 10 characters either side of the token.
  const JSON_CONTEXT = 10
  const SPECIAL_JSON = ['NaN', 'Infinity', 'undefined', '[object Object]']

  function __jsonOffset(text, stack) {
    const m = /at <input>:(\d+):(\d+)/.exec(String(stack))
    if (!m) return -1
    let offset = 0
    for (let line = 1; line < Number(m[1]); line++) {
      const nl = text.indexOf('\n', offset)
      if (nl < 0) return -1
      offset = nl + 1
    }
    return Math.min(text.length, offset + Number(m[2]) - 1)
  }

  function __jsonAt(text, pos, where = ' in JSON') {
    const before = text.slice(0, pos)
    const line = before.split('\n').length
    const column = pos - before.lastIndexOf('\n')
    return where + ' at position ' + pos + ' (line ' + line + ' column ' + column + ')'
  }

  function __jsonUnexpected(text, pos) {
    if (pos >= text.length) return 'Unexpected end of JSON input'
    if (SPECIAL_JSON.includes(text)) return '"' + text + '" is not valid JSON'
    const c = text[pos]
    if (c === '"') return 'Unexpected string' + __jsonAt(text, pos)
    if (c === '-' || (c >= '0' && c <= '9')) return 'Unexpected number' + __jsonAt(text, pos)
    const head = "Unexpected token '" + c + "', "
    if (text.length <= JSON_CONTEXT * 2 + 1) return head + '"' + text + '" is not valid JSON'
    if (pos < JSON_CONTEXT) return head + '"' + text.slice(0, pos + JSON_CONTEXT) + '"... is not valid JSON'
    if (pos < text.length - JSON_CONTEXT) {
      return head + '..."' + text.slice(pos - JSON_CONTEXT, pos + JSON_CONTEXT) + '"... is not valid JSON'
    }
    return head + '..."' + text.slice(pos - JSON_CONTEXT) + '" is not valid JSON'
  }

  // QuickJS message → V8 message, given the text and the 0-based position.
  function __jsonMessage(message, text, pos) {
    const previous = text.slice(0, pos).trimEnd().slice(-1)
    switch (message) {
      case 'expecting property name':
        return previous === ','
          ? 'Expected double-quoted property name' + __jsonAt(text, pos)
          : "Expected property name or '}'" + __jsonAt(text, pos)
      case "expecting '}'": return "Expected ',' or '}' after property value" + __jsonAt(text, pos)
      case "expecting ']'": return "Expected ',' or ']' after array element" + __jsonAt(text, pos)
      case "expecting ':'": return "Expected ':' after property name" + __jsonAt(text, pos)
      case 'unexpected data at the end': return 'Unexpected non-whitespace character after JSON' + __jsonAt(text, pos, '')
      case 'Bad escaped character':
      case 'Bad control character in string literal':
      case 'Bad Unicode escape':
      case 'Exponent part is missing a number':
      case 'Unterminated fractional number':
        return message + __jsonAt(text, pos)
      case "Unexpected token '":
        return text[pos - 1] === '-' ? 'No number after minus sign' + __jsonAt(text, pos) : __jsonUnexpected(text, pos)
      case 'Unexpected end of JSON input':
        // QuickJS points at the opening quote of a string that never ends.
        return text[pos] === '"' ? 'Unterminated string' + __jsonAt(text, text.length) : message
      default:
        return message.startsWith('unexpected token') ? __jsonUnexpected(text, pos) : message
    }
  }

  // The QuickJS message rewritten, or left as it is when the position is unknown.
  return (message, text, stack) => {
    const pos = __jsonOffset(text, stack)
    return pos < 0 ? message : __jsonMessage(message, text, pos)
  }
`

/**
 * Guest-side source that makes `JSON.parse` errors read like V8's (Node 22). QuickJS reports
 * the position only in a `<input>:line:col` stack frame and words the message its own way
 * (`unexpected token: 'hello'`); V8 names the token, quotes the text around it and counts the
 * position from 0 (`Unexpected token 'h', "hello" is not valid JSON`, `Expected ',' or '}' after
 * property value in JSON at position 7 (line 1 column 8)`). V8's wording needs the source text,
 * which only the call has, so `JSON.parse` is wrapped and rewrites the message at the throw:
 * user code that catches the error sees V8's message too, as on Lambda.
 *
 * Runs inside the shim's closure (see bootstrap.ts); the wrapper's frame lives in the shim's
 * file, so stack mapping hides it. The message logic is compiled on the first error only, as in
 * v8-messages.ts, so cold starts do not parse it.
 */
export const V8_JSON_SOURCE = String.raw`
  const __realJsonParse = JSON.parse
  let __jsonCompiled = null
  let __jsonDeep = null

  JSON.parse = function parse(text, reviver) {
    try {
      const value = __realJsonParse(text, reviver)
      // A long parse may have run past the deadline (bootstrap.ts).
      if (typeof text === 'string' && text.length > __LONG_JSON) __cutIfOverdue()
      return value
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err
      __jsonCompiled ??= __compileShimPart([], ${JSON.stringify(V8_JSON_BODY)})()
      // QuickJS's parser recursed too deep; V8's does not recurse (json-deep.ts).
      if (err.message === 'stack overflow') {
        __jsonDeep ??= __compileShimPart(['realParse', 'v8Message'], ${JSON.stringify(JSON_DEEP_BODY)})(__realJsonParse, __jsonCompiled)
        return __jsonDeep(String(text), reviver)
      }
      err.message = __jsonCompiled(err.message, String(text), err.stack)
      throw err
    }
  }
`
