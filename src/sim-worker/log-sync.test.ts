import { describe, expect, it } from 'vitest'
import type { LogLine, Simulation, Span } from '../core'
import { LogStore } from './log-store'
import { LogSync, MaxPull, groupByInvocation } from './log-sync'

const line = (t: number, text: string): LogLine => ({ t, function: 'api', line: text })

describe('log sync helpers', () => {
  it('groups lines by invocation: each begins at START, application lines stay inside', () => {
    const lines = [
      line(0, 'REPORT RequestId: cut-off\t'),
      line(1, 'START RequestId: a Version: $LATEST'),
      line(1, '2026-01-01T00:00:00.001Z\ta\tINFO\thello'),
      line(2, 'END RequestId: a'),
      line(2, 'REPORT RequestId: a\t'),
      line(3, 'START RequestId: b Version: $LATEST'),
    ]
    const groups = groupByInvocation(lines)
    expect(groups.map((g) => g.length)).toEqual([1, 4, 1])
    expect(groups[1]?.[1]?.line).toContain('hello')
  })
})

/**
 * A stand-in for the core's ring with the snapshot's rule: ⌈logLines / 3⌉ invocations are
 * formatted and the last logLines lines kept. Every invocation here logs two extra lines.
 */
function chattySim(invocations: number) {
  const records = Array.from({ length: invocations }, (_, n) => {
    const id = `req-${n}`
    const span = { requestId: id, function: 'api', cold: n === 0, outcome: 'success', end: n }
    const lines = [
      `START RequestId: ${id} Version: $LATEST`,
      `2026-01-01T00:00:00.000Z\t${id}\tINFO\tone`,
      `2026-01-01T00:00:00.000Z\t${id}\tWARN\ttwo`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\t`,
    ].map((text) => line(n, text))
    return { span: span as Span, lines }
  })
  const fake = {
    platform: { total: { invocations }, log: { size: invocations } },
    snapshot: ({ spans = 0, logLines = 0 }) => ({
      spans: records.slice(-spans).map((r) => r.span),
      logs: records
        .slice(-Math.ceil(logLines / 3))
        .flatMap((r) => r.lines)
        .slice(-logLines),
    }),
  }
  return fake as unknown as Simulation
}

describe('a log sync', () => {
  it('pulls every line of invocations that log more than three, each tagged with its request', () => {
    const sync = new LogSync(chattySim(10), new LogStore(1000))
    sync.pull()
    const page = sync.store.query({ offset: 0, limit: 1000 })
    expect(page.total).toBe(50)
    expect(page.lines.filter((l) => l.requestId === 'req-0').map((l) => l.level)).toEqual([
      'platform',
      'INFO',
      'WARN',
      'platform',
      'platform',
    ])
    expect(sync.store.query({ filter: { coldOnly: true }, offset: 0, limit: 9 }).total).toBe(5)
    // Nothing new finished: a second pull adds nothing.
    sync.pull()
    expect(sync.store.query({ offset: 0, limit: 0 }).total).toBe(50)
  })
})

describe('a log sync far behind the run', () => {
  it('formats at most MaxPull invocations at once, the newest, and counts the rest', () => {
    const sync = new LogSync(chattySim(MaxPull + 7), new LogStore(1000))
    sync.pull()
    expect(sync.skipped).toBe(7)
    const newest = sync.store.query({ offset: 1e9, limit: 1 }).lines[0]
    expect(newest?.requestId).toBe(`req-${MaxPull + 6}`)
  })
})
