import { describe, expect, it } from 'vitest'
import type { Explanation } from '../core'
import { NotableLog } from './notable'

const at = (t: number, code: Explanation['code'], requestId = `r${t}`): Explanation => ({
  t,
  function: 'api',
  requestId,
  code,
  text: code,
})

describe('notable decisions across frames', () => {
  it('keeps throttles and cold starts, drops warm starts, and never repeats one', () => {
    const log = new NotableLog(10)
    log.add([at(1, 'Cold'), at(2, 'Warm'), at(3, 'ThrottleReserved')])
    // The next snapshot overlaps the previous one (the core's ring is read whole each time).
    log.add([
      at(2, 'Warm'),
      at(3, 'ThrottleReserved'),
      at(3, 'ThrottleReserved', 'x'),
      at(4, 'Warm'),
    ])
    expect(log.list().map((e) => [e.t, e.code, e.requestId])).toEqual([
      [1, 'Cold', 'r1'],
      [3, 'ThrottleReserved', 'r3'],
      [3, 'ThrottleReserved', 'x'],
    ])
  })

  it('outlives the core ring: a throttle stays after thousands of warm starts', () => {
    const log = new NotableLog(10)
    log.add([at(1, 'ThrottleAccount')])
    for (let frame = 0; frame < 5; frame++)
      log.add(Array.from({ length: 1000 }, (_, i) => at(10 + frame * 1000 + i, 'Warm')))
    expect(log.list().map((e) => e.code)).toEqual(['ThrottleAccount'])
  })

  it('keeps only the most recent ones', () => {
    const log = new NotableLog(2)
    log.add([at(1, 'Cold'), at(2, 'Cold'), at(3, 'Reclaimed')])
    expect(log.list().map((e) => e.t)).toEqual([2, 3])
  })
})
