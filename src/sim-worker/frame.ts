/**
 * What crosses from the simulation worker to the page once per animation frame: the core's
 * snapshot, trimmed so that a frame stays small however large the run grows.
 */
import type { EnvironmentView, Snapshot } from '../core'

/** Most environment tiles a frame carries (counts by state always cover all of them). */
export const MaxTiles = 400

/** The state a tile shows: a provisioned environment that is idle shows as `provisioned`. */
export type TileState = 'initializing' | 'busy' | 'idle' | 'provisioned'

/** One environment tile. */
export interface Tile {
  id: number
  state: TileState
  invocations: number
  createdAt: number
}

/** One frame: plain, structured-cloneable data. */
export interface Frame {
  /** Virtual ms. */
  now: number
  /** Where the scenario's traffic ends, virtual ms. */
  endMs: number
  /** True once the scenario ran to its end and running work drained (the CLI's `run()`). */
  finished: boolean
  /** The core snapshot, trimmed: no environment lists (see `tiles`), the account series only. */
  snapshot: Snapshot
  /** The first {@link MaxTiles} environments of the (single) function, oldest first. */
  tiles: Tile[]
  counts: Record<TileState, number>
  /** Environments alive in all. */
  alive: number
  /** Most invocations running at once since the start (all functions). */
  peakConcurrency: number
}

/** The tile state of one environment view. */
export function tileState(env: EnvironmentView): TileState {
  if (env.state === 'idle' && env.provisioned) return 'provisioned'
  return env.state
}

/** Builds a frame from a snapshot; environments beyond {@link MaxTiles} are counted, not sent. */
export function toFrame(
  snapshot: Snapshot,
  endMs: number,
  finished: boolean,
  peakConcurrency: number,
): Frame {
  const counts: Record<TileState, number> = { initializing: 0, busy: 0, idle: 0, provisioned: 0 }
  const tiles: Tile[] = []
  let alive = 0
  for (const fn of snapshot.functions) {
    for (const env of fn.environments) {
      const state = tileState(env)
      counts[state]++
      alive++
      if (tiles.length < MaxTiles)
        tiles.push({ id: env.id, state, invocations: env.invocations, createdAt: env.createdAt })
    }
  }
  // The tiles travel separately: drop the full lists from the snapshot itself. The view charts
  // the account's series only; per-function series would double the frame.
  const functions = snapshot.functions.map((fn) => ({ ...fn, environments: [] }))
  const series = { total: snapshot.series.total, functions: {} }
  return {
    now: snapshot.now,
    endMs,
    finished,
    snapshot: { ...snapshot, functions, series },
    tiles,
    counts,
    alive,
    peakConcurrency,
  }
}
