/** Body of the lazily compiled part: `(sources) => v8Message(err)`. */
const V8_MESSAGES_BODY = String.raw`
  'use strict'

  // Registered sources hold the module's text; its lines are split once, on the first error.
  const lines = new Map()
  function __linesOf(file) {
    if (!lines.has(file) && sources.has(file)) lines.set(file, sources.get(file).split('\n'))
    return lines.get(file)
  }

  // The first frame in user code: its function name, the text of its line and the column.
  function __errorSite(err) {
    for (const frame of String(err.stack).split('\n')) {
      const m = /^\s*at (?:(.*?) \()?(.*):(\d+):(\d+)\)?$/.exec(frame)
      if (!m || m[2].startsWith('lambda-runtime:') || m[2] === '<input>') continue
      const source = __linesOf(m[2])
      const text = source ? source[Number(m[3]) - 1] : undefined
      const col = Number(m[4]) - 1
      return { name: m[1], text, col, before: text === undefined ? undefined : text.slice(0, col) }
    }
    return { name: undefined, text: undefined, col: 0, before: undefined }
  }

  // The callee written just before a call's '(' as V8 prints it: a.b.c, a[0], this.x.
  const CALLEE = /(?:^|[^\w$.\])?])((?:this|[A-Za-z_$][\w$]*)(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*|\s*\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])*)\s*(?:\?\.)?\s*$/

  function __callee(before) {
    if (before === undefined) return undefined
    const m = CALLEE.exec(before)
    if (!m) return undefined
    const printed = m[1]
      .replace(/\s+/g, '')
      .replace(/\?\./g, '.')
      .replace(/\[(?:'([^']*)'|"([^"]*)")\]/g, (_, a, b) => '.' + (a === undefined ? b : a))
    const isNew = /(?:^|[^\w$])new\s*$/.test(before.slice(0, before.length - m[0].length + m[0].indexOf(m[1])))
    return { printed, isNew }
  }

  // Whether the assignment QuickJS points at writes a property (o.x = …) rather than a binding:
  // the occurrence of the name nearest the error's column follows a '.' or a quoted '['.
  function __assignsProperty(site, name) {
    if (site.text === undefined) return false
    const word = new RegExp('(^|[^\\w$])' + name.replace(/[$]/g, '\\$') + '(?![\\w$])', 'g')
    let best = null
    for (let m = word.exec(site.text); m; m = word.exec(site.text)) {
      const at = m.index + m[1].length
      if (!best || Math.abs(at - site.col) < Math.abs(best - site.col)) best = at
    }
    return best !== null && /(\.|\[\s*['"])\s*$/.test(site.text.slice(0, best))
  }

  // QuickJS points at the iterated expression of a for…of or a spread.
  function __notIterable(site) {
    if (site.text === undefined) return undefined
    const subject = /^(?:this|[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*/.exec(site.text.slice(site.col))
    const lead = /(\bof|\.\.\.)\s*$/.exec(site.before)
    if (!subject || !lead) return undefined
    if (lead[1] === 'of' || __openBracket(site.before) === '[') return subject[0] + ' is not iterable'
    return 'Spread syntax requires ...iterable[Symbol.iterator] to be a function'
  }

  // The innermost bracket still open at the end of a line's text ('(' for a call's arguments).
  function __openBracket(text) {
    let depth = 0
    for (let i = text.length - 1; i >= 0; i--) {
      const c = text[i]
      if (c === ')' || c === ']' || c === '}') depth++
      else if (c === '(' || c === '[' || c === '{') {
        if (depth === 0) return c
        depth--
      }
    }
    return ''
  }

  // [type, QuickJS message, V8 message (string with $n, or a function of the match and site)]
  const V8_MESSAGES = [
    ['TypeError', /^cannot read property 'Symbol\.iterator' of (undefined|null)$/,
      '$1 is not iterable (cannot read property Symbol(Symbol.iterator))'],
    ['TypeError', /^cannot read property '(.*)' of (undefined|null)$/,
      "Cannot read properties of $2 (reading '$1')"],
    ['TypeError', /^cannot set property '(.*)' of (undefined|null)$/,
      "Cannot set properties of $2 (setting '$1')"],
    ['ReferenceError', /^'(.*)' is not defined$/, '$1 is not defined'],
    ['ReferenceError', /^this is not initialized$/,
      "Must call super constructor in derived class before accessing 'this' or returning from derived constructor"],
    ['ReferenceError', /^(.*) is not initialized$/, "Cannot access '$1' before initialization"],
    ['TypeError', /^not a function$/, (m, site) => {
      const callee = __callee(site.before)
      // A user's own "throw new TypeError('not a function')" is no call site.
      if (!callee || (callee.isNew && /Error$/.test(callee.printed))) return undefined
      return callee.printed + (callee.isNew ? ' is not a constructor' : ' is not a function')
    }],
    ['TypeError', /^'(.*)' is read-only$/, (m, site) => __assignsProperty(site, m[1])
      ? "Cannot assign to read only property '" + m[1] + "' of object '#<Object>'"
      : 'Assignment to constant variable.'],
    ['TypeError', /^value is not iterable$/, (m, site) => __notIterable(site)],
    ['TypeError', /^cannot convert to object$/, 'Cannot convert undefined or null to object'],
    ['TypeError', /^cannot convert symbol to (string|number)$/, 'Cannot convert a Symbol value to a $1'],
    ['TypeError', /^cannot convert bigint to number$/, 'Cannot mix BigInt and other types, use explicit conversions'],
    ['TypeError', /^class constructors must be invoked with 'new'$/, (m, site) =>
      site.name ? 'Class constructor ' + site.name + " cannot be invoked without 'new'" : undefined],
    ['TypeError', /^empty array$/, 'Reduce of empty array with no initial value'],
    ['TypeError', /^circular reference$/, 'Converting circular structure to JSON'],
    ['RangeError', /^invalid array length$/, 'Invalid array length'],
    ['RangeError', /^invalid array buffer length$/, 'Invalid array buffer length'],
    ['RangeError', /^invalid string length$/, 'Invalid string length'],
    ['InternalError', /^stack overflow$/, 'Maximum call stack size exceeded'],
    // A string past the engine's maximum length (s += s): V8 says RangeError too (guest-stack.ts).
    ['InternalError', /^string too long$/, 'Invalid string length'],
    ['URIError', /^.*$/, 'URI malformed'],
  ]

  function __v8Message(err) {
    const name = String(err.name)
    const message = String(err.message)
    for (const [type, pattern, to] of V8_MESSAGES) {
      if (type !== name) continue
      const m = pattern.exec(message)
      if (!m) continue
      const out = typeof to === 'string'
        ? message.replace(pattern, to)
        : to(m, __errorSite(err))
      return out === undefined ? message : out
    }
    return message
  }

  return __v8Message
`

