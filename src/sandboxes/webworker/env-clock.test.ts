import { describe, expect, it } from 'vitest'
import { makeClock } from './env-clock'

function fakeWall(): { now: () => number; pass(ms: number): void } {
  let t = 0
  return { now: () => t, pass: (ms) => void (t += ms) }
}

describe('the worker clock', () => {
  it('adds a segment its wall time, jumps over waits, never goes back', () => {
    const wall = fakeWall()
    const clock = makeClock(wall.now)
    clock.advanceTo(1_000)
    clock.begin()
    wall.pass(5)
    expect([clock.now(), clock.at, clock.running]).toEqual([1_005, 1_000, true])
    clock.end()
    expect([clock.at, clock.running]).toEqual([1_005, false])
    wall.pass(500)
    expect(clock.now()).toBe(1_005)
    clock.advanceTo(3_005)
    clock.advanceTo(2_000)
    expect(clock.now()).toBe(3_005)
  })

  it('does not count work done off the clock inside a segment', () => {
    const wall = fakeWall()
    const clock = makeClock(wall.now)
    clock.begin()
    wall.pass(2)
    const value = clock.offClock(() => {
      wall.pass(40)
      return 'compiled'
    })
    wall.pass(3)
    clock.end()
    expect([value, clock.at]).toEqual(['compiled', 5])
  })
})
