import { afterEach, describe, expect, it, vi } from 'vitest'
import { GuestClock } from './guest-clock'

afterEach(() => {
  vi.restoreAllMocks()
})

/** Wall time the test moves by hand. */
function fakeWall() {
  let t = 1000
  vi.spyOn(performance, 'now').mockImplementation(() => t)
  return (ms: number) => void (t += ms)
}

describe('GuestClock', () => {
  it('a segment adds its wall time to virtual time and CPU; offClock work inside it adds neither', () => {
    const pass = fakeWall()
    const clock = new GuestClock(5000)
    clock.segment(() => {
      pass(2)
      clock.offClock(() => pass(30))
      pass(1)
    })
    expect([clock.now(), clock.busyMs]).toEqual([5003, 3])
  })

  it('inside a segment the guest sees time move without the off-clock part', () => {
    const pass = fakeWall()
    const clock = new GuestClock(0)
    const seen: number[] = []
    clock.segment(() => {
      pass(4)
      clock.offClock(() => pass(100))
      seen.push(clock.now())
    })
    expect(seen).toEqual([4])
  })
})
