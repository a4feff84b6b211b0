import { describe, expect, it } from 'vitest'
import { LogStore, levelOf } from './log-store'

const iso = '2026-01-01T00:00:00.000Z'

/** A store with two invocations: a cold one that logs a warning, a warm one that fails. */
function twoInvocations(): LogStore {
  const store = new LogStore(100)
  store.add(1, 'api', 'aaaa-1111', true, 'START RequestId: aaaa-1111 Version: $LATEST')
  store.add(2, 'api', 'aaaa-1111', true, `${iso}\taaaa-1111\tWARN\tslow dependency`)
  store.add(3, 'api', 'aaaa-1111', true, 'END RequestId: aaaa-1111')
  store.add(3, 'api', 'aaaa-1111', true, 'REPORT RequestId: aaaa-1111\tInit Duration: 1.00 ms\t')
  store.add(5, 'worker', 'bbbb-2222', false, 'START RequestId: bbbb-2222 Version: $LATEST')
  store.add(6, 'worker', 'bbbb-2222', false, `${iso}\tbbbb-2222\tERROR\tInvoke Error \t{}`)
  store.add(6, 'worker', 'bbbb-2222', false, 'END RequestId: bbbb-2222')
  store.add(6, 'worker', 'bbbb-2222', false, 'REPORT RequestId: bbbb-2222\t')
  return store
}

describe('the log store', () => {
  it('tells application levels from platform lines, and counts a timeout as an error', () => {
    expect(levelOf(`${iso}\tid\tINFO\thello`)).toBe('INFO')
    expect(levelOf('REPORT RequestId: id\tDuration: 1.00 ms\t')).toBe('platform')
    expect(levelOf(`${iso} id Task timed out after 3.00 seconds`)).toBe('ERROR')
  })

  it('pages through every line, oldest first, when nothing is filtered', () => {
    const page = twoInvocations().query({ offset: 2, limit: 3 })
    expect(page.total).toBe(8)
    expect(page.offset).toBe(2)
    expect(page.lines.map((l) => l.t)).toEqual([3, 3, 5])
    expect(page.kept).toBe(8)
  })

  it('filters by level, request id, function, text and cold start, alone and together', () => {
    const store = twoInvocations()
    const lines = (filter: Parameters<LogStore['query']>[0]['filter']) =>
      store.query({ filter, offset: 0, limit: 100 }).lines.map((l) => l.line)
    expect(lines({ levels: ['ERROR'] })).toEqual([`${iso}\tbbbb-2222\tERROR\tInvoke Error \t{}`])
    expect(lines({ levels: ['platform'] })).toHaveLength(6)
    expect(lines({ requestId: 'a-11' })).toHaveLength(4)
    expect(lines({ functions: ['worker'] }).every((l) => l.includes('bbbb-2222'))).toBe(true)
    expect(lines({ text: 'Init Duration' })).toHaveLength(1)
    expect(lines({ coldOnly: true })).toHaveLength(4)
    expect(lines({ coldOnly: true, levels: ['WARN'], text: 'slow' })).toHaveLength(1)
    expect(lines({ coldOnly: true, levels: ['ERROR'] })).toEqual([])
  })

  it('clamps an offset past the end to the last page: the tail a follower reads', () => {
    const page = twoInvocations().query({ filter: { levels: ['platform'] }, offset: 1e9, limit: 4 })
    expect(page.total).toBe(6)
    expect(page.offset).toBe(2)
    expect(page.lines.map((l) => l.line)).toEqual([
      'REPORT RequestId: aaaa-1111\tInit Duration: 1.00 ms\t',
      'START RequestId: bbbb-2222 Version: $LATEST',
      'END RequestId: bbbb-2222',
      'REPORT RequestId: bbbb-2222\t',
    ])
  })

  it('keeps only the newest lines once the ring is full', () => {
    const store = new LogStore(3)
    for (let t = 0; t < 10; t++) store.add(t, 'api', `r${t}`, t % 2 === 0, `line ${t}`)
    const page = store.query({ offset: 0, limit: 10 })
    expect(page.lines.map((l) => l.t)).toEqual([7, 8, 9])
    expect(store.query({ filter: { coldOnly: true }, offset: 0, limit: 10 }).total).toBe(1)
    store.clear()
    expect(store.query({ offset: 0, limit: 10 })).toMatchObject({ total: 0, lines: [] })
  })
})
