import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import 'uplot/dist/uPlot.min.css'
import { runStore } from '../../stores/run-store'
import { useUiStore } from '../../stores/ui-store'
import type { Frame } from '../../sim-worker/frame'
import { ChartKinds, cssVar, type ChartKind } from './chart-kinds'
import { formatAxisTime, formatCount } from './format'
import { Timeline } from './Timeline'

/** Axis type size: larger in presentation mode (the canvas does not follow the page's CSS). */
const axisFontPx = (presenting: boolean) => (presenting ? 19 : 14)

/** A y axis as wide as its longest tick label (12,000 events needs more room than 40). */
const fitTo =
  (px: number) =>
  (_u: uPlot, values: string[] | null): number =>
    Math.ceil(Math.max(3, ...(values ?? []).map((v) => v.length)) * px * 0.62 + px)

function options(
  kind: ChartKind,
  width: number,
  height: number,
  presenting: boolean,
): uPlot.Options {
  const grid = cssVar('--border')
  const px = axisFontPx(presenting)
  const axis = {
    stroke: cssVar('--text'),
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    font: `${px}px system-ui, sans-serif`,
  }
  const scales: uPlot.Scales = { x: { time: false }, y: { range: kind.range } }
  const axes: uPlot.Axis[] = [
    { ...axis, space: px * 5, values: (_u, ticks) => ticks.map((s) => formatAxisTime(s)) },
    { ...axis, size: fitTo(px) },
  ]
  if (kind.right !== undefined) {
    scales[kind.right.scale] = { range: kind.right.range }
    axes.push({ ...axis, scale: kind.right.scale, side: 1, size: fitTo(px), grid: { show: false } })
  }
  return {
    width,
    height,
    scales,
    axes,
    legend: { live: false },
    cursor: { show: false },
    series: [{}, ...kind.series()],
  }
}

/** Draws `kind` into `target`, fed from the run store without React renders; returns teardown. */
function mountChart(target: HTMLDivElement, kind: ChartKind, presenting: boolean): () => void {
  const size = () => ({
    width: Math.max(200, target.clientWidth),
    height: Math.max(100, target.clientHeight - 34),
  })
  const feed = kind.feed()
  const columns = kind.series().length + 1
  const empty = Array.from({ length: columns }, () => []) as unknown as uPlot.AlignedData
  const plot = new uPlot(options(kind, size().width, size().height, presenting), empty, target)
  let shown: Frame | null = null
  // A hidden chart draws only once it is shown again. One with a history (the limits) reads
  // every frame meanwhile; the others compute their columns from the last frame only then.
  let pending: uPlot.AlignedData | null = null
  let pendingFrame: Frame | null = null
  const draw = (data: uPlot.AlignedData) => {
    if (target.hidden) {
      pending = data
      return
    }
    pending = null
    plot.setData(data)
    target.dataset.peak = String(Math.max(0, ...(data[1] as (number | null)[]).map((v) => v ?? 0)))
  }
  const show = (frame: Frame | null) => {
    if (frame === null || frame === shown) return
    shown = frame
    if (target.hidden && !kind.stateful) {
      pendingFrame = frame
      return
    }
    pendingFrame = null
    draw(feed(frame))
  }
  show(runStore.getState().frame)
  const off = runStore.subscribe((state) => show(state.frame))
  const resize = new ResizeObserver(() => {
    if (target.clientWidth === 0) return
    plot.setSize(size())
    if (pendingFrame !== null) {
      draw(feed(pendingFrame))
      pendingFrame = null
    } else if (pending !== null) draw(pending)
  })
  resize.observe(target)
  return () => {
    off()
    resize.disconnect()
    plot.destroy()
  }
}

/** One chart's canvas; it stays mounted while hidden so that its history is kept. */
function Chart({ kind, hidden }: { kind: ChartKind; hidden: boolean }) {
  const box = useRef<HTMLDivElement>(null)
  const theme = useUiStore((s) => s.theme)
  const presenting = useUiStore((s) => s.presentation)
  // A string or null: the view renders again only when the reason changes, not on every frame.
  const empty = useStore(runStore, (s) => kind.empty?.(s.frame) ?? null)

  useEffect(() => {
    const target = box.current
    if (target === null) return
    let teardown = () => {}
    // The app sets the theme's attribute in its own effect, after this one: read colors a frame later.
    const raf = requestAnimationFrame(() => {
      teardown = mountChart(target, kind, presenting)
    })
    return () => {
      cancelAnimationFrame(raf)
      teardown()
    }
  }, [theme, presenting, kind])

  return (
    <div className="pf-chart-frame" hidden={hidden}>
      <div
        ref={box}
        id={`pf-chart-${kind.id}`}
        className="pf-chart-box"
        data-testid={`chart-${kind.id}`}
        data-empty={empty === null ? undefined : 'true'}
        role="img"
        aria-label={empty ?? kind.label}
        hidden={hidden}
      />
      {empty !== null && (
        <p className="pf-chart-empty" data-testid={`chart-${kind.id}-empty`}>
          {empty}
        </p>
      )}
    </div>
  )
}

/**
 * The live charts, one at a time: concurrency against the limits, rates, durations, the
 * cold-start ratio, the async queue, and the timeline of recent invocations.
 */
export function LiveCharts() {
  const [active, setActive] = useState<ChartKind['id'] | 'timeline'>('concurrency')
  const tabs: { id: ChartKind['id'] | 'timeline'; tab: string }[] = [
    ...ChartKinds,
    { id: 'timeline', tab: 'Timeline' },
  ]
  const title = ChartKinds.find((kind) => kind.id === active)?.title
  return (
    <section className="pf-card pf-chart" aria-label="Live charts">
      <div className="pf-card-title">
        <div className="pf-chart-tabs" role="tablist" aria-label="Chart">
          {tabs.map((kind) => (
            <button
              key={kind.id}
              type="button"
              role="tab"
              aria-selected={active === kind.id}
              aria-controls={`pf-chart-${kind.id}`}
              data-testid={`chart-tab-${kind.id}`}
              onClick={() => setActive(kind.id)}
            >
              {kind.tab}
            </button>
          ))}
        </div>
        {active === 'concurrency' && <LimitsCaption />}
        {title !== undefined && (
          <span className="pf-hint" data-testid="chart-title">
            {title}
          </span>
        )}
      </div>
      {ChartKinds.map((kind) => (
        <Chart key={kind.id} kind={kind} hidden={active !== kind.id} />
      ))}
      <Timeline hidden={active !== 'timeline'} />
    </section>
  )
}

/** The limits now, in numbers (the account limit is often far above the curve). */
function LimitsCaption() {
  const { account, reserved, provisioned } = useStore(
    runStore,
    useShallow((s) => ({
      account: s.frame?.snapshot.account.concurrencyLimit,
      reserved: s.frame?.snapshot.functions[0]?.reservedConcurrency,
      provisioned: s.frame?.snapshot.functions[0]?.provisionedConcurrency,
    })),
  )
  if (account === undefined) return null
  return (
    <span className="pf-hint" data-testid="chart-limits">
      limits: account {formatCount(account)} · reserved{' '}
      {reserved === null || reserved === undefined ? 'none' : formatCount(reserved)} · provisioned{' '}
      {formatCount(provisioned ?? 0)}
    </span>
  )
}
