/**
 * Arrival processes: when requests reach a function, in integer virtual milliseconds.
 * Random patterns are non-homogeneous Poisson processes; piecewise-constant rates (step, spike)
 * are generated exactly by inverting the integrated rate, the sinusoidal one by thinning.
 */
import type { Rng } from '../sim/rng'
import type { ArrivalSpec } from '../scenario/types'

/** A stream of arrival times. */
export interface ArrivalProcess {
  /**
   * The next arrival, in integer virtual ms (the floor of the continuous time): non-decreasing,
   * several arrivals may share one ms. `null` once the process has no arrival before `endMs`.
   */
  next(): number | null
}

const DAY_SECONDS = 86_400

/** A piece of a piecewise-constant rate: `ratePerMs` from `fromMs` until the next piece. */
interface Piece {
  fromMs: number
  ratePerMs: number
}

/**
 * The arrival process for `spec`, producing times in [0, `endMs`) (the run's end, exclusive).
 *
 * @example
 * const arrivals = createArrivalProcess({ kind: 'constant', ratePerSecond: 4 }, createRng(1), 1000)
 * arrivals.next() // 0, then 250, 500, 750, then null
 */
export function createArrivalProcess(spec: ArrivalSpec, rng: Rng, endMs: number): ArrivalProcess {
  switch (spec.kind) {
    case 'constant':
      return constantArrivals(spec.ratePerSecond, windowOf(spec, endMs))
    case 'poisson':
      return piecewiseArrivals(
        [{ fromMs: 0, ratePerMs: 0 }, ...windowPieces(spec, endMs)],
        rng,
        endMs,
      )
    case 'list':
      return listArrivals(spec.seconds, endMs)
    case 'burst':
      return burstArrivals(Math.floor(spec.atSecond * 1000), spec.count, endMs)
    case 'step':
      return piecewiseArrivals(stepPieces(spec.steps), rng, endMs)
    case 'spike':
      return piecewiseArrivals(spikePieces(spec), rng, endMs)
    case 'diurnal':
      return diurnalArrivals(spec, rng, endMs)
  }
}

type Windowed = { ratePerSecond: number; startSecond?: number; endSecond?: number }

function windowOf(spec: Windowed, endMs: number): { startMs: number; endMs: number } {
  const startMs = (spec.startSecond ?? 0) * 1000
  const stopMs = spec.endSecond === undefined ? endMs : Math.min(endMs, spec.endSecond * 1000)
  return { startMs, endMs: stopMs }
}

function windowPieces(spec: Windowed, endMs: number): Piece[] {
  const window = windowOf(spec, endMs)
  return [
    { fromMs: window.startMs, ratePerMs: spec.ratePerSecond / 1000 },
    { fromMs: window.endMs, ratePerMs: 0 },
  ]
}

function constantArrivals(ratePerSecond: number, window: { startMs: number; endMs: number }) {
  let k = 0
  return {
    next(): number | null {
      if (ratePerSecond <= 0) return null
      // k·1000/r is exact when the true time is a whole ms, so no drift and no 999.9999 → 999.
      const t = window.startMs + (k * 1000) / ratePerSecond
      if (t >= window.endMs) return null
      k++
      return Math.floor(t)
    },
  }
}

function listArrivals(seconds: readonly number[], endMs: number): ArrivalProcess {
  const times = seconds.map((s) => Math.floor(s * 1000)).sort((a, b) => a - b)
  let i = 0
  return {
    next() {
      const t = times[i]
      if (t === undefined || t >= endMs) return null
      i++
      return t
    },
  }
}

function burstArrivals(atMs: number, count: number, endMs: number): ArrivalProcess {
  let left = atMs < endMs ? count : 0
  return {
    next() {
      if (left <= 0) return null
      left--
      return atMs
    },
  }
}

function stepPieces(steps: readonly { atSecond: number; ratePerSecond: number }[]): Piece[] {
  const pieces: Piece[] = [{ fromMs: 0, ratePerMs: 0 }]
  for (const step of steps)
    pieces.push({ fromMs: step.atSecond * 1000, ratePerMs: step.ratePerSecond / 1000 })
  return pieces
}

function spikePieces(spec: Extract<ArrivalSpec, { kind: 'spike' }>): Piece[] {
  const startMs = spec.spikeStartSecond * 1000
  return [
    { fromMs: 0, ratePerMs: spec.baseRatePerSecond / 1000 },
    { fromMs: startMs, ratePerMs: spec.spikeRatePerSecond / 1000 },
    {
      fromMs: startMs + spec.spikeDurationSeconds * 1000,
      ratePerMs: spec.baseRatePerSecond / 1000,
    },
  ]
}

