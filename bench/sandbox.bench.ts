/**
 * `npm run bench -- sandbox`: what the QuickJS sandbox costs in Node, as ratios to floors measured
 * in the same run.
 *
 * 1. Warm invocation of a trivial async handler through the function host (request checks,
 *    shim, event loop, memory peak, record and CloudWatch lines) against the floor: a bare call
 *    of the same kind of handler in a bare QuickJS context (`measureQuickJSCost`). Issue 4's
 *    goals: ≤ 1.5× the floor and ≥ 50,000 warm invocations/s.
 * 2. Cold start (new environment + INIT + first invocation) with the host's spare sandbox ready
 *    (POOLED: the wasm instance, runtime, context and runtime shim were made ahead of time; the
 *    figure is INIT + the invocation + the host's work), and without the spare (everything on
 *    the critical path), against a bare wasm instance + runtime + context + module evaluation.
 *    Goal: < 1 ms.
 * 3. Where the warm path's time goes: the host's methods are wrapped with timers (this process
 *    only) to split one invocation into guest calls, microtask drains, the memory reading and the
 *    host's own work; then the exact memory reading alone, on a small heap and on a large one,
 *    against reading the wasm heap's size, and how often the high-water rule (`MemoryPeak`)
 *    takes it.
 * 4. The tick clock (guest CPU counted from QuickJS's interrupt polls, guest-clock.ts): a busy
 *    loop of 200 ticks run as a sandbox segment (the interrupt handler counts every tick) against
 *    the same loop in a runtime with no handler, and the Duration the trivial handler reports.
 *
 * Prints a table and writes bench/results/sandbox.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultFunctionConfig } from '../src/core/lambda/function-config'
import { measureQuickJSCost } from '../src/sandboxes/bench/quickjs-cost'
import { createFunctionHost } from '../src/sandboxes/function-host'
import { GuestVm } from '../src/sandboxes/quickjs/guest-vm'
import { nodeWasmSource } from '../src/sandboxes/quickjs/load-quickjs-node'
import { QuickJSEnvironment } from '../src/sandboxes/quickjs/quickjs-environment'
import { configureShim, installShim } from '../src/sandboxes/quickjs/shim-bridge'
import { BOOTSTRAP_SOURCE } from '../src/sandboxes/runtime/bootstrap'
import { lambdaEnvironment } from '../src/core/lambda/function-config'
import { POLLS_PER_TICK } from '../src/sandboxes/quickjs/poll-counter'
import { MS_PER_TICK } from '../src/sandboxes/quickjs/tick-calibration'
import { newCappedQuickJS } from '../src/sandboxes/quickjs/wasm-module'
import { prepareModule } from '../src/sandboxes/prepare-module'

const HANDLER =
  'let n = 0\nexport const handler = async (event) => ({ statusCode: 200, n: ++n, echo: event.a })'
/** The same handler keeping 100,000 small objects alive between invocations. */
const BIG_HEAP_HANDLER = `const kept = Array.from({ length: 100000 }, (_, i) => ({ i }))\n${HANDLER}`

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function medianOf(samples: number, fn: () => unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return median(times)
}

/** Bare cold floor: wasm instance + runtime + context + module eval + one call (no shim). */
async function bareCold(
  samples: number,
): Promise<{ withInstanceMs: number; noInstanceMs: number }> {
  const run = async (fresh: boolean, shared: Awaited<ReturnType<typeof newCappedQuickJS>>) => {
    const { module } = fresh ? await newCappedQuickJS(nodeWasmSource, 128) : shared
    const rt = module.newRuntime()
    const ctx = rt.newContext()
    const ns = ctx.unwrapResult(ctx.evalCode(HANDLER, 'index.mjs', { type: 'module' }))
    const handler = ctx.getProp(ns, 'handler')
    const arg = ctx.unwrapResult(ctx.evalCode('({ a: 1 })'))
    const promise = ctx.unwrapResult(ctx.callFunction(handler, ctx.undefined, arg))
    rt.executePendingJobs()
    for (const h of [promise, arg, handler, ns]) h.dispose()
    ctx.dispose()
    rt.dispose()
  }
  const shared = await newCappedQuickJS(nodeWasmSource, 128)
  await run(true, shared)
  return {
    withInstanceMs: await medianOf(samples, () => run(true, shared)),
    noInstanceMs: await medianOf(samples, () => run(false, shared)),
  }
}

type Buckets = Record<string, number>

