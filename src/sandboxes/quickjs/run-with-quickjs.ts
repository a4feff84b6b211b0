import type { Simulation } from '../../core/simulation'
import type { QuickJSExecutor } from './quickjs-executor'

/**
 * `simulation.run()` for a simulation whose real code runs in a {@link QuickJSExecutor}: the
 * same events in the same order (the whole scenario, then running invocations and queued async
 * events finish), one at a time, so that the sandbox pool can be refilled between them, since
 * wasm instances can only be made asynchronously. Returns the events fired.
 */
export async function runWithQuickJS(
  simulation: Simulation,
  executor: QuickJSExecutor,
): Promise<number> {
  const kernel = simulation.platform.kernel
  const endMs = simulation.scenario.durationSeconds * 1000
  let fired = 0
  // Awaiting only when the pool runs low keeps the loop synchronous (no microtask per event).
  while (kernel.pending > 0 && kernel.peek() < endMs) {
    if (executor.needsRefill) await executor.refill()
    simulation.step()
    fired++
  }
  if (kernel.now < endMs) simulation.run({ until: endMs })
  const busy = (): boolean =>
    simulation.platform.total.busy.value > 0 || simulation.invoker.inQueue > 0
  while (busy() && kernel.pending > 0) {
    if (executor.needsRefill) await executor.refill()
    simulation.step()
    fired++
  }
  return fired
}
