import { useStore } from 'zustand'
import { runStore } from '../../stores/run-store'
import type { TileState } from '../../sim-worker/frame'
import { formatCount } from './format'

const States: { state: TileState; label: string }[] = [
  { state: 'initializing', label: 'initializing' },
  { state: 'busy', label: 'busy' },
  { state: 'idle', label: 'idle' },
  { state: 'provisioned', label: 'provisioned, idle' },
]

/** One tile per execution environment, colored by state, with the counts by state. */
export function EnvironmentsView() {
  const frame = useStore(runStore, (s) => s.frame)
  const tiles = frame?.tiles ?? []
  const now = frame?.now ?? 0
  const hidden = (frame?.alive ?? 0) - tiles.length
  const memoryMB = frame?.snapshot.functions[0]?.memoryMB ?? 0

  return (
    <section className="pf-card pf-envs" aria-label="Execution environments">
      <div className="pf-card-title">
        <h2>Execution environments</h2>
        <span className="pf-big-inline" data-testid="env-count">
          {formatCount(frame?.alive ?? 0)}
        </span>
        <ul className="pf-legend">
          {States.map(({ state, label }) => (
            <li key={state} data-testid={`env-count-${state}`}>
              <span className="pf-swatch" data-state={state} aria-hidden="true" />
              {label} <strong>{formatCount(frame?.counts[state] ?? 0)}</strong>
            </li>
          ))}
        </ul>
      </div>
      <div className="pf-tiles" data-testid="env-view">
        {tiles.map((tile) => (
          <span
            key={tile.id}
            className="pf-tile"
            data-testid="env-tile"
            data-state={tile.state}
            // Built on hover, not on every frame for every tile.
            onPointerEnter={(event) => {
              event.currentTarget.title = `Environment ${tile.id}: ${tile.state} · ${formatCount(tile.invocations)} invocations · age ${formatCount((now - tile.createdAt) / 1000)} s · ${memoryMB} MB`
            }}
          />
        ))}
        {hidden > 0 && <span className="pf-more">+{formatCount(hidden)} more</span>}
        {tiles.length === 0 && (
          <p className="pf-empty">
            No environment yet: the first request starts one (a cold start).
          </p>
        )}
      </div>
    </section>
  )
}
