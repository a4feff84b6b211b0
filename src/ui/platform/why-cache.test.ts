import { describe, expect, it } from 'vitest'
import type { Explanation } from '../../core'
import { WhyCache } from './why-cache'

const why = (t: number, requestId: string | null, code: Explanation['code']): Explanation => ({
  t,
  function: 'api',
  requestId,
  code,
  text: `${code} at ${t}`,
})

describe('the decisions kept per request', () => {
  it('gathers them from overlapping frames, each once, oldest first', () => {
    const cache = new WhyCache()
    cache.ingest([why(0, 'a', 'Cold'), why(5, null, 'Reclaimed'), why(5, 'b', 'Cold')])
    // The next frame repeats the tail of the last one and adds to it.
    cache.ingest([why(5, 'b', 'Cold'), why(5, 'c', 'ThrottleReserved'), why(9, 'a', 'Spillover')])
    expect(cache.of('a').map((e) => e.text)).toEqual(['Cold at 0', 'Spillover at 9'])
    expect(cache.of('b').map((e) => e.code)).toEqual(['Cold'])
    expect(cache.of('c').map((e) => e.code)).toEqual(['ThrottleReserved'])
    expect(cache.of('unknown')).toEqual([])
  })

  it('starts over after a reset, and keeps only the most recent request ids', () => {
    const cache = new WhyCache(2)
    cache.ingest([why(100, 'a', 'Cold'), why(200, 'b', 'Cold'), why(300, 'c', 'Cold')])
    expect(cache.of('a')).toEqual([])
    expect(cache.of('c')).toHaveLength(1)
    cache.ingest([why(10, 'd', 'Cold')])
    expect(cache.of('c')).toEqual([])
    expect(cache.of('d')).toHaveLength(1)
  })
})
