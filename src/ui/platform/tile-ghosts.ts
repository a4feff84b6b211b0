/**
 * Environments that were just reclaimed stay on screen for a moment, faded, so that a reclaim
 * is seen rather than inferred from a tile gone missing. Frames list the live environments
 * only (oldest first); comparing two frames tells which ones left.
 */
import { MaxTiles, type Tile, type TileState } from '../../sim-worker/frame'

/** How long a reclaimed tile stays, wall-clock ms (virtual time may run at 3,600×). */
export const GhostMs = 1500
/** Most reclaimed tiles shown at once (a burst of reclaims fades as a group). */
const MaxGhosts = 200

/** A tile as drawn: a live environment, or one reclaimed a moment ago. */
export interface ShownTile extends Omit<Tile, 'state'> {
  state: TileState | 'reclaimed'
  /** When a reclaimed tile leaves the screen, wall ms. */
  until?: number
  /** The virtual time of the first frame without it (it was reclaimed by then). */
  goneAt?: number
}

/** Keeps the recently reclaimed tiles between frames. */
export class TileGhosts {
  #previous: readonly Tile[] = []
  #previousNow = 0
  #ghosts: ShownTile[] = []

  /** Reclaimed tiles on screen now. */
  get count(): number {
    return this.#ghosts.length
  }

  /** When the next reclaimed tile leaves, wall ms (null: none shown). */
  get nextExpiry(): number | null {
    return this.#ghosts.length === 0 ? null : Math.min(...this.#ghosts.map((g) => g.until ?? 0))
  }

  /**
   * The tiles to draw for a frame's live `tiles` (sorted by id) at virtual time `now`, at wall
   * time `wall`: the live ones and, in their places, those reclaimed less than GhostMs ago.
   */
  update(tiles: readonly Tile[], now: number, wall: number): readonly ShownTile[] {
    if (now < this.#previousNow)
      this.#ghosts = [] // a new run
    else if (tiles !== this.#previous) this.#collect(tiles, now, wall)
    this.#previous = tiles
    this.#previousNow = now
    this.#ghosts = this.#ghosts.filter((g) => (g.until ?? 0) > wall)
    if (this.#ghosts.length === 0) return tiles
    return merge(tiles, this.#ghosts)
  }

  /** Adds the tiles of the previous frame that this one no longer lists. */
  #collect(tiles: readonly Tile[], now: number, wall: number): void {
    const last = tiles[tiles.length - 1]?.id ?? -1
    // A full list may end before an environment that is still alive: those are not gone.
    const complete = tiles.length < MaxTiles
    let j = 0
    for (const old of this.#previous) {
      while (j < tiles.length && (tiles[j]?.id ?? 0) < old.id) j++
      if (tiles[j]?.id === old.id) continue
      if (!complete && old.id > last) continue
      this.#ghosts.push({ ...old, state: 'reclaimed', until: wall + GhostMs, goneAt: now })
    }
    if (this.#ghosts.length > MaxGhosts) this.#ghosts.splice(0, this.#ghosts.length - MaxGhosts)
    this.#ghosts.sort((a, b) => a.id - b.id)
  }
}

/** Two lists sorted by id, merged. */
function merge(tiles: readonly Tile[], ghosts: readonly ShownTile[]): ShownTile[] {
  const out: ShownTile[] = []
  let j = 0
  for (const tile of tiles) {
    while (j < ghosts.length && (ghosts[j]?.id ?? 0) < tile.id) out.push(ghosts[j++] as ShownTile)
    out.push(tile)
  }
  while (j < ghosts.length) out.push(ghosts[j++] as ShownTile)
  return out
}
