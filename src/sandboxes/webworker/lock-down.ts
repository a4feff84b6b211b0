/**
 * A call into the runtime shim that may run user code: the tick runs it at the bottom of its own
 * stack, so no frame of the worker program sits below user frames in a stack trace.
 */
export interface Job {
  fn: unknown
  args: unknown[]
  onReturn?: (value: unknown) => void
  onThrow: (error: unknown) => void
}

/**
 * What the environment's worker keeps for itself before user code can touch the globals: the
 * real clock, a private macrotask, `eval`, dynamic `import()`, blob URLs and the global event
 * listener. Bound copies, so later changes to prototypes (`Function.prototype.call`,
 * `MessagePort.prototype.postMessage`) cannot reach them.
 */
export interface Primitives {
  wallNow: () => number
  /**
   * Sets what the next macrotask does (all microtasks queued before it have run by then): `step`
   * does the worker's bookkeeping and may return a job, which the tick then runs; after a job,
   * another tick follows (to drain the job's microtasks and call the next step).
   */
  later: (step: () => Job | undefined) => void
  /** Runs `step` as `later` does, but after `ms` of wall time; returns a cancel function. */
  wait: (ms: number, step: () => Job | undefined) => () => void
  /** Sets the step of the tick that follows a job (a step that returns a job calls this). */
  afterJob: (step: () => Job | undefined) => void
  /**
   * A message handler that runs `step(event)` and then the job it returns, as a tick does (for
   * the page's port: an invocation starts without waiting for a tick).
   */
  entry: (step: (event: MessageEvent) => Job | undefined) => (event: MessageEvent) => void
  /** Indirect (global) eval. */
  evaluate: (source: string) => unknown
  importModule: (url: string) => Promise<unknown>
  /** Runs a classic script from a URL (`importScripts`), where the worker has it. */
  runScript: ((url: string) => void) | undefined
  blobUrl: (text: string) => string
  listen: (type: string, listener: (event: Event) => void) => void
}

/**
 * Runs first in the environment's worker (turned into text: it may use nothing from this
 * module's scope). Captures the primitives, then removes what user code must not reach: the
 * ways out of the sandbox (network, storage, other workers and channels, the worker's own
 * message endpoint) and real time sources that would bypass the virtual clock. The frame's CSP
 * blocks the network as well; this makes the APIs absent, as they would be for the QuickJS kind.
 * Names the shim replaces get plain writable properties (`crypto` is a getter in workers).
 */
export function lockDown(): Primitives {
  const G = globalThis as unknown as Record<string, unknown>
  const perf = performance
  const wallNow = perf.now.bind(perf)
  const realSetTimeout = setTimeout.bind(globalThis)
  const realClearTimeout = clearTimeout.bind(globalThis)
  // Called through a variable, eval is indirect: global scope, never this function's.
  const globalEval = eval
  const evaluate = (source: string): unknown => globalEval(source)
  const channel = new MessageChannel()
  const post = channel.port2.postMessage.bind(channel.port2, null)
  let next: (() => Job | undefined) | undefined
  const step = (): Job | undefined => {
    const fn = next
    next = undefined
    return fn ? fn() : undefined
  }
  // The tick is compiled under the shim's file name and is the only frame below the shim when
  // user code runs: Node-style stacks drop it, as they drop the shim's own frames.
  const makeEntry = evaluate(
    `(function (apply, post) {
      'use strict'
      return function lambdaRuntimeEntry(step) {
        return function lambdaRuntimeTick(event) {
          const job = step(event)
          if (job === undefined) return
          let value
          try { value = apply(job.fn, undefined, job.args) } catch (error) { job.onThrow(error); post(); return }
          if (job.onReturn) job.onReturn(value)
          post()
        }
      }
    })\n//# sourceURL=lambda-runtime:bootstrap.js`,
  ) as (apply: typeof Reflect.apply, post: () => void) => Primitives['entry']
  const entry = makeEntry(Reflect.apply, post)
  channel.port1.onmessage = entry(step)
  const importModule = evaluate('(url) => import(url)') as (url: string) => Promise<unknown>
  const scripts = G.importScripts
  const runScript =
    typeof scripts === 'function' ? (scripts.bind(globalThis) as (url: string) => void) : undefined
  const createUrl = URL.createObjectURL.bind(URL)
  const BlobClass = Blob
  const primitives: Primitives = {
    wallNow,
    later: (fn) => {
      next = fn
      post()
    },
    wait: (ms, fn) => {
      const id = realSetTimeout(() => {
        next = fn
        post()
      }, ms)
      return () => realClearTimeout(id)
    },
    afterJob: (fn) => {
      next = fn
    },
    entry,
    evaluate,
    importModule,
    runScript,
    blobUrl: (text) => createUrl(new BlobClass([text], { type: 'text/javascript' })),
    listen: addEventListener.bind(globalThis) as Primitives['listen'],
  }
  const banned = [
    'importScripts',
    'fetch',
    'XMLHttpRequest',
    'WebSocket',
    'WebSocketStream',
    'WebTransport',
    'EventSource',
    'BroadcastChannel',
    'indexedDB',
    'caches',
    'cookieStore',
    'Worker',
    'SharedWorker',
    'navigator',
    'postMessage',
    'onmessage',
    'onmessageerror',
    'close',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'scheduler',
    'webkitRequestFileSystem',
    'webkitRequestFileSystemSync',
    'webkitResolveLocalFileSystemURL',
    'webkitResolveLocalFileSystemSyncURL',
  ]
  for (const name of banned) {
    for (let o: object | null = G; o; o = Object.getPrototypeOf(o)) {
      if (Object.prototype.hasOwnProperty.call(o, name)) Reflect.deleteProperty(o, name)
    }
  }
  const replaced = ['crypto', 'performance', 'setTimeout', 'setInterval', 'clearTimeout']
  for (const name of [...replaced, 'clearInterval', 'queueMicrotask']) {
    Object.defineProperty(G, name, { value: G[name], writable: true, configurable: true })
  }
  return primitives
}