/** Wraps `proto[name]` to add its wall time to `buckets[label]`; returns the restore function. */
function timeMethod(proto: object, name: string, label: string, buckets: Buckets): () => void {
  const target = proto as Record<string, (...args: unknown[]) => unknown>
  const original = target[name]
  if (typeof original !== 'function') throw new Error(`no method ${name}`)
  target[name] = function (this: unknown, ...args: unknown[]) {
    const start = performance.now()
    const add = () => void (buckets[label] = (buckets[label] ?? 0) + performance.now() - start)
    const result = original.apply(this, args)
    // An async method counts until its promise settles.
    if (result instanceof Promise) return result.finally(add)
    add()
    return result
  }
  return () => void (target[name] = original)
}

async function warmHost(code: string) {
  const host = createFunctionHost({ wasm: nodeWasmSource, seed: 1, spare: false })
  await host.deploy({ config: defaultFunctionConfig(), code, language: 'javascript' })
  for (let i = 0; i < 200; i++) await host.invoke('{"a":1}')
  return host
}

/** Microseconds per warm invocation spent in each part, over `n` invocations. */
async function warmBreakdown(n: number): Promise<Buckets> {
  const host = await warmHost(HANDLER)
  const buckets: Buckets = {}
  const vm = GuestVm.prototype
  const restore = [
    timeMethod(QuickJSEnvironment.prototype, 'invoke', 'environment invoke', buckets),
    timeMethod(vm, 'call', 'guest calls (invoke, poll)', buckets),
    timeMethod(vm, 'drainJobs', 'microtask drains', buckets),
    timeMethod(vm, 'memoryUsedBytes', 'exact memory readings (when due), averaged', buckets),
  ]
  const start = performance.now()
  for (let i = 0; i < n; i++) await host.invoke('{"a":1}')
  const total = performance.now() - start
  for (const r of restore) r()
  await host.dispose()
  const us = (ms: number) => (ms * 1000) / n
  const env = buckets['environment invoke'] ?? 0
  const inner =
    (buckets['guest calls (invoke, poll)'] ?? 0) +
    (buckets['microtask drains'] ?? 0) +
    (buckets['exact memory readings (when due), averaged'] ?? 0)
  const out: Buckets = { 'whole invocation (timers on)': us(total) }
  for (const [k, v] of Object.entries(buckets)) if (k !== 'environment invoke') out[k] = us(v)
  out['rest of the environment (JSON, log buffer, clock)'] = us(env - inner)
  out['function host (checks, request id, record, lines)'] = us(total - env)
  return out
}

/** The memory reading alone on a warm environment's VM, small heap vs 100,000 live objects. */
async function memoryReading(samples: number) {
  const measure = async (code: string) => {
    const host = await warmHost(code)
    const seen: GuestVm[] = []
    // The environment's VM, caught in the act of draining microtasks.
    const vmProto = GuestVm.prototype as unknown as { drainJobs: () => void }
    const drain = vmProto.drainJobs
    vmProto.drainJobs = function (this: GuestVm) {
      seen.push(this)
      drain.call(this)
    }
    await host.invoke('{"a":1}')
    vmProto.drainJobs = drain
    const proto = GuestVm.prototype as unknown as { memoryUsedBytes: () => number | undefined }
    const original = proto.memoryUsedBytes
    const found = seen[0]
    if (!found) throw new Error('no VM seen')
    const readingUs = (await medianOf(samples, () => found.memoryUsedBytes())) * 1000
    let exact = 0
    proto.memoryUsedBytes = function (this: GuestVm) {
      exact++
      return original.call(this)
    }
    const warmUs = (await medianOf(samples, () => host.invoke('{"a":1}'))) * 1000
    proto.memoryUsedBytes = original
    const exactPer1000 = (exact * 1000) / samples
    const heapMB = (found.memoryUsedBytes() ?? 0) / (1024 * 1024)
    await host.dispose()
    return { readingUs, warmUs, heapMB, exactPer1000 }
  }
  const small = await measure(HANDLER)
  const big = await measure(BIG_HEAP_HANDLER)
  const { memory } = await newCappedQuickJS(nodeWasmSource, 128)
  let sink = 0
  // Milliseconds for 1,000 reads = microseconds per read.
  const bufferUs = await medianOf(samples, () => {
    for (let i = 0; i < 1000; i++) sink += memory.buffer.byteLength
  })
  if (sink === 0) throw new Error('no wasm heap')
  return { small, big, wasmHeapSizeReadUs: bufferUs }
}

