import { describe, expect, it } from 'vitest'
import { readPhaseReport } from './protocol'

const base = { t: 'phase', end: 'done', startedAt: 10, durationMs: 2, clock: 12, logs: [] }

describe('readPhaseReport (what the page accepts from a worker)', () => {
  it('reads a well-formed report, keeping only known fields', () => {
    const report = readPhaseReport({
      ...base,
      outcome: 'J1',
      logs: [{ at: 11, level: 'WARN', message: 'careful', extra: 1 }],
      smuggled: { a: 1 },
    })
    expect(report).toEqual({
      ...base,
      outcome: 'J1',
      logs: [{ at: 11, level: 'WARN', message: 'careful' }],
    })
  })

  it('refuses what is not a report: the page then treats the worker as crashed', () => {
    const refused = [
      null,
      { ...base, t: 'record' },
      { ...base, end: 'out-of-memory' },
      { ...base, durationMs: Number.NaN },
      { ...base, clock: '12' },
      { ...base, logs: 'lines' },
    ]
    expect(refused.map((data) => readPhaseReport(data))).toEqual(refused.map(() => undefined))
  })

  it('drops malformed log entries and unknown levels read as INFO', () => {
    const report = readPhaseReport({
      ...base,
      logs: [{ at: 1, level: 'LOUD', message: 'a', runtime: true }, { at: 'x' }, 'line'],
    })
    expect(report?.logs).toEqual([{ at: 1, level: 'INFO', message: 'a', runtime: true }])
  })

  it('reads faults and load failures by their shape only', () => {
    const report = readPhaseReport({
      ...base,
      end: 'crash',
      fault: { exit: 'with error: exit status 1' },
      load: { kind: 'import', specifier: 'left-pad' },
      tooLargeBytes: 7e6,
    })
    expect([report?.fault, report?.load, report?.tooLargeBytes]).toEqual([
      { exit: 'with error: exit status 1' },
      { kind: 'import', specifier: 'left-pad' },
      7e6,
    ])
    expect(readPhaseReport({ ...base, fault: { exit: 1 }, load: { kind: 'x' } })).toEqual(base)
  })

  it('keeps the guest’s require message and the file of a syntax error, when they are strings', () => {
    const message = "Cannot find module './gone'\nRequire stack:\n- /var/task/lib.js"
    const read = (load: unknown) => readPhaseReport({ ...base, load })?.load
    expect(read({ kind: 'import', specifier: './gone', message })).toEqual({
      kind: 'import',
      specifier: './gone',
      message,
    })
    expect(read({ kind: 'syntax', message: 'x', file: '/var/task/lib.js' })).toEqual({
      kind: 'syntax',
      message: 'x',
      file: '/var/task/lib.js',
    })
    expect(read({ kind: 'syntax', message: 'x', file: 3 })).toEqual({
      kind: 'syntax',
      message: 'x',
    })
  })
})