/**
 * Exact non-homogeneous Poisson arrivals for a piecewise-constant rate: draw a unit-rate
 * exponential E and walk forward until the integrated rate reaches it (inversion). Pieces must
 * be ordered by `fromMs`; the last one holds until `endMs`.
 */
function piecewiseArrivals(pieces: readonly Piece[], rng: Rng, endMs: number): ArrivalProcess {
  let t = 0
  let index = 0
  return {
    next() {
      let budget = -Math.log(1 - rng.next())
      for (;;) {
        const piece = pieces[index]
        if (piece === undefined || t >= endMs) return null
        const pieceEnd = Math.min(pieces[index + 1]?.fromMs ?? endMs, endMs)
        const room = (pieceEnd - t) * piece.ratePerMs
        if (budget < room) {
          t += budget / piece.ratePerMs
          return t < endMs ? Math.floor(t) : null
        }
        budget -= room
        t = Math.max(t, pieceEnd)
        index++
      }
    },
  }
}

type Diurnal = Extract<ArrivalSpec, { kind: 'diurnal' }>

function diurnalRatePerSecond(spec: Diurnal, second: number): number {
  const period = spec.periodSeconds ?? DAY_SECONDS
  const peak = spec.peakSecond ?? period / 4
  return (
    spec.meanRatePerSecond *
    (1 + spec.amplitude * Math.cos((2 * Math.PI * (second - peak)) / period))
  )
}

/**
 * Thinning (Lewis–Shedler): candidates at the peak rate, each kept with probability
 * rate(t)/peak. Exact for any bounded rate; costs at most 1 + amplitude candidates per arrival.
 */
function diurnalArrivals(spec: Diurnal, rng: Rng, endMs: number): ArrivalProcess {
  const peakPerMs = (spec.meanRatePerSecond * (1 + spec.amplitude)) / 1000
  let t = 0
  return {
    next() {
      if (peakPerMs <= 0) return null
      for (;;) {
        t += -Math.log(1 - rng.next()) / peakPerMs
        if (t >= endMs) return null
        const keep = diurnalRatePerSecond(spec, t / 1000) / 1000 / peakPerMs
        if (rng.next() < keep) return Math.floor(t)
      }
    },
  }
}

/**
 * The rate of `spec` at `second`, requests per second, for preview charts. Patterns of single
 * instants (list, burst) give how many requests fall in [second, second + 1).
 */
export function rateAt(spec: ArrivalSpec, second: number): number {
  switch (spec.kind) {
    case 'constant':
    case 'poisson': {
      const inside = second >= (spec.startSecond ?? 0) && second < (spec.endSecond ?? Infinity)
      return inside ? spec.ratePerSecond : 0
    }
    case 'list':
      return spec.seconds.filter((s) => s >= second && s < second + 1).length
    case 'burst':
      return spec.atSecond >= second && spec.atSecond < second + 1 ? spec.count : 0
    case 'step': {
      let rate = 0
      for (const step of spec.steps) if (step.atSecond <= second) rate = step.ratePerSecond
      return rate
    }
    case 'spike': {
      const end = spec.spikeStartSecond + spec.spikeDurationSeconds
      const inSpike = second >= spec.spikeStartSecond && second < end
      return inSpike ? spec.spikeRatePerSecond : spec.baseRatePerSecond
    }
    case 'diurnal':
      return diurnalRatePerSecond(spec, second)
  }
}

/**
 * `points` samples of the rate over [0, durationSeconds), evenly spaced, for a small chart.
 *
 * @example
 * rateSeries({ kind: 'spike', baseRatePerSecond: 1, spikeRatePerSecond: 9, spikeStartSecond: 5,
 *   spikeDurationSeconds: 5 }, 20, 4) // [{ second: 0, rate: 1 }, { second: 5, rate: 9 }, …]
 */
export function rateSeries(
  spec: ArrivalSpec,
  durationSeconds: number,
  points = 100,
): { second: number; rate: number }[] {
  const step = durationSeconds / Math.max(1, points)
  return Array.from({ length: Math.max(1, points) }, (_, i) => ({
    second: i * step,
    rate: rateAt(spec, i * step),
  }))
}
