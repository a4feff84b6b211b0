/**
 * Guest-side source of the small web APIs Node 22 has as globals and handlers commonly use:
 * `TextEncoder`/`TextDecoder` (UTF-8), `atob`/`btoa`, `crypto.randomUUID`/`getRandomValues`
 * and `structuredClone`. QuickJS has none of them. `crypto` here draws from `Math.random`: fine
 * for ids in a playground, not for secrets. `Buffer`, `URL` and `fetch` are not provided.
 */
export const WEB_APIS_SOURCE = String.raw`
  class TextEncoder {
    get encoding() { return 'utf-8' }
    encode(input = '') {
      const s = String(input)
      const out = []
      for (let i = 0; i < s.length; i++) {
        let c = s.codePointAt(i)
        if (c > 0xffff) i++
        else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd
        if (c < 0x80) out.push(c)
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63))
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
      }
      return new Uint8Array(out)
    }
  }

  class TextDecoder {
    get encoding() { return 'utf-8' }
    decode(input) {
      if (input === undefined) return ''
      const b = input instanceof Uint8Array ? input : new Uint8Array(ArrayBuffer.isView(input) ? input.buffer : input)
      let out = ''
      for (let i = 0; i < b.length; ) {
        const x = b[i]
        const need = x < 0x80 ? 0 : x >= 0xf0 ? 3 : x >= 0xe0 ? 2 : x >= 0xc0 ? 1 : -1
        if (need < 0 || i + need >= b.length + (need ? 0 : 1)) { out += '\ufffd'; i++; continue }
        let c = need === 0 ? x : x & (0x3f >> need)
        for (let k = 1; k <= need; k++) c = (c << 6) | (b[i + k] & 63)
        out += String.fromCodePoint(c)
        i += need + 1
      }
      return out
    }
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const btoa = (input) => {
    const s = String(input)
    let out = ''
    for (let i = 0; i < s.length; i += 3) {
      const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2)
      if (a > 255 || b > 255 || c > 255) throw new DOMException('Invalid character', 'InvalidCharacterError')
      const n = (a << 16) | ((b || 0) << 8) | (c || 0)
      out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < s.length ? B64[n & 63] : '=')
    }
    return out
  }
  const atob = (input) => {
    const s = String(input).replace(/[\t\n\f\r ]/g, '').replace(/=+$/, '')
    let out = ''
    let bits = 0
    let value = 0
    for (const ch of s) {
      const d = B64.indexOf(ch)
      if (d < 0) throw new DOMException('Invalid character', 'InvalidCharacterError')
      value = (value << 6) | d
      bits += 6
      if (bits >= 8) { bits -= 8; out += String.fromCharCode((value >> bits) & 255) }
    }
    return out
  }

  class DOMException extends Error {
    constructor(message = '', name = 'Error') { super(message); this.name = name }
  }

  const getRandomValues = (array) => {
    for (let i = 0; i < array.length; i++) array[i] = Math.floor(Math.random() * 2 ** (8 * array.BYTES_PER_ELEMENT))
    return array
  }
  const randomUUID = () => {
    const b = getRandomValues(new Uint8Array(16))
    b[6] = (b[6] & 0x0f) | 0x40
    b[8] = (b[8] & 0x3f) | 0x80
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20)
  }

  function structuredClone(value, seen = new Map()) {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol') {
        throw new DOMException(String(value) + ' could not be cloned.', 'DataCloneError')
      }
      return value
    }
    if (seen.has(value)) return seen.get(value)
    let copy
    if (value instanceof Date) copy = new Date(value.getTime())
    else if (value instanceof RegExp) copy = new RegExp(value.source, value.flags)
    else if (ArrayBuffer.isView(value)) copy = value.slice()
    else if (value instanceof ArrayBuffer) copy = value.slice(0)
    else if (value instanceof Map) {
      copy = new Map()
      seen.set(value, copy)
      for (const [k, v] of value) copy.set(structuredClone(k, seen), structuredClone(v, seen))
      return copy
    } else if (value instanceof Set) {
      copy = new Set()
      seen.set(value, copy)
      for (const v of value) copy.add(structuredClone(v, seen))
      return copy
    } else if (value instanceof Error) {
      copy = new Error(value.message)
      copy.name = value.name
    } else copy = Array.isArray(value) ? [] : {}
    seen.set(value, copy)
    if (Array.isArray(value) || Object.getPrototypeOf(copy) === Object.prototype) {
      for (const key of Object.keys(value)) copy[key] = structuredClone(value[key], seen)
    }
    return copy
  }

  Object.assign(G, {
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    DOMException,
    structuredClone: (value) => structuredClone(value),
    crypto: { randomUUID, getRandomValues },
  })
`
