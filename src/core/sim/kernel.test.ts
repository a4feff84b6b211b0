import { describe, expect, it } from 'vitest'
import {
  EmptyScheduleError,
  InvalidTimeError,
  NegativeDelayError,
  UntilInPastError,
} from './errors'
import { Kernel, Priority } from './kernel'

/** A kernel whose handler logs `time:kind:a`. */
function logged() {
  const log: string[] = []
  const kernel = new Kernel((kind, a) => log.push(`${kernel.now}:${kind}:${a}`))
  return { kernel, log }
}

describe('Kernel', () => {
  it('fires events by time, then priority, then scheduling order', () => {
    const { kernel, log } = logged()
    kernel.scheduleAt(10, 1, 1)
    kernel.scheduleAt(5, 1, 2)
    kernel.scheduleAt(10, 1, 3, 0, Priority.Urgent)
    kernel.scheduleAt(10, 1, 4)
    kernel.scheduleAt(10, 1, 5, 0, Priority.Low)
    kernel.scheduleAt(10, 1, 6, 0, Priority.High)
    kernel.run()
    expect(log).toEqual(['5:1:2', '10:1:3', '10:1:6', '10:1:1', '10:1:4', '10:1:5'])
  })

  it('keeps insertion order for thousands of same-time events (heap stability)', () => {
    const { kernel, log } = logged()
    for (let i = 0; i < 2000; i++) kernel.scheduleAt(7, 0, i)
    kernel.run()
    expect(log).toEqual(Array.from({ length: 2000 }, (_, i) => `7:0:${i}`))
  })

  it('sorts random times like a stable sort would', () => {
    const { kernel, log } = logged()
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 97)
    times.forEach((t, i) => kernel.scheduleAt(t, 0, i))
    kernel.run()
    const expected = times
      .map((t, i) => ({ t, i }))
      .sort((x, y) => x.t - y.t || x.i - y.i)
      .map(({ t, i }) => `${t}:0:${i}`)
    expect(log).toEqual(expected)
  })

  it('lets a handler schedule more events, relative to the current time', () => {
    const log: number[] = []
    const kernel: Kernel = new Kernel((kind) => {
      log.push(kernel.now)
      if (kind < 3) kernel.schedule(100, kind + 1)
    })
    kernel.schedule(50, 0)
    kernel.run()
    expect(log).toEqual([50, 150, 250, 350])
  })

  it('run({ until }) fires events before until, leaves those at until, and moves the clock', () => {
    const { kernel, log } = logged()
    kernel.scheduleAt(99, 0, 1)
    kernel.scheduleAt(100, 0, 2)
    expect(kernel.run({ until: 100 })).toBe(1)
    expect(log).toEqual(['99:0:1'])
    expect(kernel.now).toBe(100)
    expect(kernel.peek()).toBe(100)
    kernel.run({ until: 101 })
    expect(log).toEqual(['99:0:1', '100:0:2'])
  })

  it('step fires one event; peek is Infinity when idle', () => {
    const { kernel, log } = logged()
    expect(kernel.peek()).toBe(Infinity)
    kernel.schedule(3, 9, 1)
    expect(kernel.peek()).toBe(3)
    kernel.step()
    expect(log).toEqual(['3:9:1'])
    expect(() => kernel.step()).toThrow(EmptyScheduleError)
  })

  it('refuses the past and fractional times with named errors', () => {
    const { kernel } = logged()
    kernel.run({ until: 10 })
    expect(() => kernel.schedule(-1, 0)).toThrow(NegativeDelayError)
    expect(() => kernel.scheduleAt(9, 0)).toThrow(NegativeDelayError)
    expect(() => kernel.scheduleAt(10.5, 0)).toThrow(InvalidTimeError)
    expect(() => kernel.run({ until: 5 })).toThrow(UntilInPastError)
  })
})
