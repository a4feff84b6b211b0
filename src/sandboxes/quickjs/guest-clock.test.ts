import { describe, expect, it } from 'vitest'
import { GuestClock } from './guest-clock'
import { POLLS_PER_TICK } from './poll-counter'
import { MS_PER_TICK } from './tick-calibration'

/** Guest polls the test makes by hand (the clock never reads the wall clock). */
function fakePolls() {
  let polls = 0
  return { read: () => polls, run: (ticks: number) => void (polls += ticks * POLLS_PER_TICK) }
}

describe('GuestClock', () => {
  it('a segment adds its ticks to virtual time and CPU; offClock work inside it adds neither', () => {
    const guest = fakePolls()
    const clock = new GuestClock(5000, guest.read)
    clock.segment(() => {
      guest.run(2)
      clock.offClock(() => guest.run(30))
      guest.run(1)
    })
    expect([clock.now(), clock.busyMs]).toEqual([5000 + 3 * MS_PER_TICK, 3 * MS_PER_TICK])
  })

  it('inside a segment the guest sees time move with its polls, without the off-clock part', () => {
    const guest = fakePolls()
    const clock = new GuestClock(0, guest.read)
    const seen: number[] = []
    clock.segment(() => {
      guest.run(4)
      clock.offClock(() => guest.run(100))
      seen.push(clock.now())
      guest.run(0.5)
      seen.push(clock.now())
    })
    expect(seen).toEqual([4 * MS_PER_TICK, 4.5 * MS_PER_TICK])
  })

  it('runs at `rate` inside segments, while its CPU time stays unscaled', () => {
    const guest = fakePolls()
    const clock = new GuestClock(0, guest.read)
    clock.rate = 8
    clock.segment(() => guest.run(10))
    expect([clock.now(), clock.busyMs]).toEqual([80 * MS_PER_TICK, 10 * MS_PER_TICK])
  })

  it('between segments, time moves only when a driver moves it (never backwards)', () => {
    const guest = fakePolls()
    const clock = new GuestClock(100, guest.read)
    guest.run(50)
    clock.advanceTo(90)
    expect(clock.now()).toBe(100)
    clock.advanceTo(2100)
    expect([clock.now(), clock.busyMs]).toEqual([2100, 0])
  })
})
