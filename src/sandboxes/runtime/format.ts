/**
 * Guest-side source of `__format(args)`: Node's `util.format` (`%s %d %i %f %j %o %O %c %%`,
 * then the remaining arguments, strings bare and the rest inspected), as plain JS for QuickJS.
 * Builds on `__inspect` (inspect.ts); both are compiled on first use (see format-part.ts).
 */
export const FORMAT_SOURCE = String.raw`
const __format = (() => {
  const fmtNumber = (n) => (Object.is(n, -0) ? '-0' : String(n))

  function hasOwnToString(v) {
    for (let p = v; p && p !== Object.prototype && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
      if (Object.prototype.hasOwnProperty.call(p, 'toString')) return true
    }
    return false
  }

  function percentS(v) {
    if (typeof v === 'bigint') return v + 'n'
    if (typeof v === 'number') return fmtNumber(v)
    if (typeof v === 'symbol') return v.toString()
    if (v !== null && typeof v === 'object') {
      if (!hasOwnToString(v)) return __inspect(v, 0)
    }
    return String(v)
  }

  function percentJ(v) {
    try {
      const s = JSON.stringify(v)
      return s === undefined ? 'undefined' : s
    } catch (e) {
      if (e instanceof TypeError && /circular/i.test(e.message)) return '[Circular]'
      throw e
    }
  }

  function percent(ch, v) {
    switch (ch) {
      case 's': return percentS(v)
      case 'd': return typeof v === 'bigint' ? v + 'n' : typeof v === 'symbol' ? 'NaN' : fmtNumber(Number(v))
      case 'i': return typeof v === 'bigint' ? v + 'n' : typeof v === 'symbol' ? 'NaN' : fmtNumber(parseInt(v))
      case 'f': return typeof v === 'symbol' ? 'NaN' : fmtNumber(parseFloat(v))
      case 'j': return percentJ(v)
      case 'o': return __inspect(v, 4)
      case 'O': return __inspect(v, 2)
      case 'c': return ''
    }
    return undefined
  }

  function formatWith(fmt, args) {
    let out = ''
    let argIndex = 1
    let last = 0
    for (let i = 0; i < fmt.length - 1; i++) {
      if (fmt[i] !== '%') continue
      const ch = fmt[i + 1]
      if (ch === '%') {
        out += fmt.slice(last, i) + '%'
        last = i + 2
        i++
        continue
      }
      if (argIndex >= args.length || !'sdifjoOc'.includes(ch)) continue
      out += fmt.slice(last, i) + percent(ch, args[argIndex++])
      last = i + 2
      i++
    }
    out += fmt.slice(last)
    for (; argIndex < args.length; argIndex++) {
      const a = args[argIndex]
      out += ' ' + (typeof a === 'string' ? a : __inspect(a))
    }
    return out
  }

  return function format(args) {
    if (args.length === 0) return ''
    if (typeof args[0] === 'string') return formatWith(args[0], args)
    return args.map((a) => (typeof a === 'string' ? a : __inspect(a))).join(' ')
  }
})()
`
