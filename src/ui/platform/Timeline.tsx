import { useEffect, useRef, useState, type MouseEvent } from 'react'
import { runStore } from '../../stores/run-store'
import { useUiStore } from '../../stores/ui-store'
import { barAt, layoutTimeline, type Bar, type TimelineLayout } from './timeline-layout'
import { formatClock, formatMs } from './format'

/** Lanes drawn at most; the rest are counted. */
const MaxLanes = 16
const Gutter = 56

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}

/** Draws `layout` on `canvas` (CSS pixels scaled for the screen's density). */
function draw(canvas: HTMLCanvasElement, layout: TimelineLayout): void {
  const ctx = canvas.getContext('2d')
  if (ctx === null) return
  const dpr = window.devicePixelRatio || 1
  const width = canvas.clientWidth
  const height = canvas.clientHeight
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr)
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr)
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, width, height)
  const laneHeight = Math.min(18, height / Math.max(1, layout.lanes.length))
  const span = layout.to - layout.from
  const x = (t: number) => Gutter + ((t - layout.from) / span) * (width - Gutter - 4)
  const colors = {
    text: cssVar('--muted'),
    init: cssVar('--cold'),
    run: cssVar('--accent-bg'),
    error: cssVar('--bad'),
  }
  ctx.font = '12px system-ui, sans-serif'
  ctx.textBaseline = 'middle'
  layout.lanes.forEach((lane, i) => {
    const y = i * laneHeight
    // Labels need about 12 px: on tighter lanes, every other one.
    if (laneHeight >= 12 || i % 2 === 0) {
      ctx.fillStyle = colors.text
      ctx.fillText(`env ${lane.environmentId}`, 4, y + laneHeight / 2)
    }
    for (const bar of lane.bars) {
      const h = Math.max(2, laneHeight - 4)
      if (bar.cold) {
        ctx.fillStyle = colors.init
        ctx.fillRect(x(bar.initStart), y + 2, Math.max(1, x(bar.runStart) - x(bar.initStart)), h)
      }
      ctx.fillStyle = bar.outcome === 'success' ? colors.run : colors.error
      ctx.fillRect(x(bar.runStart), y + 2, Math.max(1, x(bar.end) - x(bar.runStart)), h)
    }
  })
}

/** What a hovered bar says. */
function describe(bar: Bar): string {
  const init = bar.cold ? `INIT ${formatMs(bar.runStart - bar.initStart)}, ` : ''
  return `${bar.requestId} at ${formatClock(bar.runStart)}: ${init}run ${formatMs(bar.end - bar.runStart)}, ${bar.outcome}`
}

/**
 * Per environment, the recent invocations as bars: INIT (cold starts) then the run, errors in
 * red. Hover a bar for its request id and durations.
 */
export function Timeline({ hidden }: { hidden: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const layoutRef = useRef<TimelineLayout | null>(null)
  const [hovered, setHovered] = useState<string | null>(null)
  const [hiddenLanes, setHiddenLanes] = useState(0)
  const theme = useUiStore((s) => s.theme)

  useEffect(() => {
    const canvas = canvasRef.current
    if (canvas === null || hidden) return
    let last: unknown = null
    const render = () => {
      const frame = runStore.getState().frame
      if (frame === null) return
      const layout = layoutTimeline(frame.snapshot.spans, frame.now, MaxLanes)
      layoutRef.current = layout
      draw(canvas, layout)
      setHiddenLanes(layout.hiddenLanes)
    }
    // After the app's theme effect has run (colors), and on every new frame.
    const raf = requestAnimationFrame(render)
    const off = runStore.subscribe((state) => {
      if (state.frame === last) return
      last = state.frame
      render()
    })
    const resize = new ResizeObserver(render)
    resize.observe(canvas)
    return () => {
      cancelAnimationFrame(raf)
      off()
      resize.disconnect()
    }
  }, [hidden, theme])

  const onMove = (event: MouseEvent<HTMLCanvasElement>) => {
    const layout = layoutRef.current
    const canvas = canvasRef.current
    if (layout === null || canvas === null) return
    const rect = canvas.getBoundingClientRect()
    const laneHeight = Math.min(18, rect.height / Math.max(1, layout.lanes.length))
    const lane = Math.floor((event.clientY - rect.top) / laneHeight)
    const fraction = (event.clientX - rect.left - Gutter) / (rect.width - Gutter - 4)
    const bar = barAt(layout, lane, layout.from + fraction * (layout.to - layout.from))
    setHovered(bar ? describe(bar) : null)
  }

  return (
    <div className="pf-timeline" id="pf-chart-timeline" hidden={hidden}>
      <canvas
        ref={canvasRef}
        data-testid="timeline"
        role="img"
        aria-label="Recent invocations per execution environment: INIT and run segments"
        onMouseMove={onMove}
        onMouseLeave={() => setHovered(null)}
      />
      <p className="pf-hint" data-testid="timeline-caption">
        {hovered ??
          `INIT in blue, runs in amber, errors in red; ends as they finish${hiddenLanes > 0 ? ` (${hiddenLanes} more environments)` : ''}.`}
      </p>
    </div>
  )
}
