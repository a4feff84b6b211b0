/**
 * Driving a simulation whose functions run real code: the events of `runWithQuickJS` (the
 * CLI's), in the same order, but in slices that end at a virtual time or when a wall-clock
 * budget is spent, so that a frame never keeps the worker busy for long. Between events the
 * sandbox pools are topped up (wasm instances are made asynchronously).
 */
import type { Simulation } from '../core'
import type { SandboxSet } from './sandbox-set'

/** A run with real code, and the wall clock its slices are measured with. */
export interface CodeRun {
  sim: Simulation
  sandboxes: SandboxSet
  /** Wall-clock ms (performance.now in the worker). */
  wallNow(): number
}

/** Every how many events the wall clock is read (reading it per event would cost more). */
const CheckEvery = 8

/** Fires one event, topping the pools up first when they run low. */
export async function stepWithCode(run: CodeRun): Promise<void> {
  if (run.sandboxes.needsRefill) await run.sandboxes.refill()
  run.sim.step()
}

/**
 * Fires the events before `until` and moves the clock there, unless the wall clock passes
 * `deadline` first: then the clock stays at the last event fired and false is returned (the
 * run falls behind the requested speed; nothing is skipped).
 */
export async function advanceWithCode(
  run: CodeRun,
  until: number,
  deadline: number,
): Promise<boolean> {
  const kernel = run.sim.platform.kernel
  let fired = 0
  while (kernel.pending > 0 && kernel.peek() < until) {
    await stepWithCode(run)
    if (++fired % CheckEvery === 0 && run.wallNow() > deadline) return false
  }
  if (kernel.now < until) run.sim.run({ until })
  return true
}

/**
 * After the scenario's end: lets running invocations and queued async events finish, as the
 * CLI does. True once nothing is left; false when the wall clock passed `deadline` first.
 */
export async function drainWithCode(run: CodeRun, deadline: number): Promise<boolean> {
  const { sim } = run
  const busy = (): boolean => sim.platform.total.busy.value > 0 || sim.invoker.inQueue > 0
  let fired = 0
  while (busy() && sim.platform.kernel.pending > 0) {
    await stepWithCode(run)
    if (++fired % CheckEvery === 0 && run.wallNow() > deadline) return false
  }
  return true
}
