import type { makeClock } from './env-clock'
import type { makeFiles } from './env-files'
import type { makeLoader } from './env-load'
import type { makeLoop } from './env-loop'
import type { EnvProgramConfig, EnvState, Finish, Phase, Shim, Status } from './env-types'
import type { Job, Primitives } from './lock-down'
import type { AnswerMessage, LogEntry, PageMessage, PhaseReport } from './protocol'

export type { EnvProgramConfig } from './env-types'

/** The program's parts, each its own function text in the worker's source. */
export interface EnvParts {
  makeClock: typeof makeClock
  makeLoop: typeof makeLoop
  makeLoader: typeof makeLoader
  makeFiles: typeof makeFiles
}

/**
 * The environment's worker program (turned into text: it may use nothing from this module's
 * scope). On `prepare` it installs the runtime shim with native host functions (what
 * `installShim` gives QuickJS); on `init` it loads the user's module (env-load.ts); on `invoke`
 * it runs the handler in the event loop on the virtual clock (env-loop.ts). It answers each
 * phase with one report over the private port the frame handed it. The guest's AWS SDK calls
 * go to the page over the same port as they are made; each `answer` waits in the loop for its
 * virtual moment.
 */
export function envProgram(cfg: EnvProgramConfig, io: Primitives, parts: EnvParts): void {
  const env: EnvState = {
    clock: parts.makeClock(io.wallNow),
    phase: undefined,
    shim: undefined,
    port: undefined,
    send: undefined,
    calls: { awaiting: new Map<number, number>(), awaitingChars: 0, answers: [] },
  }
  const { clock } = env
  const loop = parts.makeLoop(env, io, cfg)
  const onInit = parts.makeLoader(env, io, cfg, loop, parts.makeFiles)

  const log = (level: unknown, message: unknown): void => {
    const phase = env.phase
    if (!phase || phase.fault || typeof message !== 'string') return
    const entry: LogEntry = {
      at: Math.floor(clock.now()),
      level: (typeof level === 'string' ? level : 'INFO') as LogEntry['level'],
      message: message.slice(0, cfg.logCapChars + 1),
    }
    const runtime =
      message.startsWith('Invoke Error \t') || message.startsWith('Uncaught Exception \t')
    if (runtime && !phase.runtimeLogged) {
      phase.runtimeLogged = true
      entry.runtime = true
    } else if (phase.logChars > cfg.logCapChars) return
    else phase.logChars += entry.message.length
    phase.logs.push(entry)
  }

  // The SDK bridge's `host.call`: refused (false) past the limits on calls outstanding, as the
  // QuickJS kind refuses them; else sent to the page at once, stamped with the virtual moment.
  const calls = env.calls
  const call = (id: unknown, service: unknown, operation: unknown, json: unknown): boolean => {
    if (typeof id !== 'number' || typeof json !== 'string') return false
    if (typeof service !== 'string' || typeof operation !== 'string') return false
    const outstanding = calls.awaiting.size + calls.answers.length
    const chars = calls.awaitingChars + json.length
    if (outstanding >= cfg.maxOutstandingCalls || chars > cfg.maxUnsentChars) return false
    if (!env.send || calls.awaiting.has(id)) return false
    calls.awaiting.set(id, json.length)
    calls.awaitingChars = chars
    env.send({ t: 'call', id, service, operation, requestJson: json, at: clock.now() })
    return true
  }

  // The page's answer: it waits among the timers for its moment (ties in arrival order).
  const onAnswer = (m: AnswerMessage): void => {
    const chars = calls.awaiting.get(m.id)
    if (chars === undefined) return
    calls.awaiting.delete(m.id)
    calls.awaitingChars -= chars
    let index = calls.answers.length
    while (index > 0 && (calls.answers[index - 1] as AnswerMessage).at > m.at) index--
    calls.answers.splice(index, 0, m)
    env.phase?.wake?.()
  }

  // The shim's host object (installShim's, for the QuickJS kind). Add a function here to give
  // the shim a new capability; nothing else in the worker holds a reference to it.
  const host = {
    now: () => clock.now(),
    log,
    exit: (code: unknown) => {
      const n = Number(code)
      const exit = n === 0 ? 'without providing a reason' : `with error: exit status ${n}`
      loop.setFault({ exit })
    },
    crash: (payloadJson: unknown) =>
      loop.setFault({ crashBody: typeof payloadJson === 'string' ? payloadJson : '' }),
    overdue: () => clock.running && env.phase !== undefined && clock.now() > env.phase.deadline,
    compile: (name: unknown) => {
      const source = typeof name === 'string' ? cfg.lazyParts[name] : undefined
      if (typeof source !== 'string') return undefined
      // The sandbox's own work: off the clock.
      return clock.offClock(() => io.evaluate(`${source}\n//# sourceURL=${cfg.bootstrapFile}`))
    },
    call,
  }

  const utf8Bytes = (text: string): number => {
    let bytes = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x80) bytes += 1
      else if (c < 0x800) bytes += 2
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        bytes += 4
        i++
      } else bytes += 3
    }
    return bytes
  }

  // The shim's encoded outcome; a response past the limit is not sent, only its size.
  const outcomeOf = (): Partial<PhaseReport> => {
    const text = loop.safe(() => env.shim?.outcome(), undefined)
    if (typeof text !== 'string') return { outcome: 'N' }
    const limit = cfg.responseLimitBytes
    if (!text.startsWith('J') || text.length * 3 <= limit) return { outcome: text }
    const bytes = utf8Bytes(text) - 1
    return bytes > limit ? { tooLargeBytes: bytes } : { outcome: text }
  }

  const onInvoke = (m: Extract<PageMessage, { t: 'invoke' }>): Job => {
    loop.startPhase(m.startAt, m.deadline)
    const poll = (): Status => {
      const s = env.shim?.status()
      return s === 1 ? 'done' : s === 2 ? 'wait-empty' : 'pending'
    }
    const args = [m.eventJson, m.requestId, Math.floor(m.deadline)]
    const finish: Finish = (how) =>
      loop.report(how, how === 'done' && !(env.phase as Phase).fault ? outcomeOf() : {})
    return loop.job(env.shim?.invoke, args, () => loop.turn(poll, finish))
  }

  const onPrepare = (m: Extract<PageMessage, { t: 'prepare' }>): void => {
    const natives = ['TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone']
    const G = globalThis as unknown as Record<string, unknown>
    const kept = natives.map((name) => G[name])
    const crypto = G.crypto as Crypto | undefined
    const factory = io.evaluate(`${cfg.bootstrapSource}\n//# sourceURL=${cfg.bootstrapFile}`)
    env.shim = (factory as (h: typeof host, o: unknown) => Shim)(host, m.install)
    // Node 22 has these natively; the shim's portable versions are for QuickJS. The frame is not
    // a secure context, so the native crypto lacks randomUUID: the shim's stays, drawing its
    // random bytes from the native generator.
    natives.forEach((name, i) => (G[name] = kept[i]))
    const shimCrypto = G.crypto as { getRandomValues?: unknown } | undefined
    if (crypto && typeof crypto.randomUUID === 'function') G.crypto = crypto
    else if (crypto && shimCrypto) shimCrypto.getRandomValues = crypto.getRandomValues.bind(crypto)
  }

  // An error thrown from a native callback of user code (its own MessageChannel, say) is an
  // uncaught exception, as in Node; a rejection nobody handles is ignored, as the QuickJS kind
  // does.
  io.listen('error', (event) => {
    event.preventDefault()
    if (env.phase && !env.phase.fault) loop.crashOnThrow((event as ErrorEvent).error)
  })
  io.listen('unhandledrejection', (event) => event.preventDefault())
  io.listen('message', (event) => {
    const received = (event as MessageEvent).ports[0]
    if (env.port || !received) return
    env.port = received
    env.send = received.postMessage.bind(received)
    received.onmessage = io.entry((e: MessageEvent<PageMessage>) => {
      const m = e.data
      if (m.t === 'invoke') return onInvoke(m)
      if (m.t === 'answer') onAnswer(m)
      else if (m.t === 'prepare') onPrepare(m)
      else if (m.t === 'init') onInit(m)
      return undefined
    })
  })
}
