/**
 * MD5 of a string's UTF-8 bytes, as lowercase hex: S3's ETag of a single-part upload and SQS's
 * `MD5OfMessageBody` are this digest (RFC 1321). Written for the service doubles' small
 * payloads, not for speed.
 */
export function md5Hex(text: string): string {
  const bytes = new TextEncoder().encode(text)
  const words = new Uint32Array((((bytes.length + 8) >>> 6) + 1) * 16)
  for (let i = 0; i < bytes.length; i++) words[i >>> 2]! |= bytes[i]! << ((i % 4) * 8)
  words[bytes.length >>> 2]! |= 0x80 << ((bytes.length % 4) * 8)
  words[words.length - 2] = (bytes.length * 8) >>> 0
  words[words.length - 1] = Math.floor((bytes.length * 8) / 2 ** 32)
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
  for (let block = 0; block < words.length; block += 16) compress(state, words, block)
  return state.map(littleEndianHex).join('')
}

const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
const SINES = Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0,
)

function compress(state: number[], words: Uint32Array, offset: number): void {
  let [a, b, c, d] = state as [number, number, number, number]
  for (let i = 0; i < 64; i++) {
    const round = i >>> 4
    let f: number
    let g: number
    if (round === 0) [f, g] = [(b & c) | (~b & d), i]
    else if (round === 1) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16]
    else if (round === 2) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16]
    else [f, g] = [c ^ (b | ~d), (7 * i) % 16]
    const sum = (a + f + SINES[i]! + words[offset + g]!) >>> 0
    const shift = SHIFTS[round * 4 + (i % 4)]!
    ;[a, d, c] = [d, c, b]
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0
  }
  state[0] = (state[0]! + a) >>> 0
  state[1] = (state[1]! + b) >>> 0
  state[2] = (state[2]! + c) >>> 0
  state[3] = (state[3]! + d) >>> 0
}

function littleEndianHex(word: number): string {
  let out = ''
  for (let i = 0; i < 4; i++) out += ((word >>> (i * 8)) & 0xff).toString(16).padStart(2, '0')
  return out
}
