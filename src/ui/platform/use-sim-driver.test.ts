import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createSimSession } from '../../sim-worker/session'
import type { SimClient } from '../../sim-worker/client'
import { defaultProject, useProjectStore } from '../../stores/project-store'
import { defaultSettings, runStore, updateSettings } from '../../stores/run-store'
import { createDriver, nextFastChunk } from './use-sim-driver'
import { runCodeStore, setRunMode, setSendState } from './run-code'

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
    sendNow: async (eventJson) => session.sendNow(eventJson),
    sentRequests: async () => session.sentRequests(),
    report: async () => session.report(),
    terminate: () => {},
  }
}

describe('the sim driver', () => {
  beforeEach(() => {
    useProjectStore.setState(defaultProject())
    runStore.setState({ settings: defaultSettings(), status: 'idle', frame: null, stale: false })
    setRunMode('modeled')
    setSendState(null)
  })

  it('a worker that fails stops the run: Play is refused until Reset starts again', async () => {
    const client = inProcessClient()
    const driver = createDriver(() => ({
      ...client,
      step: () => Promise.reject(new Error('No QuickJS sandbox of 128 MB was ready')),
    }))
    await driver.reset()
    await driver.step()
    expect(runStore.getState()).toMatchObject({
      status: 'failed',
      errors: ['No QuickJS sandbox of 128 MB was ready'],
    })
    driver.play()
    expect(runStore.getState().status).toBe('failed')
    await driver.reset()
    expect(runStore.getState()).toMatchObject({ status: 'paused', errors: [] })
  })

  it('sends one request now while paused; the steps that follow show it to its end', async () => {
    const session = createSimSession()
    const client = inProcessClient(session)
    const driver = createDriver(() => client)
    await driver.reset()
    runStore.setState({ frame: session.advance(2_000) })
    useProjectStore.getState().setEventJson('{"id": 7}')
    await driver.sendNow()
    const sent = runCodeStore.getState().send
    expect(sent?.kind === 'sent' && sent.request).toMatchObject({ status: 'running', sentAt: 2000 })
    // Its environment shows busy at once (the frame of the moment it was sent).
    expect(runStore.getState().frame?.snapshot.total.requests).toBe(
      session.advance(0).snapshot.total.requests,
    )
    for (let i = 0; i < 50 && runCodeStore.getState().send?.kind === 'sent'; i++) {
      const send = runCodeStore.getState().send
      if (send?.kind === 'sent' && send.request.status !== 'running') break
      await driver.step()
    }
    const done = runCodeStore.getState().send
    expect(done?.kind === 'sent' && done.request).toMatchObject({ status: 'succeeded' })
    expect(done?.kind === 'sent' && done.request.lines.at(-1)?.line).toMatch(/^REPORT /)
  })

  it('a test event that is not JSON is refused in words', async () => {
    const client = inProcessClient()
    const driver = createDriver(() => client)
    await driver.reset()
    useProjectStore.getState().setEventJson('{ oops')
    await driver.sendNow()
    const send = runCodeStore.getState().send
    expect(send?.kind === 'refused' && send.error).toMatch(/^The test event is not JSON/)
  })

  it('"my handler" at time 0 reloads with the code; mid-run it waits for a reset', async () => {
    const loads: unknown[] = []
    const session = createSimSession()
    const client = { ...inProcessClient(session) }
    client.load = async (json) => {
      loads.push(json)
      // The synchronous session runs no code: load the modeled twin to keep the run going.
      const copy = structuredClone(json) as { functions: { code?: string }[] }
      for (const fn of copy.functions) delete fn.code
      return session.load(copy)
    }
    const driver = createDriver(() => client)
    await driver.reset()
    setRunMode('handler')
    await driver.sync()
    const last = loads.at(-1) as { functions: { code?: string; handler?: string }[] }
    expect(last.functions[0]).toMatchObject({
      code: defaultProject().code,
      handler: 'index.handler',
    })
    runStore.setState({ frame: session.advance(5_000) })
    setRunMode('modeled')
    await driver.sync()
    expect(loads).toHaveLength(2)
    expect(runStore.getState().stale).toBe(true)
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
