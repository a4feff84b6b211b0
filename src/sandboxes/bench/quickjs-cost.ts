import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { createFunctionHost } from '../function-host'
import { newCappedQuickJS } from '../quickjs/wasm-module'
import type { WasmSource } from '../quickjs/wasm-module'

/** Medians of what the QuickJS sandbox costs in wall time, ms. */
export interface QuickJSCost {
  /** New environment (own wasm instance) + INIT + first invocation, through the function host. */
  coldStartMs: number
  /** One warm invocation through the function host (record and log lines included). */
  warmInvokeMs: number
  /** The floor: calling the same async handler directly in a bare QuickJS context. */
  bareCallMs: number
  samples: { cold: number; warm: number }
}

const HANDLER =
  'let n = 0\nexport const handler = async (event) => ({ statusCode: 200, n: ++n, echo: event.a })'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function bareCall(wasm: WasmSource, samples: number): Promise<number> {
  const { module } = await newCappedQuickJS(wasm, 128)
  const rt = module.newRuntime()
  const ctx = rt.newContext()
  const fn = ctx.unwrapResult(
    ctx.evalCode('(async (e) => JSON.stringify({ statusCode: 200, echo: JSON.parse(e).a }))'),
  )
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const start = performance.now()
    const arg = ctx.newString('{"a":1}')
    const promise = ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, arg))
    rt.executePendingJobs()
    const state = ctx.getPromiseState(promise)
    if (state.type === 'fulfilled') state.value.dispose()
    promise.dispose()
    arg.dispose()
    times.push(performance.now() - start)
  }
  fn.dispose()
  ctx.dispose()
  rt.dispose()
  return median(times)
}

/**
 * Measures a cold start and a warm invocation of a small async handler, and the bare-call floor,
 * as medians over many samples. For benchmarks only: tests never assert on time.
 */
export async function measureQuickJSCost(
  wasm: WasmSource,
  { cold = 300, warm = 2000 }: { cold?: number; warm?: number } = {},
): Promise<QuickJSCost> {
  const host = createFunctionHost({ wasm, seed: 1 })
  await host.deploy({ config: defaultFunctionConfig(), code: HANDLER, language: 'javascript' })
  await host.invoke('{"a":1}')
  const coldTimes: number[] = []
  for (let i = 0; i < cold; i++) {
    await host.resetEnvironments()
    const start = performance.now()
    await host.invoke('{"a":1}')
    coldTimes.push(performance.now() - start)
  }
  const warmTimes: number[] = []
  for (let i = 0; i < warm; i++) {
    const start = performance.now()
    await host.invoke('{"a":1}')
    warmTimes.push(performance.now() - start)
  }
  await host.dispose()
  return {
    coldStartMs: median(coldTimes),
    warmInvokeMs: median(warmTimes),
    bareCallMs: await bareCall(wasm, warm),
    samples: { cold, warm },
  }
}
