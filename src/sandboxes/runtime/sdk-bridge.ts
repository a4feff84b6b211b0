import { SDK_HOOK_SYMBOL, SDK_PACKAGES } from './sdk-packages'

/**
 * Guest-side source (inside the shim's closure, see bootstrap.ts) of the bridge between the AWS
 * SDK subset and the host:
 *
 * - `__sdkCall(service, operation, requestJson)` numbers the call, calls
 *   `host.call(id, service, operation, requestJson)` and returns a promise of `{ ok, text }`;
 *   a host that returns `false` refuses the call (too many outstanding), and the promise rejects;
 * - the host answers later with the shim's `completeCall(id, ok, text)`: `text` is the response
 *   JSON when `ok`, else the error payload's JSON (`errorType`, `errorMessage`, and optionally
 *   `httpStatusCode`, `fault`, `requestId`);
 * - `__sdkPackage(name)` has the host compile the clients (`host.compile('aws-sdk')`,
 *   sdk-clients.ts) on first use and returns a package's exports; `require` uses it, and ES modules reach it through a non-enumerable global
 *   keyed by a registered symbol (the module loader's source reads it, see sdk-packages.ts). It
 *   gives user code nothing an `import` would not: the host's functions stay in the closure.
 *
 * A host without `call` (an older sandbox kind) makes every SDK call reject with an error that
 * says so. Pending calls are the host's to track: the guest's event loop is kept alive by them.
 */
export const SDK_BRIDGE_SOURCE = String.raw`
  const __sdkPending = new Map()
  let __sdkNextId = 0
  let __sdkClients = null

  function __sdkCall(service, operation, requestJson) {
    if (typeof host.call !== 'function') {
      return Promise.reject(new Error('AWS SDK calls are not available in this sandbox: its host has no bridge to simulated services'))
    }
    return new Promise((resolve, reject) => {
      const id = ++__sdkNextId
      __sdkPending.set(id, resolve)
      let refused = null
      try {
        if (host.call(id, service, operation, requestJson) === false) {
          refused = new Error('Too many AWS SDK calls outstanding in this environment: the playground allows 1,000 unanswered calls (and 32 MB of requests waiting to be sent) at a time')
        }
      } catch (e) {
        refused = e
      }
      if (refused !== null) {
        __sdkPending.delete(id)
        reject(refused)
      }
    })
  }

  shim.completeCall = (id, ok, text) => {
    const resolve = __sdkPending.get(id)
    if (resolve === undefined) return
    __sdkPending.delete(id)
    resolve({ ok: ok === true, text: String(text) })
  }

  const __SDK_PACKAGE_NAMES = ${JSON.stringify(Object.keys(SDK_PACKAGES))}

  function __sdkPackage(name) {
    if (!__SDK_PACKAGE_NAMES.includes(name)) return undefined
    if (__sdkClients === null) {
      const part = host.compile('aws-sdk')
      if (typeof part !== 'function') throw new Error('The AWS SDK subset is not available in this sandbox: its host cannot compile it')
      __sdkClients = part(__sdkCall, __realJsonParse, __realJsonStringify, TextEncoder, TextDecoder)
    }
    return __sdkClients(name)
  }

  Object.defineProperty(globalThis, Symbol.for(${JSON.stringify(SDK_HOOK_SYMBOL)}), { value: __sdkPackage })
`
