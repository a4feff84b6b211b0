/**
 * Body of a lazily compiled part of the shim: `(realParse, v8Message) => (text, reviver) => value`,
 * a `JSON.parse` that keeps its own stack of open arrays and objects instead of recursing.
 *
 * QuickJS's JSON parser recurses in C and gives up at about 8,000 levels of nesting with
 * `SyntaxError: stack overflow`; V8's parser is iterative (Node parses 10,000,000 levels), so
 * on Lambda deeply nested JSON simply parses. The shim's `JSON.parse` (v8-json.ts) falls back to
 * this parser only after QuickJS's overflowed, so everyday parsing keeps the native speed.
 * Scalars are read by the engine's own parser (`realParse` on the token), so strings, escapes
 * and numbers come out exactly as natively. A reviver is applied by a recursive walk, as V8
 * does: deep enough, it overflows the stack (`RangeError: Maximum call stack size exceeded`,
 * which is V8's behaviour too). Errors are worded by `v8Message(quickjsMessage, text, stack)`
 * from the position the parser stopped at; for the rarer malformed tokens the wording is the
 * nearest V8 message, not always the exact one.
 */
export const JSON_DEEP_BODY = String.raw`
  'use strict'
  const WS = /[ \t\n\r]*/y
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
  const LITERAL = /true|false|null/y

  function define(obj, key, value) {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
  }

  function revived(value, reviver) {
    const walk = (holder, key) => {
      const val = holder[key]
      if (val !== null && typeof val === 'object') {
        const keys = Array.isArray(val) ? Array.from(val, (_, i) => String(i)) : Object.keys(val)
        for (let i = 0; i < keys.length; i++) {
          const v = walk(val, keys[i])
          if (v === undefined) delete val[keys[i]]
          else define(val, keys[i], v)
        }
      }
      return reviver.call(holder, key, val)
    }
    const root = {}
    define(root, '', value)
    return walk(root, '')
  }

  return (text, reviver) => {
    let pos = 0
    const open = []

    const fail = (message, at) => {
      const before = text.slice(0, at)
      const where = '    at <input>:' + before.split('\n').length + ':' + (at - before.lastIndexOf('\n'))
      throw new SyntaxError(v8Message(message, text, where))
    }
    const skip = () => {
      WS.lastIndex = pos
      WS.exec(text)
      pos = WS.lastIndex
    }
    const token = (re) => {
      re.lastIndex = pos
      const m = re.exec(text)
      return m ? m[0] : null
    }
    // A string the pattern refused: the engine parses it alone to say what is wrong, and where.
    const badString = () => {
      try {
        realParse(text.slice(pos))
      } catch (e) {
        const m = /at <input>:1:(\d+)/.exec(String(e.stack))
        fail(String(e.message), pos + (m ? Number(m[1]) - 1 : 0))
      }
      fail('unexpected token', pos)
    }
    const string = () => {
      const t = token(STRING)
      if (t === null) badString()
      pos += t.length
      return realParse(t)
    }
    const scalar = () => {
      const c = text[pos]
      if (c === '"') return string()
      const t = token(c === '-' || (c >= '0' && c <= '9') ? NUMBER : LITERAL)
      if (t === null) fail('unexpected token', pos)
      pos += t.length
      return realParse(t)
    }
    const key = (top) => {
      skip()
      if (text[pos] !== '"') fail('expecting property name', pos)
      top.key = string()
      skip()
      if (text[pos] !== ':') fail("expecting ':'", pos)
      pos++
    }

    for (;;) {
      skip()
      const c = text[pos]
      let value
      if (c === '[' || c === '{') {
        pos++
        skip()
        const top = { value: c === '[' ? [] : {}, isArray: c === '[', key: '' }
        if (text[pos] === (top.isArray ? ']' : '}')) {
          pos++
          value = top.value
        } else {
          open[open.length] = top
          if (!top.isArray) key(top)
          continue
        }
      } else value = scalar()
      // A complete value: store it in its container, and close every container that ends here.
      for (;;) {
        if (open.length === 0) {
          skip()
          if (pos < text.length) fail('unexpected data at the end', pos)
          return typeof reviver === 'function' ? revived(value, reviver) : value
        }
        const top = open[open.length - 1]
        if (top.isArray) top.value[top.value.length] = value
        else define(top.value, top.key, value)
        skip()
        if (text[pos] === ',') {
          pos++
          if (!top.isArray) key(top)
          break
        }
        if (text[pos] !== (top.isArray ? ']' : '}')) fail(top.isArray ? "expecting ']'" : "expecting '}'", pos)
        pos++
        open.length--
        value = top.value
      }
    }
  }
`
