import { describe, expect, it } from 'vitest'
import type { Tile } from '../../sim-worker/frame'
import { GhostMs, TileGhosts } from './tile-ghosts'

const tile = (id: number, state: Tile['state'] = 'idle'): Tile => ({
  id,
  state,
  invocations: id * 10,
  createdAt: id * 1000,
})
const shown = (list: readonly { id: number; state: string }[]) =>
  list.map((t) => `${t.id}:${t.state}`)

describe('reclaimed tiles', () => {
  it('stay in their place, reclaimed, for a moment after the frame that no longer lists them', () => {
    const ghosts = new TileGhosts()
    expect(shown(ghosts.update([tile(1), tile(2, 'busy'), tile(3)], 1000, 0))).toEqual([
      '1:idle',
      '2:busy',
      '3:idle',
    ])
    // At 5 s (virtual), environments 1 and 3 were reclaimed; 4 started.
    const after = ghosts.update([tile(2, 'busy'), tile(4, 'initializing')], 5000, 100)
    expect(shown(after)).toEqual(['1:reclaimed', '2:busy', '3:reclaimed', '4:initializing'])
    expect(after[0]).toMatchObject({
      invocations: 10,
      createdAt: 1000,
      until: 100 + GhostMs,
      goneAt: 5000,
    })
    expect(ghosts.count).toBe(2)
    expect(ghosts.nextExpiry).toBe(100 + GhostMs)
    // The same frame drawn again later: they fade out when their moment is over.
    const same = [tile(2, 'busy'), tile(4)]
    expect(shown(ghosts.update(same, 5000, 100 + GhostMs - 1))).toHaveLength(4)
    expect(shown(ghosts.update(same, 5001, 100 + GhostMs))).toEqual(['2:busy', '4:idle'])
    expect(ghosts.nextExpiry).toBeNull()
  })

  it('forgets them when the run starts over (the clock went back)', () => {
    const ghosts = new TileGhosts()
    ghosts.update([tile(1), tile(2)], 9000, 0)
    ghosts.update([tile(2)], 10_000, 10)
    expect(ghosts.count).toBe(1)
    expect(shown(ghosts.update([], 0, 20))).toEqual([])
  })

  it('does not take environments beyond a full frame’s list for reclaimed ones', () => {
    const ghosts = new TileGhosts()
    const full = Array.from({ length: 400 }, (_, i) => tile(i + 1))
    ghosts.update(full, 1000, 0)
    // Environment 1 was reclaimed: 401 moves into the list, and nothing else left.
    const next = [...full.slice(1), tile(401)]
    expect(shown(ghosts.update(next, 2000, 10)).slice(0, 2)).toEqual(['1:reclaimed', '2:idle'])
    expect(ghosts.count).toBe(1)
  })
})