/**
 * What the tick clock costs. The interrupt handler's own work per tick (count the tick, check
 * the memory cap, the deadline on the tick clock and the wall backstop), called directly inside
 * a segment; and a loop of 1,000,000 iterations (2,000,000 polls, 200 ticks) as a sandbox
 * segment against the same loop in a runtime of the same instance with no handler, the two
 * sampled in turn. Also the Duration a warm invocation of the trivial handler reports (the same
 * on every machine).
 */
async function tickClock(samples: number) {
  const code = 'for (let i = 0; i < 1000000; i++) {}'
  const wasm = await newCappedQuickJS(nodeWasmSource, 128)
  const vm = new GuestVm(wasm, 0)
  const bare = wasm.module.newRuntime().newContext()
  const run = (ctx: typeof bare) => {
    const result = ctx.evalCode(code)
    if (result.error) result.error.dispose()
    else result.value.dispose()
  }
  const polls = vm.counter.polls()
  vm.guard(() => run(vm.ctx))
  const ticks = (vm.counter.polls() - polls) / POLLS_PER_TICK
  const withHandler: number[] = []
  const noHandler: number[] = []
  for (let i = 0; i < samples; i++) {
    withHandler.push(await medianOf(1, () => vm.guard(() => run(vm.ctx))))
    noHandler.push(await medianOf(1, () => run(bare)))
  }
  const handler = (vm.runtime as unknown as { interruptHandler: (rt: unknown) => boolean })
    .interruptHandler
  const calls = 100_000
  const handlerMs = vm.clock.segment(() => {
    const start = performance.now()
    for (let i = 0; i < calls; i++) handler(vm.runtime)
    return performance.now() - start
  })
  const host = await warmHost(HANDLER)
  const record = await host.invoke('{"a":1}')
  await host.dispose()
  return {
    ticks,
    withHandlerMs: median(withHandler),
    noHandlerMs: median(noHandler),
    handlerUsPerCall: (handlerMs * 1000) / calls,
    trivialWarmDurationMs: record.status === 'rejected' ? Number.NaN : record.durationMs,
  }
}

/** A host whose next invocation is cold; with `spare`, its spare sandbox is ready. */
async function coldHost(spare: boolean) {
  const host = createFunctionHost({ wasm: nodeWasmSource, seed: 1, spare })
  await host.deploy({ config: defaultFunctionConfig(), code: HANDLER, language: 'javascript' })
  await host.invoke('{"a":1}')
  const next = async () => {
    await host.resetEnvironments()
    // The spare is made on a later task after each cold start; a person's next click (or the
    // simulation's next event) comes long after it.
    await host.spareReady()
  }
  return { host, next }
}

/** Median cold start through the host, with the spare sandbox ready or without one. */
async function coldStart(samples: number, spare: boolean): Promise<number> {
  const { host, next } = await coldHost(spare)
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    await next()
    const start = performance.now()
    await host.invoke('{"a":1}')
    times.push(performance.now() - start)
  }
  await host.dispose()
  return median(times)
}

/** Splits a cold start: environment creation or opening, INIT, first invocation (means). */
async function coldBreakdown(samples: number, spare: boolean): Promise<Buckets> {
  const { host, next } = await coldHost(spare)
  const buckets: Buckets = {}
  const env = QuickJSEnvironment.prototype
  const restore = [
    timeMethod(QuickJSEnvironment, 'create', 'environment creation (instance, VM, shim)', buckets),
    timeMethod(QuickJSEnvironment, 'openPrepared', 'opening the spare (env, clock)', buckets),
    timeMethod(env, 'init', 'INIT (module eval, handler resolution)', buckets),
    timeMethod(env, 'invoke', 'first invocation (environment)', buckets),
  ]
  let total = 0
  for (let i = 0; i < samples; i++) {
    await next()
    const start = performance.now()
    await host.invoke('{"a":1}')
    total += performance.now() - start
  }
  for (const r of restore) r()
  await host.dispose()
  const us = (ms: number) => (ms * 1000) / samples
  const out: Buckets = { 'whole cold invocation (timers on)': us(total) }
  for (const [k, v] of Object.entries(buckets)) out[k] = us(v)
  return out
}

