import { afterEach, describe, expect, it, vi } from 'vitest'
import { EmptyFilter, toLogFilter } from './log-filter'
import { Overscan, RowHeight, covers, rowWindow, throttle } from './log-window'

describe('the log list window', () => {
  it('asks for the visible rows with overscan on both sides, never before row 0', () => {
    expect(rowWindow(0, 10 * RowHeight)).toEqual({ offset: 0, limit: 11 + Overscan })
    const far = rowWindow(100_000 * RowHeight, 10 * RowHeight)
    expect(far).toEqual({ offset: 100_000 - Overscan, limit: Overscan + 11 + Overscan })
  })

  it('knows when a fetched page still covers the viewport after a scroll', () => {
    const page = rowWindow(1000 * RowHeight, 300)
    expect(covers(page, 1000 * RowHeight + 5 * RowHeight, 300, 1e6)).toBe(true)
    expect(covers(page, 5000 * RowHeight, 300, 1e6)).toBe(false)
  })
})

describe('the log filter form', () => {
  it('asks for every line when empty, and widens ERROR to FATAL', () => {
    expect(toLogFilter(EmptyFilter)).toEqual({
      functions: [],
      requestId: '',
      levels: [],
      text: '',
      coldOnly: false,
    })
    const form = { ...EmptyFilter, fn: 'api', level: 'ERROR' as const, requestId: ' ab12 ' }
    expect(toLogFilter(form)).toMatchObject({
      functions: ['api'],
      levels: ['ERROR', 'FATAL'],
      requestId: 'ab12',
    })
  })
})

describe('throttle', () => {
  afterEach(() => vi.useRealTimers())

  it('runs at once, then at most once per gap however often it is called', () => {
    vi.useFakeTimers()
    const fn = vi.fn()
    const t = throttle(fn, 250)
    t.call()
    expect(fn).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 10; i++) t.call()
    expect(fn).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(250)
    expect(fn).toHaveBeenCalledTimes(2)
    t.call()
    t.cancel()
    vi.advanceTimersByTime(1000)
    expect(fn).toHaveBeenCalledTimes(2)
  })
})
