import { describe, expect, it } from 'vitest'
import { formatAxisTime, formatClock, formatEnd, formatCount, formatMs, formatUsd } from './format'

describe('Platform view formats', () => {
  it('prints money like the CLI', () => {
    expect([formatUsd(0), formatUsd(0.0246123456), formatUsd(1234.5)]).toEqual([
      '$0',
      '$0.024612',
      '$1,234.50',
    ])
  })

  it('prints the virtual clock as h:mm:ss.mmm, and the end as h:mm:ss', () => {
    expect([formatClock(0), formatClock(61_250), formatClock(3_723_907.6)]).toEqual([
      '0:00:00.000',
      '0:01:01.250',
      '1:02:03.907',
    ])
    expect(formatEnd(600_000)).toBe('0:10:00')
  })

  it('prints counts and durations for a projector', () => {
    expect([formatCount(15234.4), formatMs(691.02), formatMs(1382)]).toEqual([
      '15,234',
      '691 ms',
      '1.4 s',
    ])
  })
})

describe('chart axis times', () => {
  it('drops the hour below an hour', () => {
    expect([formatAxisTime(0), formatAxisTime(200), formatAxisTime(3800)]).toEqual([
      '0:00',
      '3:20',
      '1:03:20',
    ])
  })
})
