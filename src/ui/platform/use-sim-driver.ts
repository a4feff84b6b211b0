/**
 * The sim driver: paces the simulation worker against the wall clock. Each animation frame asks
 * the worker to advance by (wall time since the last frame) × speed and writes the one frame it
 * returns into the run store. The page's thread never runs the simulation loop itself.
 */
import { useEffect } from 'react'
import type { FunctionConfig } from '../../core/lambda/function-config'
import { createSimClient, type SimClient } from '../../sim-worker/client'
import {
  markStale,
  publishFrame,
  runLoaded,
  runStore,
  setErrors,
  setStatus,
  type PlatformSettings,
} from '../../stores/run-store'
import { useProjectStore } from '../../stores/project-store'
import { buildScenarioJson, liveChanges } from './scenario-builder'

/**
 * Most wall time one frame may turn into virtual time, ms. After a background tab or a slow
 * worker answer the clock does not leap: at 3,600× a frame covers at most 3 virtual minutes.
 */
export const MaxWallStepMs = 50

/** Worker time one frame aims at when running as fast as possible, ms. */
export const FastFrameTargetMs = 25

/**
 * The virtual time of the next frame when running as fast as possible: the last chunk scaled so
 * that the worker takes about {@link FastFrameTargetMs}, at most doubling per frame, between
 * one virtual second and one virtual hour.
 */
export function nextFastChunk(chunkMs: number, tookMs: number): number {
  const scaled = chunkMs * Math.min(2, FastFrameTargetMs / Math.max(1, tookMs))
  return Math.round(Math.min(3_600_000, Math.max(1000, scaled)))
}

/** What a run is built from: the view's settings and the project's function. */
export interface RunInputs {
  settings: PlatformSettings
  fn: FunctionConfig
}

function currentInputs(): RunInputs {
  return { settings: runStore.getState().settings, fn: useProjectStore.getState().config }
}

/** The controls the Platform view gives a person. */
export interface SimDriver {
  play(): void
  pause(): void
  /** Fires the next platform event (pauses first). */
  step(): Promise<void>
  /** Loads the scenario of the current settings and function, at time 0. */
  reset(): Promise<void>
  /**
   * Brings the run up to the current settings and function: before it has started (or once it
   * finished) by loading them afresh; mid-run by applying what can change live at the current
   * virtual time (the core's `setConfig`) and marking the rest as waiting for a reset.
   */
  sync(): Promise<void>
}

// One worker for the page: switching views pauses the run, it does not throw it away.
let client: SimClient | null = null
function workerClient(): SimClient {
  client ??= createSimClient()
  return client
}

/**
 * A driver over `sim` (the worker's client; tests pass an in-process session). The worker is
 * started on first use.
 */
export function createDriver(sim: () => SimClient = workerClient): SimDriver {
  let raf = 0
  let last = 0
  let inFlight = false
  // The clock counts whole virtual ms: fractions carry over to the next frame (1× stays exact).
  let carry = 0
  // As fast as possible: virtual ms per frame, adapted to how long the worker takes.
  let fastChunk = 10_000
  // What the worker's run holds now (null until a load succeeded): the baseline of live changes.
  let applied: RunInputs | null = null

  const frameLoop = (time: number) => {
    raf = requestAnimationFrame(frameLoop)
    // The worker still computes the previous frame: skip, the wall time carries over (capped).
    if (inFlight) return
    const wallMs = Math.min(time - last, MaxWallStepMs)
    last = time
    if (wallMs <= 0) return
    const speed = runStore.getState().speed
    const fast = !Number.isFinite(speed)
    const virtualMs = fast ? fastChunk : carry + wallMs * speed
    const whole = Math.floor(virtualMs)
    carry = fast ? 0 : virtualMs - whole
    inFlight = true
    const sentAt = performance.now()
    sim()
      .advance(whole)
      .then((frame) => {
        if (fast) fastChunk = nextFastChunk(fastChunk, performance.now() - sentAt)
        // A frame that lands just after a pause is still the worker's truth: show it, or the
        // next step or change would start from a time the clock never showed.
        const { status } = runStore.getState()
        if (status !== 'running' && status !== 'paused') return
        publishFrame(frame)
        if (frame.finished) stop()
      })
      .catch((error: unknown) => fail(error))
      .finally(() => {
        inFlight = false
      })
  }
  const stop = () => {
    if (raf !== 0) cancelAnimationFrame(raf)
    raf = 0
  }
  const pause = () => {
    stop()
    if (runStore.getState().status === 'running') setStatus('paused')
  }
  const fail = (error: unknown) => {
    stop()
    setErrors([error instanceof Error ? error.message : String(error)])
    setStatus('paused')
  }

  return {
    play() {
      const { status } = runStore.getState()
      if (status !== 'paused' || raf !== 0) return
      setStatus('running')
      last = performance.now()
      raf = requestAnimationFrame(frameLoop)
    },
    pause,
    async step() {
      pause()
      if (runStore.getState().status !== 'paused') return
      publishFrame(await sim().step())
    },
    reset,
    sync,
  }

  async function reset(): Promise<void> {
    stop()
    setStatus('loading')
    const inputs = currentInputs()
    const loaded = await sim().load(buildScenarioJson(inputs.settings, inputs.fn))
    applied = loaded.ok ? inputs : null
    if (loaded.ok) runLoaded(loaded.frame)
    else runStore.setState({ status: 'invalid', errors: loaded.errors, frame: null })
    // Edited while loading: load again (the run is still at 0:00:00).
    const now = currentInputs()
    if (now.settings !== inputs.settings || now.fn !== inputs.fn) await reset()
  }

  async function sync(): Promise<void> {
    const { frame, status } = runStore.getState()
    const next = currentInputs()
    if (status === 'loading' || status === 'idle') return
    if (applied === null || frame === null || frame.now === 0 || status === 'finished') {
      if (status !== 'running') await reset()
      return
    }
    if (next.settings === applied.settings && next.fn === applied.fn) return
    // A renamed function is another function: only a reset can run it.
    if (next.fn.name !== applied.fn.name) return markStale()
    const changes = liveChanges(applied, next)
    applied = next
    for (const change of changes) {
      const result = await sim().setConfig(change)
      if (!result.ok) return setErrors([result.error])
      setErrors([])
      // The frame of the very moment of the change: the chart marks its limits from here.
      publishFrame(result.frame)
    }
  }
}

// One driver for the page, like the worker: the run outlives a switch to the Function view.
let driver: SimDriver | null = null

/**
 * The driver of the Platform view. Loads the scenario on first use; unmounting (switching to
 * the Function view) pauses the run and keeps it.
 */
export function useSimDriver(): SimDriver {
  driver ??= createDriver()
  const current = driver
  useEffect(() => {
    const { status } = runStore.getState()
    if (status === 'idle' || status === 'invalid') void current.reset()
    // Edits made in the Function view while away (memory, timeout, name) apply now.
    else void current.sync()
    return () => current.pause()
  }, [current])
  return current
}
