/** Number formats of the Platform view (large, readable on a projector). */

/** Money as the CLI prints it: cents above $1, six decimals below. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0'
  if (Math.abs(usd) >= 1)
    return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
  return `$${usd.toFixed(6)}`
}

// One formatter for every count: `toLocaleString` builds a new one per call, and the view formats
// hundreds of numbers per frame (the platform bench found it the largest main-thread cost).
const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** 12,345 */
export function formatCount(n: number): string {
  return countFormat.format(Math.round(n))
}

/** Virtual time as h:mm:ss.mmm (a single step moves it by milliseconds). */
export function formatClock(ms: number): string {
  const whole = Math.floor(ms)
  const total = Math.floor(whole / 1000)
  const pad = (v: number, width = 2) => String(v).padStart(width, '0')
  const h = Math.floor(total / 3600)
  return `${h}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}.${pad(whole % 1000, 3)}`
}

/** h:mm:ss, for the end of the run and chart axes. */
function formatWhole(ms: number): string {
  return formatClock(ms).slice(0, -4)
}

/** 691 ms, 1.4 s */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`
}

/** The end of the run: h:mm:ss. */
export function formatEnd(ms: number): string {
  return formatWhole(ms)
}

/** An axis tick in seconds: 3:20 below an hour, 1:03:20 above. */
export function formatAxisTime(seconds: number): string {
  const clock = formatWhole(seconds * 1000)
  // Below an hour, drop "0:" and the minutes' leading zero.
  return seconds < 3600 ? clock.slice(2).replace(/^0(?=\d:)/, '') : clock
}
