import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import type { InvocationRecord, InvokeRejection } from '../types'
import { deployed, disposeHosts, invoked, response } from '../testing'
import { HOSTILE_EVENT, expectWarmAndWorking, hostileHandler } from './harness'

// Hostile code, part 1: what user code can reach. Everything must stay inside the guest realm.
// Every environment a test created must free cleanly: a leaked QuickJS handle fails the test.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

/** Globals a QuickJS guest may have: ECMAScript built-ins plus the shim's Node-like globals. */
const ALLOWED_GLOBALS = new Set([
  // ECMAScript
  ...['AggregateError', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array'],
  ...['Boolean', 'DataView', 'Date', 'Error', 'EvalError', 'FinalizationRegistry'],
  ...['Float16Array', 'Float32Array', 'Float64Array', 'Function', 'Infinity', 'Int16Array'],
  ...['Int32Array', 'Int8Array', 'InternalError', 'Iterator', 'JSON', 'Map', 'Math', 'NaN'],
  ...['Number', 'Object', 'Promise', 'Proxy', 'RangeError', 'ReferenceError', 'Reflect'],
  ...['RegExp', 'Set', 'SharedArrayBuffer', 'String', 'Symbol', 'SyntaxError', 'TypeError'],
  ...['URIError', 'Uint16Array', 'Uint32Array', 'Uint8Array', 'Uint8ClampedArray', 'WeakMap'],
  ...['WeakRef', 'WeakSet', 'decodeURI', 'decodeURIComponent', 'encodeURI'],
  ...['encodeURIComponent', 'escape', 'eval', 'globalThis', 'isFinite', 'isNaN', 'parseFloat'],
  ...['parseInt', 'undefined', 'unescape'],
  // Node globals the shim provides (all guest-side code, on the virtual clock)
  ...['DOMException', 'TextDecoder', 'TextEncoder', 'atob', 'btoa', 'clearImmediate'],
  ...['clearInterval', 'clearTimeout', 'console', 'crypto', 'global', 'performance', 'process'],
  ...['queueMicrotask', 'setImmediate', 'setInterval', 'setTimeout', 'structuredClone'],
  // Node globals a later shim may add without reaching the host
  ...['Buffer', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'Event'],
  ...['EventTarget'],
])

/** Names that would mean a host object (browser, Node, quickjs-libc) leaked into the guest. */
const HOST_NAMES = [
  ...['window', 'self', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage'],
  ...['indexedDB', 'caches', 'parent', 'top', 'opener', 'frames', 'postMessage', 'onmessage'],
  ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'Worker'],
  ...['SharedWorker', 'BroadcastChannel', 'MessageChannel', 'WebAssembly', 'Atomics'],
  ...['require', 'module', '__filename', '__dirname', 'std', 'os', 'scriptArgs', 'print'],
  ...['Deno', 'Bun'],
]

describe('no host objects are reachable', () => {
  it('globalThis holds only ECMAScript built-ins and the shim’s guest-side Node globals', async () => {
    const host = await deployed(
      hostileHandler(`  return {
    names: Object.getOwnPropertyNames(globalThis),
    present: ${JSON.stringify(HOST_NAMES)}.filter((n) => typeof globalThis[n] !== 'undefined'),
    processHooks: ['binding', '_linkedBinding', 'dlopen', 'mainModule', 'openStdin', 'kill']
      .filter((n) => typeof process[n] !== 'undefined'),
  }`),
    )
    const seen = response(await host.invoke(HOSTILE_EVENT).then(checked)) as {
      names: string[]
      present: string[]
      processHooks: string[]
    }
    expect(seen.names.filter((name) => !ALLOWED_GLOBALS.has(name))).toEqual([])
    expect(seen.present).toEqual([])
    expect(seen.processHooks).toEqual([])
  })

  it('every route to a global object — constructor.constructor, eval, host-backed functions — yields the guest global', async () => {
    const host = await deployed(
      hostileHandler(`  const routes = {
    objectCtor: ({}).constructor.constructor('return this')(),
    functionCall: Function('return this')(),
    asyncCtor: await (async () => {}).constructor('return this')(),
    generatorCtor: (function* () {}).constructor('yield this')().next().value,
    directEval: eval('globalThis'),
    indirectEval: (0, eval)('this'),
    consoleLog: console.log.constructor('return this')(),
    timer: setTimeout.constructor('return this')(),
    dateNow: Date.now.constructor('return this')(),
    remaining: context.getRemainingTimeInMillis.constructor('return this')(),
    exit: process.exit.constructor('return this')(),
    errorCtor: new Error('x').constructor.constructor('return this')(),
  }
  return Object.entries(routes).map(([route, g]) => [route, g === globalThis, typeof g.window, typeof g.require, typeof g.document])`),
    )
    const routes = response(await host.invoke(HOSTILE_EVENT).then(checked)) as unknown[][]
    for (const [route, isGuestGlobal, ...hostTypes] of routes) {
      expect([route, isGuestGlobal, ...hostTypes]).toEqual([
        route,
        true,
        'undefined',
        'undefined',
        'undefined',
      ])
    }
  })

  it('require of Node built-ins throws MODULE_NOT_FOUND inside the guest (CommonJS)', async () => {
    const host = await deployed(
      `exports.handler = async () => ['fs', 'child_process', 'node:net', 'worker_threads', 'vm'].map((id) => {
        try { require(id); return id + ' loaded' } catch (e) { return e.code }
      })`,
    )
    expect(response(await invoked(host))).toEqual(Array(5).fill('MODULE_NOT_FOUND'))
  })

  it('dynamic import of Node built-ins and quickjs-libc modules rejects inside the guest', async () => {
    const host = await deployed(
      hostileHandler(`  const out = []
  for (const id of ['node:fs', 'fs', 'std', 'os', 'qjs:std', '/proc/self/environ']) {
    try { await import(id); out.push(id + ' loaded') } catch (e) { out.push(e instanceof Error) }
  }
  return out`),
    )
    expect(response(await host.invoke(HOSTILE_EVENT).then(checked))).toEqual(Array(6).fill(true))
  })

  it('a static import of a built-in fails INIT with Runtime.ImportModuleError', async () => {
    const host = await deployed("import { readFileSync } from 'fs'\nexport const handler = () => 1")
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).toMatch(/Cannot find (package|module) 'fs'/)
  })

  it('Atomics.wait cannot block: there is no Atomics in the guest (SharedArrayBuffer is inert)', async () => {
    const host = await deployed(
      hostileHandler(`  const cell = new Int32Array(new SharedArrayBuffer(4))
  try { Atomics.wait(cell, 0, 0); return 'returned' } catch (e) { return e.name }`),
    )
    expect(response(await host.invoke(HOSTILE_EVENT).then(checked))).toBe('ReferenceError')
  })
})

