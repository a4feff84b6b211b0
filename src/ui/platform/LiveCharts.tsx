import { useEffect, useRef, useState } from 'react'
import uPlot from 'uplot'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import 'uplot/dist/uPlot.min.css'
import { runStore } from '../../stores/run-store'
import { useUiStore } from '../../stores/ui-store'
import type { Frame } from '../../sim-worker/frame'
import { chartData, durationData, rateData, trackLimits, type LimitPoint } from './chart-data'
import { formatAxisTime, formatCount } from './format'
import { Timeline } from './Timeline'

/** One live chart: its series and how a frame becomes its columns. */
interface ChartKind {
  id: 'concurrency' | 'rates' | 'durations'
  tab: string
  label: string
  series(): uPlot.Series[]
  /** Called once per mount: the returned function may keep state across frames. */
  feed(): (frame: Frame) => uPlot.AlignedData
  range?: uPlot.Range.Function
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim()
}

const peakOf = (u: uPlot, i: number) => Math.max(0, ...(u.data[i] ?? []).map((v) => v ?? 0))

/**
 * Zero to a little above the concurrency and the function's limits. The account limit (1,000 by
 * default) joins only when it is near: otherwise it would flatten a curve of 50 to the floor.
 */
function concurrencyRange(u: uPlot): uPlot.Range.MinMax {
  let top = Math.max(4, peakOf(u, 1), peakOf(u, 3), peakOf(u, 4)) * 1.2
  const account = peakOf(u, 2)
  if (account > 0 && account <= top * 2) top = Math.max(top, account * 1.1)
  return [0, Math.ceil(top)]
}

const Kinds: ChartKind[] = [
  {
    id: 'concurrency',
    tab: 'Concurrency',
    label:
      'Concurrent executions over virtual time, with the account, reserved and provisioned limits',
    series: () => [
      {
        label: 'Concurrent executions',
        stroke: cssVar('--cold'),
        width: 3,
        fill: cssVar('--cold-bg'),
      },
      { label: 'Account limit', stroke: cssVar('--muted'), width: 2, dash: [8, 6] },
      { label: 'Reserved', stroke: cssVar('--bad'), width: 2, dash: [4, 4] },
      { label: 'Provisioned', stroke: cssVar('--ok'), width: 2, dash: [2, 4] },
    ],
    feed: () => {
      let limits: LimitPoint[] = []
      return (frame) => {
        limits = trackLimits(limits, frame)
        return chartData(frame, limits)
      }
    },
    range: concurrencyRange,
  },
  {
    id: 'rates',
    tab: 'Per second',
    label: 'Invocations, throttles, errors and cold starts per second over virtual time',
    series: () => [
      { label: 'Invocations/s', stroke: cssVar('--cold'), width: 2 },
      { label: 'Throttles/s', stroke: cssVar('--bad'), width: 2 },
      { label: 'Errors/s', stroke: cssVar('--warn'), width: 2, dash: [4, 4] },
      { label: 'Cold starts/s', stroke: cssVar('--ok'), width: 2 },
    ],
    feed: () => rateData,
    range: (u) => [0, Math.max(1, ...[1, 2, 3, 4].map((i) => peakOf(u, i))) * 1.15],
  },
  {
    id: 'durations',
    tab: 'Duration',
    label: 'Duration p50 and p99 in milliseconds over virtual time',
    series: () => [
      { label: 'p50 ms', stroke: cssVar('--cold'), width: 2 },
      { label: 'p99 ms', stroke: cssVar('--bad'), width: 2 },
    ],
    feed: () => durationData,
    range: (u) => [0, Math.max(10, peakOf(u, 1), peakOf(u, 2)) * 1.15],
  },
]

function options(kind: ChartKind, width: number, height: number): uPlot.Options {
  const grid = cssVar('--border')
  const axis = {
    stroke: cssVar('--text'),
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    font: '14px system-ui, sans-serif',
  }
  return {
    width,
    height,
    scales: { x: { time: false }, y: { range: kind.range } },
    axes: [
      { ...axis, space: 70, values: (_u, ticks) => ticks.map((s) => formatAxisTime(s)) },
      { ...axis, size: 56 },
    ],
    legend: { live: false },
    cursor: { show: false },
    series: [{}, ...kind.series()],
  }
}

/** Draws `kind` into `target`, fed from the run store without React renders; returns teardown. */
function mountChart(target: HTMLDivElement, kind: ChartKind): () => void {
  const size = () => ({
    width: Math.max(200, target.clientWidth),
    height: Math.max(100, target.clientHeight - 34),
  })
  const feed = kind.feed()
  const columns = kind.series().length + 1
  const empty = Array.from({ length: columns }, () => []) as unknown as uPlot.AlignedData
  const plot = new uPlot(options(kind, size().width, size().height), empty, target)
  let shown: Frame | null = null
  // A hidden chart keeps its history (the limits) but draws only once it is shown again.
  let pending: uPlot.AlignedData | null = null
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
    draw(feed(frame))
  }
  show(runStore.getState().frame)
  const off = runStore.subscribe((state) => show(state.frame))
  const resize = new ResizeObserver(() => {
    if (target.clientWidth === 0) return
    plot.setSize(size())
    if (pending !== null) draw(pending)
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

  useEffect(() => {
    const target = box.current
    if (target === null) return
    let teardown = () => {}
    // The app sets the theme's attribute in its own effect, after this one: read colors a frame later.
    const raf = requestAnimationFrame(() => {
      teardown = mountChart(target, kind)
    })
    return () => {
      cancelAnimationFrame(raf)
      teardown()
    }
  }, [theme, kind])

  return (
    <div
      ref={box}
      id={`pf-chart-${kind.id}`}
      className="pf-chart-box"
      data-testid={`chart-${kind.id}`}
      role="img"
      aria-label={kind.label}
      hidden={hidden}
    />
  )
}

/** The live charts, one at a time: concurrency against the limits, rates, durations. */
export function LiveCharts() {
  const [active, setActive] = useState<ChartKind['id'] | 'timeline'>('concurrency')
  const tabs: { id: ChartKind['id'] | 'timeline'; tab: string }[] = [
    ...Kinds,
    { id: 'timeline', tab: 'Timeline' },
  ]
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
      </div>
      {Kinds.map((kind) => (
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
