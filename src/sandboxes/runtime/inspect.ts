/**
 * Guest-side source of `__inspect(value, depth)`: Node's `util.inspect` with its default options
 * (depth 2, compact 3, breakLength 80, 100 array items, 10,000 string characters), rewritten as
 * plain JS that runs inside QuickJS, since the objects to print live in the guest. Shapes follow
 * Node 22: `{ a: 1, b: [ 1, 2 ] }`, `Map(1) { 'k' => 1 }`, `[Function: f]`, `<ref *1> { self:
 * [Circular *1] }`, long arrays grouped in columns; format.test.ts compares it with Node itself.
 *
 * It is a string, not a function to `.toString()`, so no bundler or transpiler can rewrite it.
 * It is compiled on first use with `format.ts` (see format-part.ts), which hands it
 * `__nodeStack(error)` (guest-stack.ts) and `__fnToString`.
 */
export const INSPECT_SOURCE = String.raw`
const __inspect = (() => {
  const BREAK = 80
  const MAX_ITEMS = 100
  const MAX_STRING = 10000
  const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/
  // Captured by the shim before user code runs (see format-part.ts).
  const fnToString = __fnToString

  function quote(s) {
    let q = "'"
    if (s.includes("'")) {
      if (!s.includes('"')) q = '"'
      else if (!s.includes('\x60') && !s.includes('$' + '{')) q = '\x60'
    }
    let out = ''
    for (const ch of s) {
      const c = ch.charCodeAt(0)
      if (ch === q || ch === '\\') out += '\\' + ch
      else if (ch === '\n') out += '\\n'
      else if (ch === '\t') out += '\\t'
      else if (ch === '\r') out += '\\r'
      else if (ch === '\b') out += '\\b'
      else if (ch === '\f') out += '\\f'
      else if (ch === '\v') out += '\\v'
      else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0')
      else out += ch
    }
    return q + out + q
  }

  function fmtNumber(n) {
    return Object.is(n, -0) ? '-0' : String(n)
  }

  function fmtString(s) {
    if (s.length <= MAX_STRING) return quote(s)
    const rest = s.length - MAX_STRING
    return quote(s.slice(0, MAX_STRING)) + '... ' + rest + ' more character' + (rest > 1 ? 's' : '')
  }

  function primitive(v) {
    switch (typeof v) {
      case 'string': return fmtString(v)
      case 'number': return fmtNumber(v)
      case 'bigint': return v + 'n'
      case 'boolean': return String(v)
      case 'undefined': return 'undefined'
      case 'symbol': return v.toString()
    }
    return 'null'
  }

  function fnBase(fn) {
    let src = ''
    try { src = fnToString.call(fn) } catch (e) {}
    if (src.startsWith('class') && /^class\b/.test(src)) {
      return '[class ' + (fn.name || '(anonymous)') + ']'
    }
    const tag = fn[Symbol.toStringTag]
    const kind = typeof tag === 'string' && tag.endsWith('Function') ? tag : 'Function'
    return '[' + kind + (fn.name ? ': ' + fn.name : ' (anonymous)') + ']'
  }

  function keyName(k) {
    if (typeof k === 'symbol') return '[' + k.toString() + ']'
    return IDENT.test(k) ? k : quote(k)
  }

  function ctorName(v) {
    let proto = Object.getPrototypeOf(v)
    if (proto === null) return null
    while (proto) {
      const d = Object.getOwnPropertyDescriptor(proto, 'constructor')
      if (d && typeof d.value === 'function' && d.value.name) return d.value.name
      proto = Object.getPrototypeOf(proto)
    }
    return ''
  }

  function prefix(name, tag, fallback, size) {
    const sz = size === undefined ? '' : '(' + size + ')'
    if (name === null) return '[' + fallback + sz + ': null prototype] '
    if (name === fallback && !sz) return ''
    return name + sz + ' '
  }

  function errorBase(err) {
    const stack = __nodeStack(err)
    return stack.includes('\n    at ') ? stack : '[' + stack + ']'
  }

  function ownEntries(ctx, v, depth, skipIndex) {
    const out = []
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)
      if (!d || !d.enumerable) continue
      if (skipIndex && typeof k === 'string' && /^(0|[1-9][0-9]*)$/.test(k)) continue
      let val
      if (d.get && d.set) val = '[Getter/Setter]'
      else if (d.get) val = '[Getter]'
      else if (d.set) val = '[Setter]'
      else val = value(ctx, d.value, depth + 1)
      out.push(keyName(k) + ': ' + val)
    }
    return out
  }

  function arrayEntries(ctx, arr, depth) {
    const out = []
    const len = arr.length
    const shown = Math.min(len, MAX_ITEMS)
    let holes = 0
    const flush = () => {
      if (holes) out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>')
      holes = 0
    }
    for (let i = 0; i < shown; i++) {
      if (!Object.prototype.hasOwnProperty.call(arr, i)) { holes++; continue }
      flush()
      out.push(value(ctx, arr[i], depth + 1))
    }
    flush()
    if (len > shown) out.push('... ' + (len - shown) + ' more item' + (len - shown > 1 ? 's' : ''))
    return out
  }

  function group(ctx, output, arr) {
    let total = 0
    let maxLen = 0
    const count = output.length - (arr.length > MAX_ITEMS ? 1 : 0)
    for (let i = 0; i < count; i++) {
      total += output[i].length + 2
      maxLen = Math.max(maxLen, output[i].length)
    }
    const actualMax = maxLen + 2
    if (actualMax * 3 + ctx.indent >= BREAK || !(total / actualMax > 5 || maxLen <= 6)) return output
    const bias = Math.sqrt(actualMax - total / output.length)
    const biasedMax = Math.max(actualMax - 3 - bias, 1)
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * count) / biasedMax),
      Math.floor((BREAK - ctx.indent) / actualMax),
      12,
      15,
    )
    if (columns <= 1) return output
    const widths = []
    for (let c = 0; c < columns; c++) {
      let w = 0
      for (let j = c; j < count; j += columns) w = Math.max(w, output[j].length)
      widths.push(w + 2)
    }
    let numeric = true
    for (let i = 0; i < count; i++) {
      if (typeof arr[i] !== 'number' && typeof arr[i] !== 'bigint') { numeric = false; break }
    }
    const rows = []
    for (let i = 0; i < count; i += columns) {
      const end = Math.min(i + columns, count)
      let line = ''
      for (let j = i; j < end - 1; j++) {
        const cell = output[j] + ', '
        line += numeric ? cell.padStart(widths[j - i]) : cell.padEnd(widths[j - i])
      }
      const last = output[end - 1]
      line += numeric ? last.padStart(widths[end - 1 - i] - 2) : last
      rows.push(line)
    }
    if (arr.length > MAX_ITEMS) rows.push(output[count])
    return rows
  }

  function join(ctx, output, base, open, close, depth, grouped) {
    const lead = base ? base + ' ' : ''
    if (ctx.deepest - depth < 3 && !grouped) {
      const start = output.length + ctx.indent + open.length + base.length + 10
      let total = output.length + start
      let fits = total + output.length <= BREAK
      for (let i = 0; fits && i < output.length; i++) {
        total += output[i].length
        if (total > BREAK) fits = false
      }
      if (fits && !base.includes('\n')) {
        const joined = output.join(', ')
        if (!joined.includes('\n')) return lead + open + ' ' + joined + ' ' + close
      }
    }
    const pad = '\n' + ' '.repeat(ctx.indent)
    return lead + open + pad + '  ' + output.join(',' + pad + '  ') + pad + close
  }

  function describe(ctx, v, depth) {
    const name = ctorName(v)
    if (Array.isArray(v)) {
      const p = prefix(name, '', 'Array', name === 'Array' ? undefined : v.length)
      return { open: p + '[', close: ']', base: '', list: true, size: v.length }
    }
    if (typeof v === 'function') return { open: '{', close: '}', base: fnBase(v) }
    if (v instanceof Error) return { open: '{', close: '}', base: errorBase(v) }
    if (v instanceof Map) return { open: prefix(name, '', 'Map', v.size) + '{', close: '}', base: '', map: true }
    if (v instanceof Set) return { open: prefix(name, '', 'Set', v.size) + '{', close: '}', base: '', set: true }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      return { open: (name || 'TypedArray') + '(' + v.length + ') [', close: ']', base: '', list: true, size: v.length }
    }
    if (v instanceof Date) return { open: '{', close: '}', base: isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString() }
    if (v instanceof RegExp) return { open: '{', close: '}', base: String(v) }
    if (v instanceof Promise) return { open: 'Promise {', close: '}', base: '', fixed: ['<pending>'] }
    if (v instanceof WeakMap || v instanceof WeakSet) {
      return { open: name + ' {', close: '}', base: '', fixed: ['<items unknown>'] }
    }
    for (const [Box, label] of [[Number, 'Number'], [String, 'String'], [Boolean, 'Boolean']]) {
      if (v instanceof Box) return { open: '{', close: '}', base: '[' + label + ': ' + primitive(v.valueOf()) + ']' }
    }
    const tag = v[Symbol.toStringTag]
    const tagText = typeof tag === 'string' && tag !== name ? ' [' + tag + ']' : ''
    const p = name === null ? '[Object: null prototype]' : name === 'Object' ? '' : name
    return { open: (p + tagText ? p + tagText + ' ' : '') + '{', close: '}', base: '' }
  }

  function entries(ctx, v, d, depth) {
    if (d.fixed) return d.fixed
    if (d.list) return arrayEntries(ctx, v, depth).concat(ownEntries(ctx, v, depth, true))
    if (d.map) {
      const out = []
      for (const [k, val] of v) out.push(value(ctx, k, depth + 1) + ' => ' + value(ctx, val, depth + 1))
      return out.concat(ownEntries(ctx, v, depth, false))
    }
    if (d.set) {
      const out = []
      for (const item of v) out.push(value(ctx, item, depth + 1))
      return out.concat(ownEntries(ctx, v, depth, false))
    }
    const own = ownEntries(ctx, v, depth, false)
    if (v instanceof Error) return own.filter((e) => !e.startsWith('stack: ') && !e.startsWith('message: '))
    return own
  }

  function object(ctx, v, depth) {
    const seenAt = ctx.seen.indexOf(v)
    if (seenAt !== -1) {
      let id = ctx.circular.get(v)
      if (id === undefined) ctx.circular.set(v, (id = ctx.circular.size + 1))
      return '[Circular *' + id + ']'
    }
    const d = describe(ctx, v, depth)
    if (depth > ctx.depth) {
      if (d.base && !d.list) return d.base
      return Array.isArray(v) ? '[Array]' : '[' + (ctorName(v) || 'Object') + ']'
    }
    ctx.seen.push(v)
    ctx.deepest = depth
    ctx.indent += 2
    let output
    try {
      output = entries(ctx, v, d, depth)
    } finally {
      ctx.indent -= 2
      ctx.seen.pop()
    }
    let text
    if (output.length === 0) {
      if (d.base) text = d.base
      else text = d.open + d.close
    } else {
      const grouped = d.list && output.length > 6 ? group(ctx, output, v) : output
      text = join(ctx, grouped, d.base, d.open, d.close, depth, grouped !== output)
    }
    const id = ctx.circular.get(v)
    return id === undefined ? text : '<ref *' + id + '> ' + text
  }

  function value(ctx, v, depth) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return primitive(v)
    return object(ctx, v, depth)
  }

  function inspect(v, depth) {
    const ctx = { seen: [], circular: new Map(), indent: 0, deepest: 0, depth: depth === undefined ? 2 : depth }
    return value(ctx, v, 0)
  }

  return inspect
})()
`
