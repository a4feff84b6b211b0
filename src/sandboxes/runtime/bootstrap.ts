import { FORMAT_LAZY_SOURCE } from './format-part'
import { STACK_SOURCE } from './guest-stack'
import { GLOBALS_SOURCE } from './guest-globals'
import { WEB_APIS_SOURCE } from './guest-web-apis'
import { REQUIRE_SOURCE } from './guest-require'
import { SDK_BRIDGE_SOURCE } from './sdk-bridge'
import { V8_JSON_SOURCE } from './v8-json'
import { V8_MESSAGES_SOURCE } from './v8-messages'

/** File name of the shim inside the guest; its frames are hidden from user-visible stacks. */
export const BOOTSTRAP_FILE = 'lambda-runtime:bootstrap.js'

/**
 * Guest-side source of the Lambda Node.js runtime shim. Evaluated once per execution environment
 * as a global script, it yields a function `(host, options) => shim`; after that call no host
 * function is reachable from user code except through the shim's own closures.
 *
 * The host drives the shim: `setFileLoader(find)` for a function with several files (`find(id,
 * parent)` gives `{ path, kind, wrapper, offset, text }` or null; `require` of a relative path
 * and ES imports of CommonJS files go through it), `loadCommonJs(wrapper)` /
 * `resolveHandler(exports, path)` during INIT (and may hand it an ES module's text with `registerSource(file, text)`, so error messages
 * can name the expression at fault as V8 does), then `configure(envJson, contextJson)` when an environment opens the prepared shim, and per
 * invocation `invoke(eventJson, requestId, deadlineMs)`, `poll()` (status, next timer and outcome in one call),
 * `finishOnEmptyLoop()`, and the timer pair `nextTimerAt()` / `fireNextTimer()` of the event loop.
 * Mirrors aws-lambda-nodejs-runtime-interface-client: promise results respond at once, the
 * callback responds once the loop is empty (unless `callbackWaitsForEmptyEventLoop` is false),
 * and a handler that returns neither responds `null` when the loop empties.
 *
 * The host object provides `now`, `log`, `exit`, `crash`, `overdue`, `compile`, and optionally
 * `call(id, service, operation, requestJson)` for the AWS SDK subset (sdk-bridge.ts): the host
 * answers each call with `completeCall(id, ok, text)`. Without `call`, SDK calls reject with an
 * error that says the sandbox has no bridge; everything else works as before.
 */
