/**
 * Feeds the scenario's traffic into the platform: one arrival process per traffic entry, each
 * with its own seeded stream, and at most one pending kernel event per process (the next
 * arrival). Arrivals that share a millisecond are served in that one event, in order.
 */
import type { Scenario } from '../scenario/types'
import { createRng } from '../sim/rng'
import { createArrivalProcess, type ArrivalProcess } from '../traffic/arrivals'
import type { AsyncInvoker } from './async-invoker'
import { EventKind } from './event-kinds'
import { deriveSeed, type FunctionRuntime } from './function-runtime'
import type { Platform } from './platform'

interface Stream {
  fn: FunctionRuntime
  async: boolean
  arrivals: ArrivalProcess
}

/** Schedules the first arrival of every traffic entry and serves arrivals as they come. */
export function startTraffic(
  platform: Platform,
  invoker: AsyncInvoker,
  scenario: Scenario,
  endMs: number,
): void {
  const kernel = platform.kernel
  const streams: Stream[] = scenario.traffic.map((t, i) => {
    const fn = platform.byName.get(t.function)
    if (fn === undefined) throw new RangeError(`traffic[${i}] names no function: ${t.function}`)
    const rng = createRng(deriveSeed(scenario.seed, 1000 + i, 9))
    return {
      fn,
      async: t.invocationType === 'Event',
      arrivals: createArrivalProcess(t.arrivals, rng, endMs),
    }
  })
  const next = new Float64Array(streams.length)
  const schedule = (i: number, t: number | null) => {
    if (t === null) return
    next[i] = t
    kernel.scheduleAt(t, EventKind.Arrival, i)
  }
  platform.onArrival = (i) => {
    const s = streams[i] as Stream
    const now = kernel.now
    let t: number | null = next[i] as number
    while (t === now) {
      if (s.async) invoker.receive(s.fn, null)
      else platform.invokeSync(s.fn)
      t = s.arrivals.next()
    }
    schedule(i, t)
  }
  streams.forEach((s, i) => schedule(i, s.arrivals.next()))
}
