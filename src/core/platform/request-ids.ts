/**
 * Request ids derived from numbers instead of drawn from the run's random stream, so that
 * formatting an id (only when a log line or record is shown) never changes the run.
 */

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0')

/** A version-4-shaped UUID from two 32-bit seeds. */
export function uuidFromSeed(a: number, b: number): string {
  const c = Math.imul(a ^ 0x5bd1e995, 0x27d4eb2d) >>> 0
  const d = Math.imul(b ^ 0x68e31da4, 0x165667b1) >>> 0
  const s = hex8(a) + hex8(b) + hex8(c) + hex8(d)
  const variant = ((parseInt(s[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`
}