/** Medians of the steps of preparing a sandbox by hand: instance, VM, shim, configuration. */
async function creationSplit(samples: number): Promise<Buckets> {
  const config = defaultFunctionConfig()
  const env = lambdaEnvironment(config, '2026/11/26/[$LATEST]0')
  const steps = { instance: [] as number[], vm: [] as number[], shim: [] as number[] }
  const configure: number[] = []
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now()
    const wasm = await newCappedQuickJS(nodeWasmSource, config.memoryMB)
    const t1 = performance.now()
    const vm = new GuestVm(wasm, 0)
    const t2 = performance.now()
    const shim = installShim(vm, config, { log: () => {} })
    const t3 = performance.now()
    configureShim(vm, shim, env, {
      functionVersion: '$LATEST',
      functionName: config.name,
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/x',
      logStreamName: 's',
      invokedFunctionArn: 'arn',
    })
    configure.push(performance.now() - t3)
    steps.instance.push(t1 - t0)
    steps.vm.push(t2 - t1)
    steps.shim.push(t3 - t2)
  }
  return {
    'wasm instance + own memory': median(steps.instance) * 1000,
    'runtime + context + limits (GuestVm)': median(steps.vm) * 1000,
    [`runtime shim install (bootstrap, ${Math.round(BOOTSTRAP_SOURCE.length / 1024)} KiB of JS)`]:
      median(steps.shim) * 1000,
    'opening: environment variables and clock origin (configureShim)': median(configure) * 1000,
  }
}

/**
 * Issue 4: memory per idle QuickJS environment and how many fit (goal: 1,000 idle environments
 * under 128 MB). `n` environments are created, initialised and invoked once, then kept idle;
 * the process's resident memory and V8's external memory (the wasm heaps) are read before and
 * after, then again once they are disposed. Resident memory counts the pages the environments
 * touched, not the address space each wasm memory reserves.
 */
async function idleEnvironments(n: number) {
  const config = { ...defaultFunctionConfig(), memoryMB: 128 }
  const prepared = await prepareModule({ config, code: HANDLER, language: 'javascript' })
  if (!prepared.ok) throw new Error('the idle-environment handler did not prepare')
  const read = () => {
    const m = process.memoryUsage()
    return { rssMB: m.rss / 2 ** 20, externalMB: (m.external + m.arrayBuffers) / 2 ** 20 }
  }
  const before = read()
  const envs: QuickJSEnvironment[] = []
  for (let i = 0; i < n; i++) {
    const env = await QuickJSEnvironment.create(
      { config, module: prepared.module, logStreamName: `idle-${i}`, createdAt: 0 },
      nodeWasmSource,
    )
    env.init()
    env.invoke(`req-${i}`, '{"a":1}', 0)
    envs.push(env)
  }
  const idle = read()
  for (const env of envs) env.dispose()
  envs.length = 0
  await new Promise((resolve) => setTimeout(resolve, 100))
  const after = read()
  return {
    environments: n,
    rssMB: { before: before.rssMB, idle: idle.rssMB, disposed: after.rssMB },
    externalMB: { before: before.externalMB, idle: idle.externalMB, disposed: after.externalMB },
    rssPerEnvironmentMB: (idle.rssMB - before.rssMB) / n,
  }
}

async function measureAll() {
  // First, as the figure before the spare existed was (later, 200 dropped instances' memories
  // make instantiation slower). measureQuickJSCost's own cold figure is not used.
  const unpooledMs = await coldStart(200, false)
  const cost = await measureQuickJSCost(nodeWasmSource, { cold: 1, warm: 5000 })
  const bare = await bareCold(200)
  const warmSplitUs = await warmBreakdown(5000)
  const memoryReadingUs = await memoryReading(2000)
  const pooledMs = await coldStart(200, true)
  const pooledSplitUs = await coldBreakdown(200, true)
  const unpooledSplitUs = await coldBreakdown(200, false)
  const creationMedianUs = await creationSplit(200)
  const ticks = await tickClock(50)
  const idle = await idleEnvironments(1000)
  return {
    idle,
    date: new Date().toISOString(),
    node: process.version,
    warm: {
      invokeMs: cost.warmInvokeMs,
      floorMs: cost.bareCallMs,
      ratioToFloor: cost.warmInvokeMs / cost.bareCallMs,
      invocationsPerSecond: Math.round(1000 / cost.warmInvokeMs),
      splitUs: warmSplitUs,
    },
    cold: {
      pooled: "wasm instance + runtime + context + runtime shim (the host's spare sandbox)",
      coldStartMs: pooledMs,
      unpooledColdStartMs: unpooledMs,
      bareWithInstanceMs: bare.withInstanceMs,
      bareWithoutInstanceMs: bare.noInstanceMs,
      ratioToFloor: pooledMs / bare.withInstanceMs,
      unpooledRatioToFloor: unpooledMs / bare.withInstanceMs,
      pooledSplitUs,
      unpooledSplitUs,
      creationMedianUs,
    },
    memoryReadingUs,
    tickClock: ticks,
    samples: { cold: 200, warm: cost.samples.warm, tickLoop: 50 },
  }
}