/**
 * Guest-side source of `__v8Message(err)` and `__registerSource(file, text)`: QuickJS's wording
 * of the engine's own errors rewritten as V8's (Node 22 on Lambda), for the error payload, the
 * trace and the `Invoke Error` / `Uncaught Exception` lines. The error's type is kept; a message
 * no row knows passes through unchanged.
 *
 * Some V8 messages name the expression at fault (`event.body.trim is not a function`). QuickJS
 * says only `not a function`, so the expression is read back from the source at the error's
 * position: the call's `(` for a call. The shim registers a CommonJS module's source itself
 * (the wrapper function's text); an ES module's source must be registered by the loader. Without
 * a source such rows keep QuickJS's message.
 *
 * The table and its helpers are compiled only when the first error is formatted (a function
 * body handed to the shim's captured `Function`): parsing them costs about 0.5 ms, which every
 * cold start would otherwise pay. Runs inside the shim's closure (see bootstrap.ts).
 */
export const V8_MESSAGES_SOURCE = String.raw`
  const __sources = new Map()
  let __v8Compiled = null

  function __registerSource(file, text) {
    __sources.set(file, String(text))
  }

  function __v8Message(err) {
    __v8Compiled ??= __compileShimPart(['sources'], ${JSON.stringify(V8_MESSAGES_BODY)})(__sources)
    return __v8Compiled(err)
  }
`
