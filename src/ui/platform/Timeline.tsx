import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { runStore } from '../../stores/run-store'
import { useUiStore } from '../../stores/ui-store'
import { formatClock, formatMs } from './format'
import { InvocationDetail } from './InvocationDetail'
import { draw, geometryOf, laneHeightOf, readColors, type Colors } from './timeline-draw'
import {
  barAt,
  barOf,
  layoutTimeline,
  moveFocus,
  placeOf,
  type Bar,
  type BarKey,
  type TimelineLayout,
} from './timeline-layout'
import { WhyCache } from './why-cache'

/** Lanes drawn at most; the rest are counted. */
const MaxLanes = 16
const NavKeys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']

/** What a hovered or focused bar says. */
function describe(bar: Bar): string {
  const init = bar.cold ? `INIT ${formatMs(bar.runStart - bar.initStart)}, ` : ''
  const retry = bar.retry ? ' (retry)' : ''
  return `${bar.requestId} at ${formatClock(bar.runStart)}: ${init}run ${formatMs(bar.end - bar.runStart)}, ${bar.outcome}${retry}`
}

const keyOf = (bar: Bar | undefined): BarKey | null =>
  bar === undefined ? null : { requestId: bar.requestId, initStart: bar.initStart }

/**
 * Per environment, the recent invocations as bars: INIT (cold starts) then the run, errors in
 * red, retries marked ▼, throttles as red ticks in their own row. Hover a bar for its request id
 * and durations; click it, or focus the timeline, choose with the arrow keys and press Enter, to
 * open its details.
 */
export function Timeline({ hidden }: { hidden: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const layoutRef = useRef<TimelineLayout | null>(null)
  const focusRef = useRef<BarKey | null>(null)
  const redrawRef = useRef<() => void>(() => {})
  const whyRef = useRef(new WhyCache())
  const [hovered, setHovered] = useState<string | null>(null)
  const [focused, setFocused] = useState<string | null>(null)
  const [hiddenLanes, setHiddenLanes] = useState(0)
  const [open, setOpen] = useState<Bar | null>(null)
  const theme = useUiStore((s) => s.theme)
  const presenting = useUiStore((s) => s.presentation)

  useEffect(() => {
    const canvas = canvasRef.current
    if (canvas === null || hidden) return
    const g = geometryOf(presenting)
    let colors: Colors | null = null
    let last: unknown = null
    const redraw = () => {
      const layout = layoutRef.current
      colors ??= readColors()
      if (layout === null) return
      const focus = document.activeElement === canvas ? placeOf(layout, focusRef.current) : null
      draw(canvas, layout, focus, g, colors)
    }
    const render = () => {
      const frame = runStore.getState().frame
      if (frame === null) return
      const decisions = frame.snapshot.notableExplanations
      whyRef.current.ingest(decisions)
      layoutRef.current = layoutTimeline(
        frame.snapshot.spans,
        frame.now,
        MaxLanes,
        decisions,
        frame.snapshot.series.total,
      )
      redraw()
      setHiddenLanes(layoutRef.current.hiddenLanes)
    }
    redrawRef.current = redraw
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
  }, [hidden, theme, presenting])

  /** The bar under the pointer, if any. */
  const barUnder = (event: MouseEvent<HTMLCanvasElement>): Bar | undefined => {
    const layout = layoutRef.current
    const canvas = canvasRef.current
    if (layout === null || canvas === null) return undefined
    const g = geometryOf(presenting)
    const rect = canvas.getBoundingClientRect()
    const lane = Math.floor((event.clientY - rect.top) / laneHeightOf(rect.height, layout, g))
    const fraction = (event.clientX - rect.left - g.gutter) / (rect.width - g.gutter - 4)
    return barAt(layout, lane, layout.from + fraction * (layout.to - layout.from))
  }

  const focusBar = (bar: Bar | undefined) => {
    focusRef.current = keyOf(bar)
    setFocused(bar === undefined ? null : describe(bar))
    redrawRef.current()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const layout = layoutRef.current
    if (layout === null) return
    const place = placeOf(layout, focusRef.current)
    if (NavKeys.includes(event.key)) {
      event.preventDefault()
      focusBar(barOf(layout, moveFocus(layout, place, event.key)))
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      const bar = barOf(layout, place ?? moveFocus(layout, null, event.key))
      if (bar !== undefined) setOpen(bar)
    }
  }

  const close = () => {
    setOpen(null)
    canvasRef.current?.focus()
  }

  return (
    <div className="pf-timeline" id="pf-chart-timeline" hidden={hidden}>
      <canvas
        ref={canvasRef}
        data-testid="timeline"
        tabIndex={0}
        role="application"
        aria-roledescription="timeline"
        aria-label="Recent invocations per execution environment. Arrow keys choose an invocation, Enter opens its details."
        aria-describedby="pf-timeline-caption"
        onMouseMove={(event) => {
          const bar = barUnder(event)
          setHovered(bar ? describe(bar) : null)
        }}
        onMouseLeave={() => setHovered(null)}
        onClick={(event) => {
          const bar = barUnder(event)
          if (bar === undefined) return
          focusBar(bar)
          setOpen(bar)
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          const layout = layoutRef.current
          const place = layout === null ? null : placeOf(layout, focusRef.current)
          focusBar(
            layout === null ? undefined : barOf(layout, place ?? moveFocus(layout, null, '')),
          )
        }}
        onBlur={() => {
          setFocused(null)
          redrawRef.current()
        }}
      />
      <p className="pf-hint" id="pf-timeline-caption" data-testid="timeline-caption">
        {hovered ??
          focused ??
          `INIT in blue, runs in amber, errors in red, ▼ retries, red ticks throttles; click a bar for its details${hiddenLanes > 0 ? ` (${hiddenLanes} more environments)` : ''}.`}
      </p>
      {open !== null && (
        <InvocationDetail
          bar={open}
          decisions={whyRef.current.of(open.requestId)}
          onClose={close}
        />
      )}
    </div>
  )
}
