import { Limits } from '../../core/lambda/limits'
import type { ContractCase } from '../contract/types'
import {
  appLines,
  coldAfter,
  fail,
  failedWith,
  invocation,
  matches,
  responded,
  responseOf,
  same,
  timedOut,
  verify,
  warmAfter,
  within,
} from '../contract/verify'
import type { InvocationRecord } from '../types'

/** The BroadcastChannel the self-test page listens on: a hostile handler must not reach it. */
export const SELFTEST_CHANNEL = 'serverless-playground-selftest'

const HOSTILE = '{"hostile":true}'
const HARMLESS = '{}'

/** An ES module handler that runs `body` only for the hostile event and answers 'ok' otherwise. */
function hostile(body: string): string {
  return `export const handler = async (event, context) => {\n  if (!event.hostile) return 'ok'\n${body}\n}`
}

/**
 * Guest-side helpers for the reach probes: each route reports `{ reached, detail }`. A route
 * that is missing or refuses is not reached; one that gives the guest something of the app's
 * (a readable page, storage, a same-origin worker, a script fetched from the app) is reached.
 * No probe guards itself with a timer: timers are virtual in the sandbox and would fire at once.
 */
const PROBE_KIT = `  const results = {}
  const absent = (what) => ({ reached: false, detail: 'absent: ' + what })
  const refused = (e) => ({ reached: false, detail: 'refused: ' + (e && e.name) + ': ' + String(e && e.message).slice(0, 120) })
  const probe = async (route, attempt) => {
    try { results[route] = await attempt() } catch (e) { results[route] = refused(e) }
  }
  // An API removed from the global object may still sit on its prototype chain.
  const find = (name) => {
    for (let o = globalThis; o; o = Object.getPrototypeOf(o)) {
      const d = Object.getOwnPropertyDescriptor(o, name)
      if (d) return d.get ? d.get.call(globalThis) : d.value
    }
  }
  const settle = (request) => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })`

function reachCase(name: string, title: string, routes: string[], body: string): ContractCase {
  return {
    id: `hostile/${name}`,
    group: 'hostile: reach',
    title,
    code: hostile(`${PROBE_KIT}\n${body}\n  return results`),
    config: { timeoutSeconds: 10 },
    events: [HOSTILE],
    listen: SELFTEST_CHANNEL,
    check: verify((outcomes, seen) => {
      const results = responseOf(invocation(outcomes, 0)) as Record<
        string,
        { reached?: unknown; detail?: unknown } | undefined
      >
      const missing = routes.filter((route) => typeof results?.[route]?.reached !== 'boolean')
      if (missing.length > 0) fail(`no verdict for ${missing.join(', ')}`)
      const reached = routes.filter((route) => results[route]?.reached === true)
      if (reached.length > 0)
        fail(`reached: ${reached.map((r) => `${r} (${String(results[r]?.detail)})`).join('; ')}`)
      if (seen.broadcasts.length > 0)
        fail(`the page received ${seen.broadcasts.length} message(s) on '${SELFTEST_CHANNEL}'`)
    }),
  }
}

