import { describe, expect, it } from 'vitest'
import { Explanations, Why } from './explanations'

describe('notable decisions', () => {
  it('keeps cold starts and throttles readable however many warm starts follow', () => {
    const why = new Explanations(10)
    const ctx = {
      functionName: () => 'api',
      requestId: (n: number) => `req-${n}`,
      failureTarget: () => null,
    }
    why.add(0, Why.Cold, 0, 0, 0, 1)
    why.add(1, Why.ThrottleReserved, 0, 1, 5)
    for (let i = 2; i < 500; i++) why.add(i, Why.Warm, 0, i, 1, 0)
    expect(why.list(ctx).every((e) => e.code === 'Warm')).toBe(true)
    expect(why.listNotable(ctx).map((e) => [e.t, e.code, e.requestId])).toEqual([
      [0, 'Cold', 'req-0'],
      [1, 'ThrottleReserved', 'req-1'],
    ])
  })
})
