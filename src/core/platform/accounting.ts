/**
 * What the platform records when an invocation ends: the counters and series of the report, and
 * the charge the billing meter receives. Kept apart from platform.ts, which decides; this only
 * counts. Both run once per invocation and allocate nothing.
 */
import type { InvocationCharge, Meter } from '../billing/meter'
import { Metric } from '../telemetry/series'
import type { ExecEnv } from './environment'
import type { Counters, FunctionRuntime } from './function-runtime'

// Imported const objects are live bindings (property getters under some loaders, tsx among
// them); the hot path reads these module-local copies instead.
const M_INVOCATIONS = Metric.Invocations
const M_ERRORS = Metric.Errors
const M_COLD = Metric.ColdStarts

/**
 * Counts an invocation that ended at `now` after `run` ms (its fine histogram bucket given) in
 * `c`: one invocation, its duration, one fewer busy, and a cold start or an error if it was one.
 */
export function countEnded(
  c: Counters,
  now: number,
  run: number,
  bucket: number,
  cold: boolean,
  failed: boolean,
): void {
  c.invocations++
  c.durations.addAt(bucket, run)
  c.busy.change(now, -1)
  const s = c.series
  s.add(now, M_INVOCATIONS)
  s.duration(now, bucket)
  if (cold) {
    c.coldStarts++
    s.add(now, M_COLD)
  }
  if (failed) {
    c.errors++
    s.add(now, M_ERRORS)
  }
}

/** A reusable charge record (the platform fills one in per invocation). */
export function newCharge(): InvocationCharge {
  return {
    function: '',
    memoryMB: 0,
    architecture: 'x86_64',
    durationMs: 0,
    onProvisioned: false,
    ephemeralStorageMB: 512,
  }
}

/**
 * Sends the invocation `env` just ended to the meter, through the reusable `charge`: its run
 * time, its cold start's INIT (the meter's price model decides whether INIT is billed), and
 * whether a provisioned environment served it (PC rates) or an on-demand one (spillover too).
 */
export function billInvocation(
  meter: Meter,
  charge: InvocationCharge,
  fn: FunctionRuntime,
  env: ExecEnv,
): void {
  charge.function = fn.name
  charge.memoryMB = fn.spec.memoryMB
  charge.architecture = fn.spec.architecture
  charge.durationMs = env.runMs
  charge.initDurationMs = env.cold ? env.coldInitMs : undefined
  charge.onProvisioned = !env.onDemand
  charge.ephemeralStorageMB = fn.spec.ephemeralStorageMB
  meter.recordInvocation(charge)
}