function reachCases(app: AppUnderTest): ContractCase[] {
  const origin = JSON.stringify(app.origin)
  const globals = ['window', 'document', 'parent', 'top', 'opener', 'frames']
  const storage = ['localStorage', 'sessionStorage', 'cookie', 'cookieStore', 'indexedDB', 'caches']
  const fetches = [
    'location',
    'fetch /',
    'fetch origin',
    'XMLHttpRequest',
    'importScripts',
    'import()',
  ]
  return [
    reachCase(
      'globals',
      'no window, document, parent, top, opener or frames',
      globals,
      `  for (const name of ${JSON.stringify(globals)})
    await probe(name, () => find(name) === undefined ? absent(name) : { reached: true, detail: 'typeof ' + typeof find(name) })`,
    ),
    reachCase(
      'storage',
      'no localStorage, sessionStorage, cookies, IndexedDB or Cache Storage',
      storage,
      `  for (const name of ['localStorage', 'sessionStorage'])
    await probe(name, () => find(name) === undefined ? absent(name) : { reached: true, detail: 'keys: ' + find(name).length })
  await probe('cookie', () => find('document') === undefined ? absent('document') : { reached: true, detail: 'document.cookie: ' + find('document').cookie })
  await probe('cookieStore', async () => find('cookieStore') === undefined ? absent('cookieStore') : { reached: true, detail: 'cookies: ' + (await find('cookieStore').getAll()).length })
  await probe('indexedDB', async () => {
    const idb = find('indexedDB')
    if (idb === undefined) return absent('indexedDB')
    const db = await settle(idb.open('selftest-probe'))
    db.close()
    return { reached: true, detail: 'opened a database' }
  })
  await probe('caches', async () => find('caches') === undefined ? absent('caches') : { reached: true, detail: 'opened ' + typeof (await find('caches').open('selftest-probe')) })`,
    ),
    reachCase(
      'app-origin',
      'not the app’s origin: location, fetch, XMLHttpRequest, importScripts, import()',
      fetches,
      `  const app = ${origin}
  const script = ${JSON.stringify(app.script)}
  await probe('location', () => find('location') === undefined ? absent('location') : { reached: find('location').origin === app, detail: 'origin ' + find('location').origin })
  const read = async (url) => {
    const fetchApi = find('fetch')
    if (fetchApi === undefined) return absent('fetch')
    const text = await (await fetchApi.call(globalThis, url)).text()
    return { reached: true, detail: 'read ' + text.length + ' characters of ' + url }
  }
  await probe('fetch /', () => read('/'))
  await probe('fetch origin', () => read(app + '/'))
  await probe('XMLHttpRequest', async () => {
    const Xhr = find('XMLHttpRequest')
    if (Xhr === undefined) return absent('XMLHttpRequest')
    const xhr = new Xhr()
    const done = new Promise((resolve, reject) => { xhr.onload = resolve; xhr.onerror = () => reject(new Error('network error')) })
    xhr.open('GET', app + '/')
    xhr.send()
    await done
    return { reached: true, detail: 'status ' + xhr.status + ', ' + xhr.responseText.length + ' characters' }
  })
  await probe('importScripts', () => {
    const importer = find('importScripts')
    if (importer === undefined) return absent('importScripts')
    try { importer.call(globalThis, app + '/') } catch (e) {
      // A SyntaxError means the app's page was fetched and parsed as a script.
      if (e && e.name === 'SyntaxError') return { reached: true, detail: 'fetched the app’s page' }
      throw e
    }
    return { reached: true, detail: 'imported the app’s page' }
  })
  await probe('import()', async () => {
    // The app's own entry script: a module that would load, were the origin reachable.
    try { await import(script) } catch (e) {
      // The browser's refusal to fetch it, or the runtime's "Cannot find module": not reached.
      if (/fetch|resolve|Cannot find (module|package)/i.test(String(e && e.message))) return refused(e)
      return { reached: true, detail: 'fetched and ran the app’s script, which threw ' + (e && e.name) }
    }
    return { reached: true, detail: 'imported the app’s script' }
  })`,
    ),
    reachCase(
      'broadcast-channel',
      'no message reaches the page on its BroadcastChannel',
      ['BroadcastChannel'],
      `  await probe('BroadcastChannel', () => {
    const Channel = find('BroadcastChannel')
    if (Channel === undefined) return absent('BroadcastChannel')
    const channel = new Channel(${JSON.stringify(SELFTEST_CHANNEL)})
    channel.postMessage({ from: 'hostile handler' })
    channel.close()
    // Whether the page received it is the runner's to see; posting alone reaches nothing.
    return { reached: false, detail: 'posted' }
  })`,
    ),
    reachCase(
      'service-worker',
      'no navigator.serviceWorker of the app',
      ['serviceWorker'],
      `  await probe('serviceWorker', async () => {
    const container = find('navigator')?.serviceWorker
    if (!container) return absent('navigator.serviceWorker')
    const registrations = await container.getRegistrations()
    return { reached: true, detail: registrations.length + ' registrations' }
  })`,
    ),
    reachCase(
      'new-worker',
      'no worker in the app’s origin (new Worker of the app’s URL or of a blob)',
      ['app URL', 'blob'],
      `  const app = ${origin}
  await probe('app URL', () => {
    const WorkerApi = find('Worker')
    if (WorkerApi === undefined) return absent('Worker')
    new WorkerApi(app + '/').terminate()
    return { reached: true, detail: 'started a worker from ' + app }
  })
  await probe('blob', async () => {
    const WorkerApi = find('Worker')
    const urls = find('URL')
    const BlobApi = find('Blob')
    if (WorkerApi === undefined || BlobApi === undefined || !urls?.createObjectURL) return absent('Worker, Blob or URL.createObjectURL')
    const worker = new WorkerApi(urls.createObjectURL(new BlobApi(['postMessage(self.origin)'])))
    const origin = await new Promise((resolve, reject) => { worker.onmessage = (m) => resolve(m.data); worker.onerror = reject })
    worker.terminate()
    return { reached: origin === app, detail: 'a blob worker in origin ' + origin }
  })`,
    ),
  ]
}

/** Ends at its 1 s timeout with Lambda's message; the next invocation is cold and answers. */
function freezeCase(name: string, title: string, body: string): ContractCase {
  return {
    id: `hostile/${name}`,
    group: 'hostile: freeze',
    title,
    code: hostile(body),
    config: { timeoutSeconds: 1 },
    events: [HOSTILE, HARMLESS],
    check: verify((outcomes) => {
      const frozen = invocation(outcomes, 0)
      timedOut(name, frozen, 1)
      within('durationMs', frozen.durationMs, 1_000)
      afterFault(frozen, invocation(outcomes, 1))
    }),
  }
}

function afterFault(faulted: InvocationRecord, next: InvocationRecord): void {
  coldAfter('next', next, faulted)
  responded('next', next, 'ok')
}

