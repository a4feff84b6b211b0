/**
 * The run: what the Platform view is simulating and what the simulation worker last reported.
 * A vanilla store, written at most once per animation frame by the sim driver (ui/platform),
 * read through narrow selectors, and never persisted (telemetry is per run).
 */
import { createStore } from 'zustand/vanilla'
import type { InvocationType, PriceModelId } from '../core'
import type { Frame } from '../sim-worker/frame'

/** Traffic presets offered in the view; each maps to one of the core's arrival processes. */
export const Presets = ['steady', 'poisson', 'spike', 'step', 'diurnal', 'burst'] as const
export type Preset = (typeof Presets)[number]

/** Speeds of the virtual clock against the wall clock; Infinity: as fast as the worker goes. */
export const Speeds = [1, 10, 60, 600, 3600, Infinity] as const

/** One step of the `step` preset: the rate from `atSecond` until the next step. */
export interface TrafficStep {
  atSecond: number
  ratePerSecond: number
}

/** The `step` preset holds 2 to 5 steps. */
export const MinSteps = 2
export const MaxSteps = 5

/**
 * Each preset's own parameters (the core's arrival fields). All are kept while another preset is
 * chosen, so switching presets back and forth loses nothing.
 */
export interface TrafficParams {
  /** steady, poisson: the rate; spike: the base rate; diurnal: the mean rate (requests/s). */
  ratePerSecond: number
  spikeRatePerSecond: number
  spikeStartSecond: number
  spikeDurationSeconds: number
  steps: TrafficStep[]
  /** diurnal: 0–1, how far the rate swings around its mean. */
  amplitude: number
  periodSeconds: number
  burstCount: number
  burstAtSecond: number
}

/** The platform side of the scenario (the function itself comes from the project store). */
export interface PlatformSettings extends TrafficParams {
  preset: Preset
  /** Length of the scenario's traffic, seconds. */
  durationSeconds: number
  invocationType: InvocationType
  /** null: the function draws from the unreserved pool. */
  reservedConcurrency: number | null
  provisionedConcurrency: number
  accountLimit: number
  /** Mean modeled handler time at one vCPU (1,769 MB), ms. */
  durationAtVcpuMs: number
  /** Share of modeled invocations that end in a function error, whole percent. */
  errorPercent: number
  /** How long an idle environment lives before it is reclaimed, whole minutes. */
  idleLifetimeMinutes: number
  seed: number
  freeTier: boolean
  /** Which dated price model bills the run (applies on reset). */
  priceModel: PriceModelId
  /** `current`: 1,000 new environments per function per 10 s; `legacy`: a regional burst. */
  scalingModel: 'current' | 'legacy'
  /** The legacy model's regional burst: 500, 1,000 or 3,000. */
  burst: number
}

/**
 * Where the run is. `failed`: the simulation worker could not go on (a sandbox could not be
 * made, say); only Reset starts again, so nothing runs on a broken state.
 */
export type RunStatus =
  'idle' | 'loading' | 'paused' | 'running' | 'finished' | 'invalid' | 'failed'

export interface RunState {
  settings: PlatformSettings
  status: RunStatus
  speed: number
  /** The latest frame from the worker (null until a scenario loaded). */
  frame: Frame | null
  /** Why the scenario does not load (field errors), or why a live change was refused. */
  errors: string[]
  /** The settings changed in a way only a reset applies (traffic, seed, length, name). */
  stale: boolean
}

/**
 * The presets' parameters before anyone edits them: the shapes of a ten-minute run at 20/s
 * (a spike ×10 from a third of the run for a sixth of it; ×4 in the middle third; one whole
 * "day" of ±80%; ten seconds' worth of requests at once, a quarter in).
 */
export function defaultTrafficParams(): TrafficParams {
  return {
    ratePerSecond: 20,
    spikeRatePerSecond: 200,
    spikeStartSecond: 200,
    spikeDurationSeconds: 100,
    steps: [
      { atSecond: 0, ratePerSecond: 20 },
      { atSecond: 200, ratePerSecond: 80 },
      { atSecond: 400, ratePerSecond: 20 },
    ],
    amplitude: 0.8,
    periodSeconds: 600,
    burstCount: 200,
    burstAtSecond: 150,
  }
}

/** A short run that shows a spike on a projector in a few seconds at 60×. */
export function defaultSettings(): PlatformSettings {
  return {
    ...defaultTrafficParams(),
    preset: 'spike',
    durationSeconds: 600,
    invocationType: 'RequestResponse',
    reservedConcurrency: null,
    provisionedConcurrency: 0,
    accountLimit: 1000,
    durationAtVcpuMs: 50,
    errorPercent: 0,
    // The measured idle lifetime (reference §2.2): with a ten-minute run, idle environments stay.
    idleLifetimeMinutes: 10,
    seed: 1,
    // A ten-minute run fits inside the monthly free tier and would cost $0: off by default.
    freeTier: false,
    priceModel: 'current',
    scalingModel: 'current',
    burst: 3000,
  }
}

export const runStore = createStore<RunState>()(() => ({
  settings: defaultSettings(),
  status: 'idle',
  speed: 60,
  frame: null,
  errors: [],
  stale: false,
}))

/** Settings that only a reset applies (the others are applied live through `setConfig`). */
const ResetOnly: (keyof PlatformSettings)[] = [
  'preset',
  'ratePerSecond',
  'spikeRatePerSecond',
  'spikeStartSecond',
  'spikeDurationSeconds',
  'steps',
  'amplitude',
  'periodSeconds',
  'burstCount',
  'burstAtSecond',
  'durationSeconds',
  'invocationType',
  'seed',
  'freeTier',
  'priceModel',
]

/** Changes settings; marks the run stale when one of them applies only on reset. */
export function updateSettings(patch: Partial<PlatformSettings>): void {
  runStore.setState((state) => {
    const needsReset = ResetOnly.some((key) => key in patch && patch[key] !== state.settings[key])
    return {
      settings: { ...state.settings, ...patch },
      stale: state.stale || (needsReset && state.frame !== null && state.frame.now > 0),
    }
  })
}

/** Publishes the frame of this animation frame. */
export function publishFrame(frame: Frame): void {
  runStore.setState((state) => ({
    frame,
    status: frame.finished ? 'finished' : state.status,
  }))
}

export function setStatus(status: RunStatus): void {
  runStore.setState({ status })
}

export function setSpeed(speed: number): void {
  runStore.setState({ speed })
}

export function setErrors(errors: string[]): void {
  runStore.setState({ errors })
}

/** Something changed that only a reset applies (for example the function's name). */
export function markStale(): void {
  runStore.setState((state) => ({ stale: state.frame !== null && state.frame.now > 0 }))
}

/** A fresh run of the current settings has been loaded. */
export function runLoaded(frame: Frame): void {
  runStore.setState({ frame, status: 'paused', errors: [], stale: false })
}
