import { useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { runStore } from '../../stores/run-store'
import type { TileState } from '../../sim-worker/frame'
import { formatCount } from './format'
import { TileGhosts, type ShownTile } from './tile-ghosts'

const States: { state: TileState; label: string }[] = [
  { state: 'initializing', label: 'initializing' },
  { state: 'busy', label: 'busy' },
  { state: 'idle', label: 'idle' },
  { state: 'provisioned', label: 'provisioned, idle' },
]

/** What hovering a tile says: built on hover, not on every frame for every tile. */
function tileTitle(tile: ShownTile, now: number, memoryMB: number): string {
  const served = `${formatCount(tile.invocations)} invocation${tile.invocations === 1 ? '' : 's'} served`
  const age = `${formatCount(((tile.goneAt ?? now) - tile.createdAt) / 1000)} s`
  const memory = `memory ${formatCount(memoryMB)} MB configured`
  if (tile.state === 'reclaimed')
    return `Environment ${tile.id}: reclaimed · lived ${age} · ${served} · ${memory}`
  return `Environment ${tile.id}: ${tile.state} · age ${age} · ${served} · ${memory}`
}

/**
 * Redraws once the earliest reclaimed tile's moment is over, even when no frame arrives (a
 * paused run): otherwise it would stay on screen until the next frame.
 */
function useGhostExpiry(ghosts: TileGhosts, shown: readonly ShownTile[]): void {
  const [, setTick] = useState(0)
  useEffect(() => {
    const next = ghosts.nextExpiry
    if (next === null) return
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, next - performance.now()))
    return () => clearTimeout(timer)
  }, [ghosts, shown])
}

/**
 * One tile per execution environment, colored by state, with the counts by state. A cold start
 * grows in; a reclaimed environment stays for a moment, faded, as `reclaimed`.
 */
export function EnvironmentsView() {
  const frame = useStore(runStore, (s) => s.frame)
  const ghosts = useRef(new TileGhosts()).current
  const tiles = frame?.tiles ?? []
  const now = frame?.now ?? 0
  const shown = ghosts.update(tiles, now, performance.now())
  useGhostExpiry(ghosts, shown)
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
          <li data-testid="env-count-reclaimed">
            <span className="pf-swatch" data-state="reclaimed" aria-hidden="true" />
            reclaimed <strong>{formatCount(ghosts.count)}</strong>
          </li>
        </ul>
      </div>
      <div className="pf-tiles" data-testid="env-view">
        {shown.map((tile) => (
          <span
            key={tile.id}
            className="pf-tile"
            data-testid="env-tile"
            data-state={tile.state}
            onPointerEnter={(event) => {
              event.currentTarget.title = tileTitle(tile, now, memoryMB)
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
