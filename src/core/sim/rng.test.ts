import { describe, expect, it } from 'vitest'
import { createRng, randomHex, randomUuid } from './rng'

describe('createRng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42)
    const b = createRng(42)
    const c = createRng(43)
    const seqA = [a.next(), a.next(), a.next()]
    expect([b.next(), b.next(), b.next()]).toEqual(seqA)
    expect([c.next(), c.next(), c.next()]).not.toEqual(seqA)
  })

  it('stays in [0, 1) and spreads evenly', () => {
    const rng = createRng(7)
    const buckets = new Array(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next()
      expect(x >= 0 && x < 1).toBe(true)
      buckets[Math.floor(x * 10)]++
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500)
  })
})

describe('randomUuid', () => {
  it('is a version-4 UUID', () => {
    const rng = createRng(1)
    for (let i = 0; i < 100; i++) {
      expect(randomUuid(rng)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
    }
    expect(randomHex(rng, 32)).toMatch(/^[0-9a-f]{32}$/)
  })
})