export const BOOTSTRAP_SOURCE = String.raw`
(function (host, options) {
  'use strict'
  const shim = { env: options.env, nodeVersion: options.nodeVersion, arch: options.arch, lts: options.lts }
  // Captured before user code runs: rarely used parts (V8 error wording) compile on first use.
  const __Function = Function
  const __compileShimPart = (params, body) => __Function(...params, body)
  // What crosses to the host is serialized with this, never with a JSON.stringify user code
  // may have replaced (the host parses it defensively all the same).
  const __realJsonStringify = JSON.stringify
  // QuickJS polls its interrupt only every ~10,000 branches and calls, so a loop of long native
  // calls (JSON of megabytes) could run for minutes past the deadline. After such a call, past
  // the deadline, a bare loop reaches the next poll within microseconds and the interrupt cuts
  // the phase there. Short calls skip the check: the loop's own polls come soon enough.
  const __LONG_JSON = 16384
  const __cutIfOverdue = () => {
    if (host.overdue()) for (;;) {}
  }
  JSON.stringify = function stringify(value, replacer, space) {
    const text = __realJsonStringify(value, replacer, space)
    if (typeof text === 'string' && text.length > __LONG_JSON) __cutIfOverdue()
    return text
  }
  ${STACK_SOURCE}
  ${V8_MESSAGES_SOURCE}
  ${V8_JSON_SOURCE}
  ${FORMAT_LAZY_SOURCE}
  ${GLOBALS_SOURCE}
  ${WEB_APIS_SOURCE}
  ${SDK_BRIDGE_SOURCE}
  ${REQUIRE_SOURCE}

  const PENDING = 0
  const DONE = 1
  const WAITING_FOR_EMPTY_LOOP = 2
  let current = null
  let handler = null

  function isErrorLike(e) {
    return e instanceof Error || (e !== null && typeof e === 'object' &&
      typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string')
  }

  function payload(err) {
    if (isErrorLike(err)) {
      return { errorType: __nodeName(err), errorMessage: __nodeMessage(err), trace: __nodeStack(err).split('\n') }
    }
    let message
    try { message = String(err) } catch (e) { message = 'Unknown error' }
    return { errorType: typeof err, errorMessage: message, trace: [] }
  }

  // Node's runtime logs errors as JSON with errorType/errorMessage/code first, then the error's
  // own enumerable properties, and the stack split into lines.
  function formatted(err) {
    const replacer = (_key, v) => {
      if (!(v instanceof Error)) return v
      const out = Object.assign({ errorType: __nodeName(v), errorMessage: __nodeMessage(v), code: v.code }, v)
      out.stack = __nodeStack(v).split('\n')
      return out
    }
    try {
      return '\t' + __realJsonStringify(err, replacer)
    } catch (e) {
      return '\t' + __realJsonStringify(payload(err))
    }
  }

  shim.setFileLoader = (loader) => {
    __fileLoader = loader
    // ES modules import a CommonJS file through this (module-source.ts commonJsFacade).
    Object.defineProperty(globalThis, Symbol.for('lambda-runtime:require'), {
      value: (path) => {
        const found = __fileLoader(path, '/var/task/')
        if (!found) throw __notFound(path, ['/var/runtime/index.mjs'])
        return __requireFile(found, ['/var/runtime/index.mjs'])
      },
      enumerable: false, configurable: false, writable: false,
    })
  }

  shim.loadCommonJs = (wrapper, file, offset) => {
    __stackOptions.cjsFile = file
    __stackOptions.cjsOffset = offset
    const module = { exports: {}, id: '.', filename: file, loaded: false, children: [], paths: [] }
    __cjsCache[file] = module
    __runCommonJs(wrapper, file, offset, module, [file, '/var/runtime/index.mjs'])
    module.loaded = true
    return module.exports
  }

  // An ES module's source, for V8 messages that name the expression at fault (v8-messages.ts).
  shim.registerSource = (file, text) => __registerSource(file, text)

  shim.resolveHandler = (exportsObject, path) => {
    const fn = path.split('.').reduce((obj, key) => obj && obj[key], exportsObject)
    if (!fn) return 'missing'
    if (typeof fn !== 'function') return 'not-function'
    handler = fn
    __stackOptions.handlerName = fn.name
    return 'ok'
  }

  function settle(inv, ok, value) {
    if (inv.status === DONE) return
    inv.status = DONE
    if (ok) {
      try {
        inv.outcome = { ok: true, json: __realJsonStringify(value === undefined ? null : value) }
      } catch (e) {
        inv.outcome = { ok: false, error: payload(e) }
        host.log('ERROR', 'Invoke Error ' + formatted(e))
      }
      return
    }
    inv.outcome = { ok: false, error: payload(value) }
    host.log('ERROR', 'Invoke Error ' + formatted(value))
  }

  // The context's constant fields come once, with configure (guest-globals.ts).
  shim.invoke = (eventJson, requestId, deadlineMs) => {
    const info = shim.contextInfo
    const inv = { status: PENDING, outcome: null, called: false, callbackResult: undefined, callbackError: undefined, errored: false }
    current = inv
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionVersion: info.functionVersion,
      functionName: info.functionName,
      memoryLimitInMB: info.memoryLimitInMB,
      logGroupName: info.logGroupName,
      logStreamName: info.logStreamName,
      clientContext: undefined,
      identity: undefined,
      invokedFunctionArn: info.invokedFunctionArn,
      awsRequestId: requestId,
      getRemainingTimeInMillis: () => deadlineMs - Math.floor(now()),
      succeed: (result) => settle(inv, true, result),
      fail: (err) => settle(inv, false, err),
      done: (err, result) => (err === null || err === undefined ? settle(inv, true, result) : settle(inv, false, err)),
    }
    // A handler that returned nothing waits for the loop to empty, and a callback called later
    // (after an SDK call, a timer) still gives the response, as in Lambda's runtime; only the
    // first call counts.
    const callback = (err, result) => {
      if (inv.status === DONE || inv.called) return
      inv.called = true
      inv.errored = err !== null && err !== undefined
      inv.callbackError = err
      inv.callbackResult = result
      if (context.callbackWaitsForEmptyEventLoop === false) shim.finishOnEmptyLoop()
      else inv.status = WAITING_FOR_EMPTY_LOOP
    }
    let result
    try {
      // The host checked the event: the unwrapped parser is enough (v8-json.ts).
      result = handler(__realJsonParse(eventJson), context, callback)
    } catch (err) {
      settle(inv, false, err)
      return
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      result.then((v) => settle(inv, true, v), (e) => settle(inv, false, e))
    } else if (inv.status === PENDING) {
      inv.status = WAITING_FOR_EMPTY_LOOP
    }
  }

  shim.finishOnEmptyLoop = () => {
    const inv = current
    if (!inv || inv.status === DONE) return
    if (inv.errored) settle(inv, false, inv.callbackError)
    else settle(inv, true, inv.callbackResult === undefined ? null : inv.callbackResult)
  }

  shim.status = () => (current ? current.status : DONE)

  // 'J' + the response JSON as the handler's value was serialized (not serialized again), 'U'
  // when it serialized to nothing (a function), 'E' + the error payload's JSON, or 'N' when
  // nothing settled.
  shim.outcome = () => {
    const outcome = current && current.outcome
    if (!outcome) return 'N'
    if (!outcome.ok) return 'E' + __realJsonStringify(outcome.error)
    return outcome.json === undefined ? 'U' : 'J' + outcome.json
  }

  // The host's one call per loop turn: 'status[,nextTimerAt]', then a newline and the outcome
  // once the invocation is done.
  shim.poll = () => {
    const status = current ? current.status : DONE
    const next = shim.nextTimerAt()
    const head = next < 0 ? String(status) : status + ',' + next
    return status === DONE ? head + '\n' + shim.outcome() : head
  }

  // The error body as JSON, or '' when user code broke what builds it (the host then reports
  // the runtime's exit instead).
  function payloadJson(err) {
    try { return __realJsonStringify(payload(err)) } catch (e) { return '' }
  }

  // The process ends whatever happens while the line is written.
  shim.uncaught = (err) => {
    try {
      host.log('ERROR', 'Uncaught Exception ' + formatted(err))
    } finally {
      host.crash(payloadJson(err))
    }
  }

  shim.initError = (err) => {
    try {
      host.log('ERROR', 'Uncaught Exception ' + formatted(err))
    } catch (e) {}
    return payloadJson(err)
  }

  return shim
})
`
