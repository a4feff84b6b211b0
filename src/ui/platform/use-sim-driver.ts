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
import { codeToRun, refreshRunnable, runCodeStore, setPace, setSendState } from './run-code'
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
  /** The handler's runnable code when "my handler" is on; null for modeled durations. */
  code: string | null
}

/** The inputs now; with "my handler" on, once the current source is prepared (TS stripped). */
async function currentInputs(): Promise<RunInputs> {
  for (;;) {
    const { code: source, language, config } = useProjectStore.getState()
    if (runCodeStore.getState().mode === 'handler') await refreshRunnable(source, language)
    const code = codeToRun(runCodeStore.getState(), source, language)
    // Edited while preparing: prepare the newer source.
    if (code !== undefined) return { settings: runStore.getState().settings, fn: config, code }
  }
}

const sameInputs = (a: RunInputs, b: RunInputs): boolean =>
  a.settings === b.settings && a.fn === b.fn && a.code === b.code

/** Wall ms over which the pace of the clock is measured. */
const PaceWindowMs = 1000

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
  /**
   * Sends one synchronous request now with the Function tab's test event; paused or playing.
   * Its result is followed frame by frame into the run-code store's `send`.
   */
  sendNow(): Promise<void>
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
  // Where the pace window began: wall ms, virtual ms, and the speed asked for since.
  let paceFrom: { wall: number; virtual: number; speed: number } | null = null

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
      .then(async (frame) => {
        if (fast) fastChunk = nextFastChunk(fastChunk, performance.now() - sentAt)
        // A frame that lands just after a pause is still the worker's truth: show it, or the
        // next step or change would start from a time the clock never showed.
        const { status } = runStore.getState()
        if (status !== 'running' && status !== 'paused') return
        publishFrame(frame)
        measurePace(frame.now, speed)
        if (frame.finished) stop()
        await followSent()
      })
      .catch((error: unknown) => fail(error))
      .finally(() => {
        inFlight = false
      })
  }
  const stop = () => {
    if (raf !== 0) cancelAnimationFrame(raf)
    raf = 0
    paceFrom = null
    setPace(null)
  }
  // Real code is slower than modeled durations: say so when the clock falls behind the speed
  // (measured on the wall clock between frames, skipped frames included).
  const measurePace = (virtual: number, speed: number) => {
    const wall = performance.now()
    if (!Number.isFinite(speed)) return setPace(null)
    if (paceFrom === null || paceFrom.speed !== speed) {
      paceFrom = { wall, virtual, speed }
      return
    }
    if (wall - paceFrom.wall < PaceWindowMs) return
    const actual = (virtual - paceFrom.virtual) / (wall - paceFrom.wall)
    paceFrom = { wall, virtual, speed }
    setPace(actual < speed * 0.9 ? { requested: speed, actual } : null)
  }
  // The request sent by hand, while it runs: its state after each frame.
  const followSent = async () => {
    const send = runCodeStore.getState().send
    if (send?.kind !== 'sent' || send.request.status !== 'running') return
    const latest = (await sim().sentRequests()).find((r) => r.requestId === send.request.requestId)
    if (latest !== undefined && runCodeStore.getState().send === send)
      setSendState({ kind: 'sent', request: latest })
  }
  const pause = () => {
    stop()
    if (runStore.getState().status === 'running') setStatus('paused')
  }
  const fail = (error: unknown) => {
    stop()
    setErrors([error instanceof Error ? error.message : String(error)])
    setStatus('failed')
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
      try {
        publishFrame(await sim().step())
        await followSent()
      } catch (error) {
        fail(error)
      }
    },
    reset,
    sync,
    sendNow,
  }

  async function sendNow(): Promise<void> {
    const { status } = runStore.getState()
    if (status !== 'paused' && status !== 'running') return
    setSendState({ kind: 'sending' })
    try {
      const result = await sim().sendNow(useProjectStore.getState().eventJson)
      if (!result.ok) return setSendState({ kind: 'refused', error: result.error })
      setSendState({ kind: 'sent', request: result.sent })
      // Paused, the view shows it started (its environment busy) at once.
      publishFrame(result.frame)
    } catch (error) {
      setSendState({
        kind: 'refused',
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }

  async function reset(): Promise<void> {
    stop()
    setStatus('loading')
    setSendState(null)
    const inputs = await currentInputs()
    const loaded = await sim().load(buildScenarioJson(inputs.settings, inputs.fn, inputs.code))
    applied = loaded.ok ? inputs : null
    if (loaded.ok) runLoaded(loaded.frame)
    else runStore.setState({ status: 'invalid', errors: loaded.errors, frame: null })
    // Edited while loading: load again (the run is still at 0:00:00).
    if (!sameInputs(await currentInputs(), inputs)) await reset()
  }

  async function sync(): Promise<void> {
    if (runStore.getState().status === 'loading' || runStore.getState().status === 'idle') return
    const next = await currentInputs()
    const { frame, status } = runStore.getState()
    if (status === 'loading' || status === 'idle') return
    if (applied === null || frame === null || frame.now === 0 || status === 'finished') {
      if (status !== 'running') await reset()
      return
    }
    if (sameInputs(next, applied)) return
    // A renamed function is another function: only a reset can run it.
    if (next.fn.name !== applied.fn.name) return markStale()
    // Other code (or switching between modeled and real code), another handler name or other
    // environment variables for real code: a new deployment, only a reset runs it.
    const redeploy =
      next.code !== applied.code ||
      (next.code !== null &&
        (next.fn.handler !== applied.fn.handler || next.fn.environment !== applied.fn.environment))
    if (redeploy) markStale()
    const changes = liveChanges(applied, next)
    applied = { ...next, code: applied.code }
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
