import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { envWorkerSource, WORKER_FILE } from './env-source'
import { lockDown } from './lock-down'

describe('the environment worker program', () => {
  it('is one self-contained classic script, named as runtime code in stacks', () => {
    const source = envWorkerSource()
    expect(() => new vm.Script(source)).not.toThrow()
    expect(source).not.toMatch(/^\s*import\s/m)
    expect(source.trimEnd().endsWith(`//# sourceURL=${WORKER_FILE}`)).toBe(true)
  })

  it('locks down the globals before anything else: ways out removed, replaced names writable', () => {
    // (In a worker most of these live on WorkerGlobalScope.prototype; lockDown walks the chain.
    // A vm context does not expose its sandbox's prototype, so they are own properties here.)
    const global: Record<string, unknown> = {}
    Object.assign(global, {
      importScripts() {},
      fetch() {},
      performance,
      MessageChannel,
      setTimeout,
      clearTimeout,
      URL,
      Blob,
      addEventListener: () => undefined,
      postMessage: () => undefined,
      WebSocket: class {},
      indexedDB: {},
      BroadcastChannel: class {},
      navigator: { serviceWorker: {} },
    })
    Object.defineProperty(global, 'crypto', { get: () => ({}), configurable: true })
    const context = vm.createContext(global)
    const io = vm.runInContext(`(${lockDown.toString()})()`, context) as { later: unknown }
    const gone = ['importScripts', 'fetch', 'postMessage', 'WebSocket', 'indexedDB', 'navigator']
    expect(gone.concat('BroadcastChannel').filter((name) => name in global)).toEqual([])
    expect(Object.getOwnPropertyDescriptor(global, 'crypto')?.writable).toBe(true)
    expect(typeof io.later).toBe('function')
  })
})
