/** What the main thread did while it was watched. */
export interface MainThreadReport {
  /** The longest task the browser reported (Long Tasks API), ms; 0 when none passed 50 ms. */
  longestTaskMs: number
  /** How many tasks passed 50 ms. */
  longTasks: number
  /** The longest gap between two animation frames, ms (a stall shows here too). */
  longestFrameGapMs: number
  /** Where `longestMs` comes from: the Long Tasks API, or the frame gaps where it is missing. */
  source: 'longtask' | 'frames'
  /** The figure held against the 50 ms goal. */
  longestMs: number
  /** Start (page time, ms) of the longest task or frame gap, to tell which case caused it. */
  longestAt: number
}

/**
 * Watches the main thread: long tasks through a PerformanceObserver (Chromium reports every
 * task over 50 ms), and the gaps between animation frames as a fallback for browsers without
 * the Long Tasks API. Stop it to read the report.
 */
export function watchMainThread(): { stop(): MainThreadReport } {
  const supported = PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false
  let longestTaskMs = 0
  let longestTaskAt = 0
  let longTasks = 0
  const record = (entry: PerformanceEntry): void => {
    longTasks++
    if (entry.duration <= longestTaskMs) return
    longestTaskMs = entry.duration
    longestTaskAt = entry.startTime
  }
  let observer: PerformanceObserver | undefined
  if (supported) {
    observer = new PerformanceObserver((list) => list.getEntries().forEach(record))
    observer.observe({ type: 'longtask' })
  }
  let longestFrameGapMs = 0
  let longestGapAt = 0
  let last: number | undefined
  let frame = 0
  const onFrame = (time: number): void => {
    if (last !== undefined && time - last > longestFrameGapMs) {
      longestFrameGapMs = time - last
      longestGapAt = last
    }
    last = time
    frame = requestAnimationFrame(onFrame)
  }
  frame = requestAnimationFrame(onFrame)
  return {
    stop() {
      // Entries still buffered in the observer belong to the watched span.
      if (observer) {
        observer.takeRecords().forEach(record)
        observer.disconnect()
      }
      cancelAnimationFrame(frame)
      const source = supported ? 'longtask' : 'frames'
      const longestMs = supported ? longestTaskMs : longestFrameGapMs
      const longestAt = supported ? longestTaskAt : longestGapAt
      return { longestTaskMs, longTasks, longestFrameGapMs, source, longestMs, longestAt }
    },
  }
}