function rows(r: Awaited<ReturnType<typeof measureAll>>): [string, string, string][] {
  const fmt = (n: number, d = 1) => n.toFixed(d)
  const split = (prefix: string, b: Buckets) =>
    Object.entries(b).map(([k, v]): [string, string, string] => [
      `  ${prefix}: ${k}, µs`,
      fmt(v),
      '',
    ])
  const m = r.memoryReadingUs
  const c = r.cold
  const t = r.tickClock
  return [
    ['warm invocation through the host, µs (median)', fmt(r.warm.invokeMs * 1000), ''],
    ['floor: bare call in a bare QuickJS context, µs', fmt(r.warm.floorMs * 1000), ''],
    ['warm / floor', fmt(r.warm.ratioToFloor, 2), 'goal ≤ 1.5'],
    [
      'warm invocations / s (1 / median)',
      r.warm.invocationsPerSecond.toLocaleString('en-US'),
      'goal ≥ 50,000',
    ],
    ...split('warm split', r.warm.splitUs),
    [
      'exact memory reading, small heap, µs',
      fmt(m.small.readingUs),
      `heap ${fmt(m.small.heapMB)} MB`,
    ],
    [
      'exact memory reading, 100,000 live objects, µs',
      fmt(m.big.readingUs),
      `heap ${fmt(m.big.heapMB)} MB`,
    ],
    ['  exact readings per 1,000 warm invocations, small heap', fmt(m.small.exactPer1000), ''],
    ['  exact readings per 1,000 warm invocations, 100,000 objects', fmt(m.big.exactPer1000), ''],
    ['warm invocation, small heap (this pass), µs', fmt(m.small.warmUs), ''],
    ['warm invocation, 100,000 live objects, µs', fmt(m.big.warmUs), ''],
    ['reading the wasm heap size (buffer.byteLength), µs', fmt(m.wasmHeapSizeReadUs, 4), ''],
    [
      'cold start, spare sandbox ready (INIT + first invocation), ms',
      fmt(c.coldStartMs, 3),
      'goal < 1; POOLED: instance + runtime + context + shim',
    ],
    [
      'cold start, no spare (everything on the critical path), ms',
      fmt(c.unpooledColdStartMs, 3),
      '',
    ],
    [
      'floor: bare instance + runtime + context + module eval, ms',
      fmt(c.bareWithInstanceMs, 3),
      '',
    ],
    ['cold (spare ready) / floor', fmt(c.ratioToFloor, 2), ''],
    ['cold (no spare) / floor', fmt(c.unpooledRatioToFloor, 2), ''],
    [
      'bare runtime + context + module eval (no new instance), ms',
      fmt(c.bareWithoutInstanceMs, 3),
      '',
    ],
    ...split('cold split, spare ready', c.pooledSplitUs),
    ...split('cold split, no spare', c.unpooledSplitUs),
    ...split('sandbox preparation, median', c.creationMedianUs),
    [
      `busy loop of ${fmt(t.ticks, 0)} ticks, sandbox segment (handler counts ticks), ms`,
      fmt(t.withHandlerMs, 2),
      '',
    ],
    [`busy loop of ${fmt(t.ticks, 0)} ticks, no interrupt handler, ms`, fmt(t.noHandlerMs, 2), ''],
    ['interrupt handler, JS side, µs per tick (called directly)', fmt(t.handlerUsPerCall, 3), ''],
    [
      `${r.idle.environments} idle environments (128 MB each): resident memory added, MB`,
      fmt(r.idle.rssMB.idle - r.idle.rssMB.before, 1),
      `goal < 128; ${fmt(r.idle.rssPerEnvironmentMB * 1024, 0)} KB each; after disposing: ${fmt(r.idle.rssMB.disposed - r.idle.rssMB.before, 1)} MB`,
    ],
    [
      'Duration of a trivial warm invocation (tick clock), ms',
      fmt(t.trivialWarmDurationMs, 4),
      `MS_PER_TICK ${MS_PER_TICK}`,
    ],
  ]
}

const result = await measureAll()
const table = rows(result)
const width = Math.max(...table.map((r) => r[0].length))
for (const [name, value, goal] of table)
  console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${goal}`)
const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'sandbox.json'), `${JSON.stringify(result, null, 2)}\n`)
