import { useMemo } from 'react'
import { useStore } from 'zustand'
import type { ArrivalSpec } from '../../core'
import { rateSeries } from '../../core/traffic/arrivals'
import { runStore } from '../../stores/run-store'
import { formatCount } from './format'

const W = 300
const H = 64

/** The arrival rate over the run as a small curve, with the virtual clock as a marker. */
export function TrafficPreview({
  arrivals,
  durationSeconds,
}: {
  arrivals: ArrivalSpec
  durationSeconds: number
}) {
  const now = useStore(runStore, (s) => s.frame?.now ?? 0)
  const { path, peak } = useMemo(() => {
    const points = rateSeries(arrivals, durationSeconds, 150)
    // A burst is one instant that even sampling would miss: draw it as its count in one second.
    if (arrivals.kind === 'burst') {
      for (const p of points) p.rate = 0
      points.push({ second: arrivals.atSecond, rate: arrivals.count })
      points.push({ second: arrivals.atSecond + 0.001, rate: 0 })
      points.sort((a, b) => a.second - b.second)
    }
    const rates = points.map((p) => p.rate)
    const top = Math.max(1, ...rates)
    const d = points
      .map((p, i) => {
        const x = (p.second / durationSeconds) * W
        const y = H - 2 - (p.rate / top) * (H - 6)
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
      })
      .join(' ')
    return { path: d, peak: top }
  }, [arrivals, durationSeconds])
  const x = Math.min(1, now / 1000 / durationSeconds) * W

  return (
    <figure className="pf-preview" data-testid="traffic-preview" data-peak={peak}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label="Arrival rate over the run"
      >
        <path d={path} className="pf-preview-line" />
        <line x1={x} x2={x} y1={0} y2={H} className="pf-preview-now" />
      </svg>
      <figcaption>
        peak {formatCount(peak)}/s · {formatCount(durationSeconds)} s
      </figcaption>
    </figure>
  )
}
