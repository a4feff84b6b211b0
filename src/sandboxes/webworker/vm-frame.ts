import type { EnvironmentFrame } from './frame-host'

/** The parts of Node's `node:vm` the stand-in frame uses (typed here: no Node types needed). */
export interface VmModule {
  createContext(globals: object): object
  runInContext(code: string, context: object, options?: { filename?: string }): unknown
}

/**
 * Test support: a stand-in for the sandboxed frame in Node, each environment's program run in
 * a `node:vm` context instead of a worker (same program text, same port protocol). A vm
 * context has no dynamic `import()`, so tests through it use CommonJS handlers; ES modules run
 * in Chromium (the contract suite on the self-test page).
 */
export interface TestFrame extends EnvironmentFrame {
  /** Reports worker `id` dead, as the frame does for an unhandled worker error. */
  kill(id: number): void
  /** Drops the page's `invoke` messages to worker `id` (it never answers: the watchdog acts). */
  mute(id: number): void
  /** Sends `data` to the page as if worker `id` had sent it (a subverted worker). */
  forge(id: number, data: unknown): void
  spawned: number
}

/** A stand-in frame whose workers are `vm` contexts (pass `node:vm`). */
export function vmFrame(vm: VmModule): TestFrame {
  const ports = new Map<number, MessagePort[]>()
  const toPages = new Map<number, MessagePort>()
  const deaths = new Map<number, (message: string) => void>()
  const muted = new Set<number>()
  let nextId = 1
  const frame: TestFrame = {
    spawned: 0,
    async spawn(source, onDeath) {
      const id = nextId++
      frame.spawned++
      const opened: MessagePort[] = []
      class TrackedChannel extends MessageChannel {
        constructor() {
          super()
          opened.push(this.port1, this.port2)
        }
      }
      const listeners: ((event: unknown) => void)[] = []
      // Blob URLs and importScripts as a worker has them, synchronous and in memory.
      const texts = new Map<string, string>()
      class TextBlob {
        constructor(readonly parts: string[]) {}
      }
      const context = vm.createContext({
        performance,
        MessageChannel: TrackedChannel,
        setTimeout,
        clearTimeout,
        Blob: TextBlob,
        URL: {
          createObjectURL: (blob: TextBlob) => {
            const url = `blob:vm/${texts.size}`
            texts.set(url, blob.parts.join(''))
            return url
          },
        },
        importScripts: (url: string) => {
          const text = texts.get(url) ?? ''
          const filename = /\/\/# sourceURL=(\S+)\s*$/.exec(text)?.[1]
          vm.runInContext(text, context, filename ? { filename } : {})
        },
        addEventListener: (type: string, fn: (event: unknown) => void) => {
          if (type === 'message') listeners.push(fn)
        },
      })
      vm.runInContext(source, context)
      const toWorker = new TrackedChannel()
      const toPage = new TrackedChannel()
      // A relay between the page's port and the worker's, so a test can mute the worker.
      toWorker.port2.onmessage = (e) => {
        if (!(muted.has(id) && (e.data as { t?: string }).t === 'invoke'))
          toPage.port1.postMessage(e.data)
      }
      toPage.port1.onmessage = (e) => toWorker.port2.postMessage(e.data)
      for (const fn of listeners) fn({ ports: [toPage.port2] })
      ports.set(id, opened)
      toPages.set(id, toWorker.port2)
      deaths.set(id, onDeath)
      return { id, port: toWorker.port1 }
    },
    terminate(id) {
      for (const port of ports.get(id) ?? []) port.close()
      ports.delete(id)
    },
    dispose() {
      for (const id of [...ports.keys()]) frame.terminate(id)
    },
    kill(id) {
      deaths.get(id)?.('Uncaught InternalError: too much recursion')
    },
    mute(id) {
      muted.add(id)
    },
    forge(id, data) {
      toPages.get(id)?.postMessage(data)
    },
  }
  return frame
}
