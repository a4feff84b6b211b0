import type { Clock } from './env-types'

/**
 * Makes an environment's virtual clock (turned into text for the worker: it may use nothing
 * from this module's scope). Inside a segment, time moves with the wall clock, so a busy loop
 * sees its own progress; `end` adds the segment's wall time; `advanceTo` jumps over waits.
 */
export function makeClock(wallNow: () => number): Clock {
  let virtualMs = 0
  let segmentBase = 0
  let segmentWall = 0
  let inSegment = false
  return {
    now: () => (inSegment ? segmentBase + wallNow() - segmentWall : virtualMs),
    get at() {
      return virtualMs
    },
    get running() {
      return inSegment
    },
    advanceTo(ms) {
      if (ms > virtualMs) virtualMs = ms
    },
    begin() {
      segmentBase = virtualMs
      segmentWall = wallNow()
      inSegment = true
    },
    end() {
      if (inSegment) virtualMs = segmentBase + wallNow() - segmentWall
      inSegment = false
    },
    offClock(work) {
      const start = wallNow()
      try {
        return work()
      } finally {
        if (inSegment) segmentWall += wallNow() - start
      }
    },
  }
}
