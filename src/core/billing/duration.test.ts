import { describe, expect, it } from 'vitest'
import { billedDurationMs, CurrentDurationRule } from './duration'

describe('billedDurationMs', () => {
  it('rounds up to the next ms and bills INIT under the current rule', () => {
    expect(billedDurationMs(12.34, undefined, CurrentDurationRule)).toBe(13)
    expect(billedDurationMs(12, undefined, CurrentDurationRule)).toBe(12)
    expect(billedDurationMs(12.34, 45.67, CurrentDurationRule)).toBe(59)
    expect(billedDurationMs(0.01, undefined, CurrentDurationRule)).toBe(1)
  })

  it('leaves INIT out before August 2025 and rounds to 100 ms before December 2020', () => {
    expect(billedDurationMs(12.34, 45.67, { granularityMs: 1, initBilled: false })).toBe(13)
    expect(billedDurationMs(12.34, 45.67, { granularityMs: 100, initBilled: false })).toBe(100)
    expect(billedDurationMs(100.01, undefined, { granularityMs: 100, initBilled: false })).toBe(200)
  })
})