describe('prototype pollution', () => {
  const POLLUTE = hostileHandler(`  Object.prototype.polluted = 'yes'
  Array.prototype.push = function () { return -1 }
  JSON.parse = () => ({ forged: true })
  return 'polluted'`)
  const PROBE = `
export const probe = async () => [({}).polluted ?? 'clean', [].push(1), JSON.parse('{"a":1}').a ?? 'forged']`

  it('persists inside the same warm environment, as it does in a warm Lambda process', async () => {
    const host = await deployed(POLLUTE.replace("return 'ok'", 'return probe()') + PROBE)
    const polluting = await host.invoke(HOSTILE_EVENT).then(checked)
    const warm = await invoked(host)
    expect([warm.cold, warm.environmentId]).toEqual([false, polluting.environmentId])
    expect(response(warm)).toEqual(['yes', -1, 'forged'])
  })

  it('never reaches a new environment (after reset or redeploy) nor the host realm', async () => {
    const code = POLLUTE.replace("return 'ok'", 'return probe()') + PROBE
    const host = await deployed(code)
    await host.invoke(HOSTILE_EVENT).then(checked)
    await host.resetEnvironments()
    const afterReset = await invoked(host)
    expect([afterReset.cold, response(afterReset)]).toEqual([true, ['clean', 1, 1]])
    await host.invoke(HOSTILE_EVENT).then(checked)
    await host.deploy({
      config: { ...defaultFunctionConfig(), timeoutSeconds: 2 },
      code,
      language: 'javascript',
    })
    const afterRedeploy = await invoked(host)
    expect([afterRedeploy.cold, response(afterRedeploy)]).toEqual([true, ['clean', 1, 1]])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('__proto__ and constructor keys in the event are plain own properties (JSON.parse semantics)', async () => {
    const host = await deployed(`export const handler = async (event) => ({
      keys: Object.keys(event),
      prototypeUntouched: Object.getPrototypeOf(event) === Object.prototype,
      eventAdmin: event.admin ?? null,
      plainAdmin: ({}).admin ?? null,
      ownProto: JSON.stringify(event.__proto__),
    })`)
    const record = await host.invoke(
      '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
    )
    expect(response(checked(record))).toEqual({
      keys: ['__proto__', 'constructor'],
      prototypeUntouched: true,
      eventAdmin: null,
      plainAdmin: null,
      ownProto: '{"admin":true}',
    })
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it('a naive deep merge of such an event pollutes only that environment’s realm, as in Node', async () => {
    const host = await deployed(`
      const merge = (target, source) => {
        for (const key of Object.keys(source)) {
          if (source[key] && typeof source[key] === 'object') merge(target[key] ??= {}, source[key])
          else target[key] = source[key]
        }
        return target
      }
      export const handler = async (event) => {
        if (event.__proto__ && Object.keys(event).length) merge({}, event)
        return ({}).admin ?? 'clean'
      }`)
    const merged = await host.invoke('{"__proto__":{"admin":"root"}}').then(checked)
    expect(response(merged)).toBe('root')
    await host.resetEnvironments()
    expect(response(await invoked(host))).toBe('clean')
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })
})

describe('host functions behind console, timers and the shim', () => {
  it('console takes wrong types, throwing getters, proxies and 100,000 arguments without breaking the host', async () => {
    const host = await deployed(
      hostileHandler(`  const trap = new Proxy({}, { get() { throw new Error('trap') }, ownKeys() { throw new Error('trap') } })
  const attempts = [
    () => console.log(Symbol('s'), Object.create(null), 10n, () => {}, new WeakMap()),
    () => console.log({ get x() { throw new Error('getter') } }),
    () => console.log({ toString() { throw new Error('toString') } }, '%s', { toString() { throw 1 } }),
    () => console.error(trap),
    () => console.warn(...Array(100000).fill('a')),
    () => console.log('%s%d%i%f%j%o%O%c', ...Array(9).fill(undefined)),
    () => console.count({ toString() { throw new Error('label') } }),
    () => console.log.call(null, 'unbound'),
  ]
  return attempts.map((attempt) => { try { attempt(); return 'logged' } catch (e) { return 'threw in guest' } })`),
    )
    const record = await host.invoke(HOSTILE_EVENT).then(checked)
    expect(record.status).toBe('succeeded')
    expect(response(record)).toHaveLength(8)
    await expectWarmAndWorking(host, record)
  })

  it('timers take wrong types, strings of code and absurd delays: errors stay in the guest', async () => {
    const host = await deployed(
      hostileHandler(`  const attempts = [
    () => setTimeout('globalThis.evaluated = true', 1),
    () => setTimeout(null),
    () => setInterval({}, 5),
    () => clearTimeout({ _id: { valueOf() { throw new Error('id') } } }),
    () => clearTimeout(Symbol('t')),
    () => clearInterval(new Proxy({}, { get() { throw new Error('trap') } })),
    () => clearTimeout(setTimeout(() => {}, Infinity)),
    () => clearTimeout(setTimeout(() => {}, -1e308)),
    () => clearTimeout(setTimeout(() => {}, NaN, ...Array(10000).fill('arg'))),
    () => queueMicrotask('not a function'),
  ]
  const out = attempts.map((attempt) => { try { attempt(); return 'ok' } catch (e) { return e.name } })
  return [out, globalThis.evaluated ?? 'not evaluated']`),
    )
    const record = await host.invoke(HOSTILE_EVENT).then(checked)
    expect(response(record)).toEqual([
      // A proxy's trap throws in Node too; Node ignores a Symbol where the shim's Number() throws.
      [
        'TypeError',
        'TypeError',
        'TypeError',
        'ok',
        'TypeError',
        'Error',
        'ok',
        'ok',
        'ok',
        'TypeError',
      ],
      'not evaluated',
    ])
    await expectWarmAndWorking(host, record)
  })
})

/** Fails the test with the host's own exception if the host threw instead of answering. */
function checked(record: InvocationRecord | InvokeRejection): InvocationRecord {
  if (record.status === 'rejected') throw new Error(`refused: ${record.error.errorMessage}`)
  return record
}
