/**
 * Guest-side source of the Node-like globals: virtual clock (`Date`, `performance`), timers,
 * `console`, `process`. It runs inside the shim's closure (see bootstrap.ts), where `host` holds
 * the host functions (`now`, `log`, `exit`) and `shim` the shared state.
 *
 * Timers live in the guest: the host only asks for the next due time and fires them one at a
 * time, draining promise jobs in between, as Node's event loop runs microtasks between callbacks.
 */
export const GLOBALS_SOURCE = String.raw`
  const G = globalThis
  const RealDate = G.Date
  const now = () => host.now()

  function Date(...args) {
    if (!new.target) return new RealDate(Math.floor(now())).toString()
    return Reflect.construct(RealDate, args.length ? args : [Math.floor(now())], new.target)
  }
  Object.setPrototypeOf(Date, RealDate)
  Date.prototype = RealDate.prototype
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true })
  Date.now = () => Math.floor(now())
  G.Date = Date

  // Reset by shim.configure when the environment opens (a prepared sandbox waits unconfigured).
  let timeOrigin = now()
  G.performance = { now: () => now() - timeOrigin, timeOrigin, mark() {}, measure() {} }

  const timers = new Map()
  let nextTimerId = 1
  let timerSeq = 0
  const MAX_DELAY = 2147483647

  class Timeout {
    constructor(id) { this._id = id }
    ref() { const t = timers.get(this._id); if (t) t.ref = true; return this }
    unref() { const t = timers.get(this._id); if (t) t.ref = false; return this }
    hasRef() { const t = timers.get(this._id); return !!(t && t.ref) }
    refresh() {
      const t = timers.get(this._id)
      if (t) { t.at = now() + t.delay; t.seq = timerSeq++ }
      return this
    }
    close() { timers.delete(this._id); return this }
    [Symbol.toPrimitive]() { return this._id }
  }
  class Immediate extends Timeout {}

  function addTimer(Kind, fn, delay, args, repeat) {
    if (typeof fn !== 'function') {
      const err = new TypeError('The "callback" argument must be of type function. Received ' + (fn === null ? 'null' : typeof fn))
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    let ms = Number(delay)
    if (Kind !== Immediate && !(ms >= 1 && ms <= MAX_DELAY)) ms = 1
    if (Kind === Immediate) ms = 0
    const id = nextTimerId++
    timers.set(id, { id, at: now() + ms, delay: ms, seq: timerSeq++, fn, args, repeat, ref: true, immediate: Kind === Immediate })
    return new Kind(id)
  }
  const clear = (handle) => {
    if (handle === null || handle === undefined) return
    timers.delete(typeof handle === 'object' ? handle._id : Number(handle))
  }
  G.setTimeout = (fn, delay, ...args) => addTimer(Timeout, fn, delay, args, false)
  G.setInterval = (fn, delay, ...args) => addTimer(Timeout, fn, delay, args, true)
  G.setImmediate = (fn, ...args) => addTimer(Immediate, fn, 0, args, false)
  G.clearTimeout = clear
  G.clearInterval = clear
  G.clearImmediate = clear
  G.queueMicrotask = (fn) => {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function')
    Promise.resolve().then(() => fn())
  }

  function earliestTimer() {
    let best
    for (const t of timers.values()) {
      if (!best || t.at < best.at || (t.at === best.at && (t.immediate && !best.immediate || (t.immediate === best.immediate && t.seq < best.seq)))) best = t
    }
    return best
  }
  shim.hasRefTimers = () => {
    for (const t of timers.values()) if (t.ref) return true
    return false
  }
  shim.nextTimerAt = () => {
    if (!shim.hasRefTimers()) return -1
    return earliestTimer().at
  }
  // The environment opens: its variables, the constant fields of its invocations' context
  // object, and the clock's origin (virtual epoch ms).
  shim.configure = (envJson, contextJson) => {
    Object.assign(shim.env, __realJsonParse(envJson))
    shim.contextInfo = __realJsonParse(contextJson)
    timeOrigin = now()
    G.performance.timeOrigin = timeOrigin
  }
  shim.fireNextTimer = () => {
    const t = earliestTimer()
    if (!t) return
    if (t.repeat) { t.at = Math.max(t.at + t.delay, now()); t.seq = timerSeq++ } else timers.delete(t.id)
    try {
      t.fn.apply(undefined, t.args)
    } catch (err) {
      shim.uncaught(err)
    }
  }

  const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' }
  const con = {}
  for (const method of Object.keys(LEVELS)) {
    con[method] = (...args) => host.log(LEVELS[method], __format(args))
  }
  con.trace = (...args) => {
    const frames = __mapStack(new Error().stack)
    host.log('TRACE', 'Trace' + (args.length ? ': ' + __format(args) : '') + (frames ? '\n' + frames : ''))
  }
  con.dir = (value) => host.log('INFO', __format([value]))
  con.assert = (ok, ...args) => {
    if (!ok) host.log('WARN', 'Assertion failed' + (args.length ? ': ' + __format(args) : ''))
  }
  const counts = new Map()
  con.count = (label = 'default') => {
    counts.set(label, (counts.get(label) || 0) + 1)
    host.log('INFO', label + ': ' + counts.get(label))
  }
  con.countReset = (label = 'default') => counts.delete(label)
  const started = new Map()
  con.time = (label = 'default') => started.set(label, now())
  con.timeLog = (label = 'default', ...args) => {
    if (!started.has(label)) return
    const ms = now() - started.get(label)
    host.log('INFO', label + ': ' + ms.toFixed(3) + 'ms' + (args.length ? ' ' + __format(args) : ''))
  }
  con.timeEnd = (label = 'default') => { con.timeLog(label); started.delete(label) }
  con.table = con.log
  con.group = con.log
  con.groupEnd = () => {}
  G.console = con

  class ProcessExit extends Error {}
  G.process = {
    env: shim.env,
    version: shim.nodeVersion,
    versions: { node: shim.nodeVersion.slice(1) },
    platform: 'linux',
    arch: shim.arch,
    argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'],
    execPath: '/var/lang/bin/node',
    pid: 8,
    title: 'node',
    release: { name: 'node', lts: shim.lts },
    cwd: () => '/var/task',
    uptime: () => (now() - timeOrigin) / 1000,
    hrtime: Object.assign(
      (prev) => {
        const t = now() - timeOrigin
        const s = Math.floor(t / 1000)
        const ns = Math.floor((t - s * 1000) * 1e6)
        if (!prev) return [s, ns]
        let ds = s - prev[0]
        let dns = ns - prev[1]
        if (dns < 0) { ds -= 1; dns += 1e9 }
        return [ds, dns]
      },
      { bigint: () => BigInt(Math.floor((now() - timeOrigin) * 1e6)) },
    ),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    nextTick: (fn, ...args) => { Promise.resolve().then(() => fn(...args)) },
    exit: (code) => {
      host.exit(code === undefined ? 0 : Number(code))
      throw new ProcessExit('process.exit(' + (code === undefined ? '' : code) + ')')
    },
    on() { return G.process },
    once() { return G.process },
    off() { return G.process },
    emitWarning: (w) => host.log('WARN', '(node:8) ' + (w && w.name ? w.name : 'Warning') + ': ' + (w && w.message ? w.message : w)),
  }
  G.global = G
`
