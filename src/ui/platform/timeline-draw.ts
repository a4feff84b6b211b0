/**
 * The timeline's drawing on a canvas: lanes of bars (INIT, run, retry marks, the focus ring)
 * and the throttle row. Geometry comes from timeline-layout.ts; this only paints it.
 */
import { cssVar } from './chart-kinds'
import { barOf, type Bar, type BarPlace, type TimelineLayout } from './timeline-layout'

/** Sizes in CSS pixels: larger in presentation mode (a canvas does not follow the page's CSS). */
export interface Geometry {
  gutter: number
  laneMax: number
  font: number
}
export const geometryOf = (presenting: boolean): Geometry =>
  presenting ? { gutter: 84, laneMax: 26, font: 17 } : { gutter: 56, laneMax: 18, font: 12 }

export interface Colors {
  text: string
  init: string
  run: string
  error: string
  retry: string
  focus: string
}
export const readColors = (): Colors => ({
  text: cssVar('--muted'),
  init: cssVar('--cold'),
  run: cssVar('--accent-bg'),
  error: cssVar('--bad'),
  retry: cssVar('--text'),
  focus: cssVar('--focus') || cssVar('--text'),
})

/** Rows: one per lane, and one for throttles when there are any in the window. */
const hasThrottles = (layout: TimelineLayout) =>
  layout.throttles.length > 0 || layout.throttleBuckets.length > 0
const rowsOf = (layout: TimelineLayout) => layout.lanes.length + (hasThrottles(layout) ? 1 : 0)
export const laneHeightOf = (height: number, layout: TimelineLayout, g: Geometry) =>
  Math.min(g.laneMax, height / Math.max(1, rowsOf(layout)))

/** Draws one bar: INIT (cold starts), the run, a ▼ over retries, a ring when focused. */
function drawBar(
  ctx: CanvasRenderingContext2D,
  bar: Bar,
  y: number,
  h: number,
  x: (t: number) => number,
  c: Colors,
): void {
  if (bar.cold) {
    ctx.fillStyle = c.init
    ctx.fillRect(x(bar.initStart), y, Math.max(1, x(bar.runStart) - x(bar.initStart)), h)
  }
  ctx.fillStyle = bar.outcome === 'success' ? c.run : c.error
  ctx.fillRect(x(bar.runStart), y, Math.max(1, x(bar.end) - x(bar.runStart)), h)
  if (bar.retry) {
    const left = x(bar.initStart)
    ctx.fillStyle = c.retry
    ctx.beginPath()
    ctx.moveTo(left, y)
    ctx.lineTo(left + h * 0.8, y)
    ctx.lineTo(left + h * 0.4, y + h * 0.7)
    ctx.fill()
  }
}

/**
 * The throttle row: each second that had throttles as a faint red band with its count, and the
 * recent throttles the frame's decisions name as ticks at their exact time.
 */
function drawThrottles(
  ctx: CanvasRenderingContext2D,
  layout: TimelineLayout,
  laneHeight: number,
  h: number,
  x: (t: number) => number,
  c: Colors,
  label: (text: string, row: number) => void,
): void {
  const row = layout.lanes.length
  const y = row * laneHeight + 2
  label('429', row)
  ctx.fillStyle = c.error
  for (const bucket of layout.throttleBuckets) {
    const left = Math.max(x(layout.from), x(bucket.from))
    const right = Math.min(x(layout.to), x(bucket.to))
    ctx.globalAlpha = 0.25
    ctx.fillRect(left, y, Math.max(1, right - left), h)
    ctx.globalAlpha = 1
    const text = `${bucket.count}`
    if (right - left > ctx.measureText(text).width + 8) ctx.fillText(text, left + 4, y + h / 2)
  }
  for (const t of layout.throttles) ctx.fillRect(x(t) - 1, y, 2, h)
}

/** Draws `layout` on `canvas` (CSS pixels scaled for the screen's density). */
export function draw(
  canvas: HTMLCanvasElement,
  layout: TimelineLayout,
  focus: BarPlace | null,
  g: Geometry,
  c: Colors,
): void {
  const ctx = canvas.getContext('2d')
  if (ctx === null) return
  const dpr = window.devicePixelRatio || 1
  const width = canvas.clientWidth
  const height = canvas.clientHeight
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr)
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr)
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, width, height)
  const laneHeight = laneHeightOf(height, layout, g)
  const span = layout.to - layout.from
  const x = (t: number) => g.gutter + ((t - layout.from) / span) * (width - g.gutter - 4)
  const h = Math.max(2, laneHeight - 4)
  ctx.font = `${g.font}px system-ui, sans-serif`
  ctx.textBaseline = 'middle'
  const label = (text: string, i: number) => {
    // Labels need about a font's height: on tighter lanes, every other one.
    if (laneHeight < g.font && i % 2 === 1) return
    ctx.fillStyle = c.text
    ctx.fillText(text, 4, i * laneHeight + laneHeight / 2)
  }
  layout.lanes.forEach((lane, i) => {
    label(`env ${lane.environmentId}`, i)
    for (const bar of lane.bars) drawBar(ctx, bar, i * laneHeight + 2, h, x, c)
  })
  if (hasThrottles(layout)) drawThrottles(ctx, layout, laneHeight, h, x, c, label)
  const focused = barOf(layout, focus)
  if (focus !== null && focused !== undefined) {
    ctx.strokeStyle = c.focus
    ctx.lineWidth = 2
    const left = x(focused.initStart) - 2
    ctx.strokeRect(left, focus.lane * laneHeight, x(focused.end) - left + 2, laneHeight)
  }
}
