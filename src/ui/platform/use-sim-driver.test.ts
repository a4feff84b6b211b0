import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSimSession } from '../../sim-worker/session'
import type { SimClient } from '../../sim-worker/client'
import { defaultProject, useProjectStore } from '../../stores/project-store'
import { defaultSettings, runStore, updateSettings } from '../../stores/run-store'
import { createDriver, nextFastChunk } from './use-sim-driver'

// The project store persists to localStorage: give Node an in-memory one before it loads.
vi.hoisted(() => {
  const items = new Map<string, string>()
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
    key: () => null,
    length: 0,
  }
  Object.assign(globalThis, { localStorage: storage })
})

/** The worker's API answered in-process by a real session (no Worker in Node). */
function inProcessClient(session = createSimSession()): SimClient {
  return {
    load: async (json) => session.load(json),
    advance: async (ms) => session.advance(ms),
    step: async () => session.step(),
    setConfig: async (change) => session.setConfig(change),
    reset: async (seed) => session.reset(seed),
    report: async () => session.report(),
    terminate: () => {},
  }
}

describe('the sim driver', () => {
  beforeEach(() => {
    useProjectStore.setState(defaultProject())
    runStore.setState({ settings: defaultSettings(), status: 'idle', frame: null, stale: false })
  })

  it('loads the current settings and steps one platform event at a time', async () => {
    const client = inProcessClient()
    const driver = createDriver(() => client)
    await driver.reset()
    expect(runStore.getState()).toMatchObject({ status: 'paused', frame: { now: 0 } })
    await driver.step()
    await driver.step()
    expect(runStore.getState().frame?.snapshot.total.requests).toBeGreaterThan(0)
  })

  it('before the run moves, an edit reloads; mid-run, concurrency applies live and traffic waits', async () => {
    const session = createSimSession()
    const client = inProcessClient(session)
    const driver = createDriver(() => client)
    await driver.reset()
    updateSettings({ preset: 'steady', ratePerSecond: 10 })
    await driver.sync()
    expect(runStore.getState().frame?.snapshot.functions[0]?.name).toBe('my-function')
    // The reload took the new preset: ten evenly spaced requests per second.
    expect(session.advance(10_000).snapshot.total.requests).toBe(100)
    runStore.setState({ frame: session.advance(0) })

    updateSettings({ reservedConcurrency: 2 })
    await driver.sync()
    expect(runStore.getState().frame?.snapshot.functions[0]?.reservedConcurrency).toBe(2)
    expect(runStore.getState().stale).toBe(false)

    updateSettings({ ratePerSecond: 50 })
    await driver.sync()
    expect(runStore.getState().stale).toBe(true)

    useProjectStore.getState().updateConfig({ memoryMB: 512 })
    await driver.sync()
    expect(runStore.getState().frame?.snapshot.functions[0]?.memoryMB).toBe(512)
  })

  it('shows a refused live change and keeps the run', async () => {
    const session = createSimSession()
    const client = inProcessClient(session)
    const driver = createDriver(() => client)
    await driver.reset()
    runStore.setState({ frame: session.advance(5000) })
    updateSettings({ provisionedConcurrency: 5000 })
    await driver.sync()
    expect(runStore.getState().errors[0]).toContain('provisionedConcurrency')
    expect(runStore.getState().frame?.now).toBe(5000)
  })
})

describe('as fast as possible', () => {
  it('grows the per-frame chunk while the worker is quick, at most doubling', () => {
    expect(nextFastChunk(10_000, 5)).toBe(20_000)
    expect(nextFastChunk(10_000, 20)).toBe(12_500)
  })

  it('shrinks it when a frame took too long, within one second and one hour', () => {
    expect(nextFastChunk(10_000, 100)).toBe(2_500)
    expect(nextFastChunk(2_000, 500)).toBe(1_000)
    expect(nextFastChunk(3_000_000, 1)).toBe(3_600_000)
  })
})
