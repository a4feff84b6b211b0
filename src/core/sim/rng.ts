/**
 * Seeded pseudo-random numbers. Every random choice in the simulation draws from an `Rng` passed
 * in, never from `Math.random`, so the same seed gives the same run, event for event.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** The seed this generator started from (for reports and share links). */
  readonly seed: number
}

/**
 * mulberry32: a small, fast 32-bit generator with a full 2^32 period; good enough for
 * simulation (not for cryptography).
 *
 * @example
 * const rng = createRng(42)
 * rng.next() // always the same first value for seed 42
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  return {
    seed,
    next() {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    },
  }
}

/** An integer in [0, bound). */
export function randomInt(rng: Rng, bound: number): number {
  return Math.floor(rng.next() * bound)
}

/** `count` lowercase hex digits. */
export function randomHex(rng: Rng, count: number): string {
  let out = ''
  for (let i = 0; i < count; i++) out += randomInt(rng, 16).toString(16)
  return out
}

/** A version-4 UUID, as Lambda uses for request ids. */
export function randomUuid(rng: Rng): string {
  const hex = randomHex(rng, 32).split('')
  hex[12] = '4'
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}