const FREEZE_CASES: ContractCase[] = [
  freezeCase('while-true', 'while (true) {}', '  while (true) {}'),
  freezeCase(
    'promise-flood',
    'a promise-job flood',
    '  const spin = () => { Promise.resolve().then(spin) }\n  spin()\n  await new Promise(() => {})',
  ),
  freezeCase(
    'interval-busy',
    'a busy loop inside setInterval',
    '  setInterval(() => { for (;;) {} }, 10)\n  await new Promise(() => {})',
  ),
  {
    id: 'hostile/recursion',
    group: 'hostile: freeze',
    title: 'deep recursion: RangeError, Maximum call stack size exceeded',
    code: hostile('  const f = () => f()\n  f()'),
    // Roomy: the stack overflow is not about time, and takes a while on a loaded machine.
    config: { timeoutSeconds: 10 },
    events: [HOSTILE, HARMLESS],
    check: verify((outcomes) => {
      const failed = invocation(outcomes, 0)
      const error = failedWith('recursion', failed, 'RangeError')
      same('errorMessage', error.errorMessage, 'Maximum call stack size exceeded')
      responded('next', invocation(outcomes, 1), 'ok')
    }),
  },
  {
    id: 'hostile/atomics-wait',
    group: 'hostile: freeze',
    title: 'Atomics.wait on a SharedArrayBuffer: unavailable, or cut at the timeout',
    code: hostile(`  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined')
    return 'unavailable: SharedArrayBuffer ' + typeof SharedArrayBuffer + ', Atomics ' + typeof Atomics
  const cell = new Int32Array(new SharedArrayBuffer(4))
  try { Atomics.wait(cell, 0, 0) } catch (e) { return 'unavailable: ' + e.name + ': ' + e.message }
  return 'returned'`),
    config: { timeoutSeconds: 1 },
    events: [HOSTILE, HARMLESS],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      if (record.status === 'succeeded') {
        matches('response', responseOf(record), /^unavailable: /)
        return
      }
      timedOut('Atomics.wait', record, 1)
      afterFault(record, invocation(outcomes, 1))
    }),
  },
]

const TRUNCATED = /^\[playground\] log output truncated: this invocation wrote more than \d+ bytes$/

const EXHAUST_CASES: ContractCase[] = [
  {
    id: 'hostile/memory',
    group: 'hostile: exhaust',
    title: 'arrays pushed past 128 MB: Runtime.OutOfMemory, then cold',
    code: hostile('  const keep = []\n  for (;;) keep.push(new Array(100000).fill(keep.length))'),
    config: { memoryMB: 128, timeoutSeconds: 10 },
    events: [HOSTILE, HARMLESS],
    kinds: ['quickjs'],
    why: 'a Web Worker has no hard memory cap the page can set: V8 gives a worker its own heap limit, not the configured memory',
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      failedWith('hog', record, 'Runtime.OutOfMemory')
      same('environmentDiscarded', record.environmentDiscarded, 'out-of-memory')
      afterFault(record, invocation(outcomes, 1))
    }),
  },
  {
    id: 'hostile/console-flood',
    group: 'hostile: exhaust',
    title: '20,000 console.log lines: capped with a visible notice',
    code: hostile(
      "  for (let i = 0; i < 20000; i++) console.log('flood line', i)\n  return 'flooded'",
    ),
    events: [HOSTILE, HARMLESS],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      responded('flood', record, 'flooded')
      const lines = appLines(record)
      same('first line', lines[0]?.[2], 'flood line 0')
      within('application lines', lines.length, 1, 19_999)
      same('notice level', lines.at(-1)?.[1], 'WARN')
      matches('notice', lines.at(-1)?.[2], TRUNCATED)
      warmAfter('next', invocation(outcomes, 1), record)
    }),
  },
  {
    id: 'hostile/huge-result',
    group: 'hostile: exhaust',
    title: 'an 8 MB result: Function.ResponseSizeTooLarge',
    code: hostile(
      "  return Array.from({ length: 200000 }, (_, i) => ({ i, pad: 'x'.repeat(24) }))",
    ),
    config: { timeoutSeconds: 30 },
    events: [HOSTILE, HARMLESS],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const error = failedWith('huge result', record, 'Function.ResponseSizeTooLarge')
      const limit = Limits.SyncResponseBytes
      matches(
        'errorMessage',
        error.errorMessage,
        new RegExp(
          `^Response payload size \\(\\d+ bytes\\) exceeded maximum allowed payload size \\(${limit} bytes\\)\\.$`,
        ),
      )
      responded('next', invocation(outcomes, 1), 'ok')
    }),
  },
]

/** The page the hostile handlers aim at. */
export interface AppUnderTest {
  /** Its origin, `location.origin`. */
  origin: string
  /** The URL of one of its JavaScript modules (the page's entry script). */
  script: string
}

/**
 * The browser half of the hostile battery, as contract cases: handlers that try to reach the
 * page, its storage and its origin (the self-test page's), to freeze the host, and to exhaust
 * memory, logs and the response. The checks read what the handler could see and do.
 */
export function browserHostileCases(app: AppUnderTest): ContractCase[] {
  return [...reachCases(app), ...FREEZE_CASES, ...EXHAUST_CASES]
}
