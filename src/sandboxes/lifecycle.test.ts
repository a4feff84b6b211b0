import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../core/lambda/function-config'
import { nodeWasmSource } from './quickjs/load-quickjs-node'
import { createFunctionHost } from './function-host'
import { QuickJSEnvironment } from './quickjs/quickjs-environment'
import type { InvocationRecord } from './types'
import { deployed, disposeHosts, invoked, messages, response } from './testing'

// Every environment a test created must free cleanly: a leaked QuickJS handle fails the test.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

/** `gc()` without starting Node with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

const COUNTER = 'let count = 0\nexport const handler = async () => ++count'

describe('execution environments', () => {
  it('warm invocations reuse environment 1 and keep its globals; only the first is cold', async () => {
    const host = await deployed(COUNTER)
    const records = [await invoked(host), await invoked(host), await invoked(host)]
    expect(records.map((r) => [r.environmentId, r.cold, response(r)])).toEqual([
      [1, true, 1],
      [1, false, 2],
      [1, false, 3],
    ])
    expect(await host.environments()).toEqual([
      expect.objectContaining({ environmentId: 1, state: 'idle', invocations: 3 }),
    ])
  })

  it('resetEnvironments: the next invocation is cold in environment 2 with fresh state', async () => {
    const host = await deployed(COUNTER)
    await invoked(host)
    await invoked(host)
    await host.resetEnvironments()
    expect(await host.environments()).toEqual([])
    const next = await invoked(host)
    expect([next.environmentId, next.cold, response(next)]).toEqual([2, true, 1])
  })

  it('a redeploy with changed code or configuration discards environments; the same deployment does not', async () => {
    const host = await deployed(COUNTER)
    const config = { ...defaultFunctionConfig(), timeoutSeconds: 1 }
    await invoked(host)
    await host.deploy({ config, code: COUNTER, language: 'javascript' })
    expect((await invoked(host)).cold).toBe(false)
    await host.deploy({
      config: { ...config, memoryMB: 256 },
      code: COUNTER,
      language: 'javascript',
    })
    const afterConfig = await invoked(host)
    expect([afterConfig.cold, response(afterConfig)]).toEqual([true, 1])
    await host.deploy({
      config: { ...config, memoryMB: 256 },
      code: `${COUNTER}\n`,
      language: 'javascript',
    })
    expect((await invoked(host)).cold).toBe(true)
  })

  it('two overlapping invocations need two environments, as concurrent requests do on Lambda', async () => {
    const host = await deployed(COUNTER)
    const [a, b] = await Promise.all([invoked(host), invoked(host)])
    expect([a.environmentId, b.environmentId].sort()).toEqual([1, 2])
    expect([a.cold, b.cold]).toEqual([true, true])
  })

  it('disposes 200 environments cleanly (no handle leaks), and their wasm memories are garbage-collected', async () => {
    const gc = exposeGc()
    const config = defaultFunctionConfig()
    const module = {
      code: 'const cache = new Map()\nexport const handler = async (e) => { cache.set(1, e); setTimeout(() => {}, 5000); return cache.size }',
      kind: 'esm' as const,
      handler: 'index.handler',
    }
    let clean = 0
    let collected = 0
    const registry = new FinalizationRegistry(() => collected++)
    for (let i = 0; i < 200; i++) {
      const env = await QuickJSEnvironment.create(
        { config, module, logStreamName: 'stream', createdAt: Date.now() },
        nodeWasmSource,
      )
      registry.register(env.wasmMemory, i)
      env.init()
      env.invoke(`req-${i}`, '{"a":1}', Date.now())
      // Even ones are freed explicitly (proves no handle leak); odd ones dropped as in production.
      if (i % 2 === 1) env.dispose()
      else if (env.dispose(true)) clean++
    }
    expect(clean).toBe(100)
    for (let round = 0; round < 10 && collected < 200; round++) {
      gc()
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // Finalization is up to the garbage collector; nearly all must be gone, none may be pinned.
    expect(collected).toBeGreaterThanOrEqual(190)
  })
})

describe('sandbox limits the record states', () => {
  it('memory above the 2 GiB a wasm32 heap holds runs capped, with a notice', async () => {
    const host = await deployed('export const handler = async () => 1', { memoryMB: 4096 })
    const record = await invoked(host)
    expect(record.memorySizeMB).toBe(4096)
    expect(record.notices).toEqual([expect.stringMatching(/capped at 2048 MB/)])
  })

  it('an environment that cannot be created fails the invocation, and the host keeps working', async () => {
    let failNext = true
    const host = createFunctionHost({
      wasm: () => {
        if (!failNext) return nodeWasmSource()
        failNext = false
        return Promise.reject(new RangeError('WebAssembly.Memory(): could not allocate memory'))
      },
    })
    await host.deploy({ config: defaultFunctionConfig(), code: COUNTER, language: 'javascript' })
    const failed = (await host.invoke('{}')) as InvocationRecord
    expect(failed.error?.errorType).toBe('Runtime.Unknown')
    expect(failed.notices?.[0]).toMatch(/could not create an execution environment: RangeError/)
    const next = (await host.invoke('{}')) as InvocationRecord
    expect([next.environmentId, next.cold, next.responseJson]).toEqual([2, true, '1'])
  })
})

describe('virtual time', () => {
  it('a 2 s sleep costs 2,000 ms of Duration; Date.now and performance.now move with it', async () => {
    const host = await deployed(
      `export const handler = async () => {
        const t0 = Date.now(), p0 = performance.now(), d0 = new Date().getTime()
        await new Promise((r) => setTimeout(r, 2000))
        return [Date.now() - t0, Math.round(performance.now() - p0), new Date().getTime() - d0]
      }`,
      { timeoutSeconds: 3 },
    )
    const record = await invoked(host)
    const [dateDelta, perfDelta, newDateDelta] = response(record) as number[]
    expect(dateDelta).toBeGreaterThanOrEqual(2000)
    expect(dateDelta).toBeLessThan(2050)
    expect(perfDelta).toBeGreaterThanOrEqual(2000)
    expect(newDateDelta).toBeGreaterThanOrEqual(2000)
    expect(record.durationMs).toBeGreaterThanOrEqual(2000)
    expect(record.durationMs).toBeLessThan(2100)
  })

  it('timers fire in time order; setInterval repeats until cleared; setImmediate runs before timers', async () => {
    const host = await deployed(
      `export const handler = async () => {
        const order = []
        const start = Date.now()
        const at = (label) => order.push(label + '@' + Math.round((Date.now() - start) / 100) * 100)
        setTimeout(() => at('b'), 300)
        setTimeout(() => at('a'), 100)
        setImmediate(() => at('immediate'))
        let ticks = 0
        const id = setInterval(() => { at('tick'); if (++ticks === 3) clearInterval(id) }, 250)
        const cancelled = setTimeout(() => at('never'), 200)
        clearTimeout(cancelled)
        await new Promise((r) => setTimeout(r, 1000))
        return order
      }`,
      { timeoutSeconds: 3 },
    )
    expect(response(await invoked(host))).toEqual([
      'immediate@0',
      'a@100',
      'tick@300',
      'b@300',
      'tick@500',
      'tick@800',
    ])
  })

  it('a handler that waits longer than the timeout on a timer is cut at the timeout', async () => {
    const host = await deployed(
      'export const handler = async () => { await new Promise((r) => setTimeout(r, 5000)); return 1 }',
      { timeoutSeconds: 2 },
    )
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('Sandbox.Timedout')
    expect(record.durationMs).toBe(2000)
  })

  it('the INIT phase runs on the same clock: a 300 ms top-level wait is 300 ms of Init Duration', async () => {
    const host = await deployed(
      'await new Promise((r) => setTimeout(r, 300))\nconsole.log("ready")\nexport const handler = async () => 1',
    )
    const record = await invoked(host)
    expect(record.initDurationMs).toBeGreaterThanOrEqual(300)
    expect(messages(record)).toEqual(['ready'])
  })
})
