import { describe, expect, it } from 'vitest'
import { cutAtDeadline, diedDuring, phaseStart, watchdogDelayMs } from './watchdog'

describe('watchdog arithmetic', () => {
  it('waits the phase budget plus the grace', () => {
    expect(watchdogDelayMs(1_000, 4_000, 1_000)).toBe(4_000)
    expect(watchdogDelayMs(5_000, 4_000, 250)).toBe(250)
    expect(watchdogDelayMs(0, 3_000, -5)).toBe(3_000)
  })

  it('a phase starts where the environment clock is when that is later than asked', () => {
    expect(phaseStart(10_000, 12_000)).toBe(12_000)
    expect(phaseStart(10_000, 9_000)).toBe(10_000)
  })

  it('a cut phase lasted until its deadline', () => {
    expect(cutAtDeadline(1_000, 4_000)).toEqual({
      t: 'phase',
      end: 'timeout',
      startedAt: 1_000,
      durationMs: 3_000,
      clock: 4_000,
      logs: [],
    })
  })

  it('a death is a crash that lasted the wall time seen', () => {
    const report = diedDuring(1_000, 12.5, 'signal: killed')
    expect([report.end, report.durationMs, report.fault]).toEqual([
      'crash',
      12.5,
      { exit: 'with error: signal: killed' },
    ])
  })
})
