import { describe, expect, it } from 'vitest'
import { utf8Length } from '../../core/lambda/limits'
import { LogBuffer, cutToBytes } from './log-buffer'

const NOTICE =
  /\tWARN\t\[playground\] log output truncated: this invocation wrote more than 200 bytes$/

describe('LogBuffer: the per-invocation cap', () => {
  it('lines past the cap are dropped after one notice', () => {
    const logs = new LogBuffer(200)
    for (let i = 0; i < 10; i++) logs.add(0, 'r', 'INFO', `line ${i} ${'x'.repeat(20)}`)
    expect(logs.lines.length).toBeLessThan(10)
    expect(logs.lines.at(-1)).toMatch(NOTICE)
    expect(logs.lines.filter((l) => NOTICE.test(l))).toHaveLength(1)
  })

  it('a runtime line that fits is kept even once the cap is reached', () => {
    const logs = new LogBuffer(200)
    logs.add(0, 'r', 'INFO', 'y'.repeat(300))
    logs.addRuntime(0, 'r', 'ERROR', 'Invoke Error \t{"errorType":"Error"}')
    expect(logs.lines.map((l) => l.split('\t')[2])).toEqual(['WARN', 'ERROR'])
  })

  it('a runtime line longer than the cap is cut to the cap, then the notice follows', () => {
    const logs = new LogBuffer(200)
    logs.addRuntime(0, 'r', 'ERROR', `Invoke Error \t${'é'.repeat(1000)}`)
    logs.add(0, 'r', 'INFO', 'after')
    expect(logs.lines).toHaveLength(2)
    expect(utf8Length(logs.lines[0] ?? '')).toBeLessThanOrEqual(200)
    expect(utf8Length(logs.lines[0] ?? '')).toBeGreaterThan(195)
    expect(logs.lines[0]).toContain('\tERROR\tInvoke Error \té')
    expect(logs.lines[1]).toMatch(NOTICE)
  })
})

describe('cutToBytes', () => {
  it.each([
    ['ASCII', 'abcdef', 4, 'abcd'],
    ['two-byte characters, never half of one', 'ééé', 5, 'éé'],
    ['a surrogate pair is kept whole or dropped', 'a😀b', 4, 'a'],
    ['a surrogate pair that fits', 'a😀b', 5, 'a😀'],
    ['shorter than the budget', 'ab', 10, 'ab'],
    ['no budget', 'ab', 0, ''],
  ])('%s', (_what, text, max, cut) => {
    expect(cutToBytes(text, max)).toBe(cut)
  })
})
