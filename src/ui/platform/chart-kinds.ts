/**
 * The live charts of the Platform view: for each, its series, its scales and how a frame becomes
 * its columns. Colors come from the theme's variables, read when a chart is mounted.
 */
import type uPlot from 'uplot'
import type { Frame } from '../../sim-worker/frame'
import {
  ColdRatioWindowSeconds,
  asyncQueueData,
  chartData,
  coldRatioData,
  durationData,
  hasAsyncTraffic,
  rateData,
  trackLimits,
  type LimitPoint,
} from './chart-data'

/** One live chart. */
export interface ChartKind {
  id: 'concurrency' | 'rates' | 'durations' | 'cold' | 'async'
  tab: string
  /** What is drawn, in words (the chart's accessible name). */
  label: string
  /** A short title shown above the chart, when the tab alone does not say enough. */
  title?: string
  series(): uPlot.Series[]
  /** Called once per mount: the returned function may keep state across frames. */
  feed(): (frame: Frame) => uPlot.AlignedData
  /** Its feed keeps a history, so it must see every frame, even while the chart is hidden. */
  stateful?: boolean
  range?: uPlot.Range.Function
  /** A second y scale on the right (name, its range, how its ticks read). */
  right?: { scale: string; range: uPlot.Range.Function; label: string }
  /** Why nothing is drawn (instead of a flat zero), or null. */
  empty?: (frame: Frame | null) => string | null
}

export function cssVar(name: string): string {
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

const NoAsync =
  'No asynchronous traffic in this run: choose the invocation type Asynchronous to see the queue.'

/** The charts, in tab order. */
export const ChartKinds: ChartKind[] = [
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
    stateful: true,
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
  {
    id: 'cold',
    tab: 'Cold starts',
    label: `Cold-start ratio: cold starts ÷ invocations over a sliding ${ColdRatioWindowSeconds} s window, in percent`,
    title: `Cold-start ratio: cold starts ÷ invocations, sliding ${ColdRatioWindowSeconds} s window`,
    series: () => [
      {
        label: `Cold starts, % of invocations (last ${ColdRatioWindowSeconds} s)`,
        stroke: cssVar('--cold'),
        width: 3,
        fill: cssVar('--cold-bg'),
      },
    ],
    feed: () => coldRatioData,
    range: (u) => [0, Math.min(100, Math.max(5, peakOf(u, 1) * 1.15))],
  },
  {
    id: 'async',
    tab: 'Async queue',
    label:
      'Asynchronous invocations: events waiting in the queue (left axis) and the age of the oldest event attempted, seconds (right axis)',
    title: 'Async queue: events waiting (left) · age of the oldest attempted, s (right)',
    series: () => [
      { label: 'Events waiting', stroke: cssVar('--cold'), width: 3, fill: cssVar('--cold-bg') },
      {
        label: 'Oldest event age, s',
        stroke: cssVar('--bad'),
        width: 2,
        dash: [6, 4],
        scale: 'age',
      },
    ],
    feed: () => asyncQueueData,
    range: (u) => [0, Math.max(4, peakOf(u, 1) * 1.15)],
    right: { scale: 'age', range: (u) => [0, Math.max(1, peakOf(u, 2) * 1.15)], label: 's' },
    empty: (frame) => (frame === null || hasAsyncTraffic(frame) ? null : NoAsync),
  },
]
