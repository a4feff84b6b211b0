import { testFunction, testScenario } from '../../core/platform/testing'
import type { Scenario } from '../../core/scenario/types'
import { createSimulation } from '../../core/simulation'
import { createQuickJSExecutor } from '../quickjs/quickjs-executor'
import { runWithQuickJS } from '../quickjs/run-with-quickjs'
import type { WasmSource } from '../quickjs/wasm-module'

/** Wall µs per invocation of a whole simulation run (medians over runs). */
export interface ExecutorCost {
  /** The duration model: no code runs. */
  modeledUs: number
  /** Real code that returns at once: one `resume` per invocation. */
  realUs: number
  /** Real code that awaits a 10 ms timer: two `resume`s per invocation. */
  realWithTimerUs: number
  invocations: number
  runs: number
}

const RETURNS = 'let n = 0\nexport const handler = async (event) => ({ statusCode: 200, n: ++n })'
const WAITS =
  'let n = 0\nexport const handler = async (event) => {\n' +
  '  await new Promise((r) => setTimeout(r, 10))\n  return { statusCode: 200, n: ++n }\n}'

/** `count` requests 100 ms apart to one function: one cold start, then all warm. */
function scenarioOf(code: string | null, count: number): Scenario {
  const seconds = Array.from({ length: count }, (_, i) => i / 10)
  const fn = testFunction('bench', { code })
  return testScenario([fn], [{ function: 'bench', seconds }], {
    durationSeconds: Math.ceil(count / 10) + 1,
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function perInvocationUs(scenario: Scenario, wasm: WasmSource | null): Promise<number> {
  const count =
    scenario.traffic[0]?.arrivals.kind === 'list' ? scenario.traffic[0].arrivals.seconds.length : 1
  if (wasm === null) {
    const start = performance.now()
    createSimulation(scenario).run()
    return ((performance.now() - start) * 1000) / count
  }
  const executor = await createQuickJSExecutor(wasm, { functions: scenario.functions })
  const simulation = createSimulation(scenario, { executor })
  const start = performance.now()
  await runWithQuickJS(simulation, executor)
  return ((performance.now() - start) * 1000) / count
}

/**
 * What a real-code invocation costs through the executor port, driven by the core, next to a
 * modeled one: wall µs per invocation over whole runs (the first, cold one included).
 */
export async function measureExecutorCost(
  wasm: WasmSource,
  options: { invocations?: number; runs?: number } = {},
): Promise<ExecutorCost> {
  const invocations = options.invocations ?? 2000
  const runs = options.runs ?? 7
  const samples = { modeled: [] as number[], real: [] as number[], timer: [] as number[] }
  for (let i = 0; i < runs; i++) {
    samples.modeled.push(await perInvocationUs(scenarioOf(null, invocations), null))
    samples.real.push(await perInvocationUs(scenarioOf(RETURNS, invocations), wasm))
    samples.timer.push(await perInvocationUs(scenarioOf(WAITS, invocations), wasm))
  }
  return {
    modeledUs: median(samples.modeled),
    realUs: median(samples.real),
    realWithTimerUs: median(samples.timer),
    invocations,
    runs,
  }
}
