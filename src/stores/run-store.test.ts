import { beforeEach, describe, expect, it } from 'vitest'
import type { Frame } from '../sim-worker/frame'
import {
  defaultSettings,
  markStale,
  publishFrame,
  runLoaded,
  runStore,
  updateSettings,
} from './run-store'

/** A frame at virtual time `now` (only the fields the store reads matter here). */
function frameAt(now: number, finished = false): Frame {
  return { now, finished } as Frame
}

describe('the run store', () => {
  beforeEach(() => {
    runStore.setState({ settings: defaultSettings(), status: 'idle', frame: null, stale: false })
  })

  it('before the run has moved, no edit needs a reset', () => {
    runLoaded(frameAt(0))
    updateSettings({ preset: 'burst', seed: 3 })
    expect(runStore.getState()).toMatchObject({ status: 'paused', stale: false })
    expect(runStore.getState().settings).toMatchObject({ preset: 'burst', seed: 3 })
  })

  it('mid-run, traffic and seed wait for a reset; concurrency applies live', () => {
    runLoaded(frameAt(0))
    publishFrame(frameAt(5000))
    updateSettings({ reservedConcurrency: 5, provisionedConcurrency: 1 })
    expect(runStore.getState().stale).toBe(false)
    updateSettings({ ratePerSecond: 99 })
    expect(runStore.getState().stale).toBe(true)
    runLoaded(frameAt(0))
    expect(runStore.getState().stale).toBe(false)
  })

  it('the last frame of the scenario finishes the run; a renamed function marks it stale', () => {
    runLoaded(frameAt(0))
    runStore.setState({ status: 'running' })
    publishFrame(frameAt(600_000, true))
    expect(runStore.getState().status).toBe('finished')
    markStale()
    expect(runStore.getState().stale).toBe(true)
  })
})
