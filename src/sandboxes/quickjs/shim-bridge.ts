import type { QuickJSHandle } from 'quickjs-emscripten-core'
import type { FunctionConfig } from '../../core/lambda/function-config'
import type { LogLevel } from '../../core/lambda/log-lines'
import { BOOTSTRAP_FILE, BOOTSTRAP_SOURCE } from '../runtime/bootstrap'
import { LAZY_PARTS } from '../runtime/format-part'
import { SDK_PARTS } from '../runtime/sdk-clients'
import { runtimeExitError } from '../runtime/init-errors'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import type { GuestVm } from './guest-vm'
import { readErrorPayload, unreadableExitError } from './guest-text'

/**
 * Node versions the shim reports for each runtime (the managed runtime's version at writing);
 * every kind of sandbox installs the shim with these.
 */
export const NODE_VERSIONS: Record<FunctionConfig['runtime'], { version: string; lts: string }> = {
  'nodejs22.x': { version: 'v22.14.0', lts: 'Jod' },
  'nodejs20.x': { version: 'v20.19.1', lts: 'Iron' },
}

const LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']

/** Where the shim's log lines and service calls go on the host. */
export interface ShimHost {
  log(level: LogLevel, message: string): void
  /**
   * A call the guest made through the AWS SDK subset (runtime/sdk-bridge.ts); the host answers
   * it later with the shim's `completeCall(id, ok, text)`, or refuses it at once (false: too many
   * calls outstanding). Absent: the call is refused.
   */
  call?(id: number, service: string, operation: string, requestJson: string): boolean
}

/** The shim's functions the host calls, as guest handles owned by the environment. */
export interface ShimHandles {
  shim: QuickJSHandle
  get(name: string): QuickJSHandle
  dispose(): void
}

/** What the shim's installation depends on: a sandbox prepared for one fits any other alike. */
export type ShimConfig = Pick<FunctionConfig, 'runtime' | 'architecture'>

/**
 * Installs the runtime shim in the guest: host functions `now`, `log`, `exit`, `crash`,
 * `overdue`, `compile` (a lazily compiled part of the shim, by name), `call` (a service call
 * of the SDK bridge), then the bootstrap, which replaces the globals and returns the shim
 * object. The host functions are passed as arguments and never stored on `globalThis`.
 * `host.log` and `host.call` are looked up at each call, so a sandbox prepared ahead of time can
 * point them at the environment that opens it.
 *
 * The environment's variables and the clock's origin are not set here: `configureShim` sets
 * them when the environment opens, before any user code runs.
 */
export function installShim(vm: GuestVm, config: ShimConfig, host: ShimHost): ShimHandles {
  const { ctx } = vm
  const hostObject = ctx.newObject()
  const fns = {
    now: ctx.newFunction('now', () => ctx.newNumber(vm.clock.now())),
    log: ctx.newFunction('log', (level, message) => {
      const name = ctx.getString(level) as LogLevel
      host.log(LEVELS.includes(name) ? name : 'INFO', ctx.getString(message))
    }),
    exit: ctx.newFunction('exit', (code) => {
      const n = ctx.getNumber(code)
      const reason = n === 0 ? 'without providing a reason' : `with error: exit status ${n}`
      vm.setFault({ kind: 'crash', error: runtimeExitError(vm.requestId ?? 'undefined', reason) })
    }),
    // Whether the deadline has passed, asked after long native calls (bootstrap.ts).
    overdue: ctx.newFunction('overdue', () => (vm.overdue() ? ctx.true : ctx.false)),
    // Rarely used parts of the shim, compiled when first needed (runtime/format-part.ts; the
    // AWS SDK subset, runtime/sdk-clients.ts).
    compile: ctx.newFunction('compile', (name) => {
      const key = ctx.getString(name)
      const parts = Object.hasOwn(LAZY_PARTS, key) ? LAZY_PARTS : SDK_PARTS
      const source = Object.hasOwn(parts, key) ? parts[key] : undefined
      if (source === undefined) return ctx.undefined
      return vm.clock.offClock(() => ctx.unwrapResult(ctx.evalCode(source, BOOTSTRAP_FILE)))
    }),
    // What the SDK bridge passes is the shim's own (numbers and strings); reading it must not
    // throw into the guest all the same.
    call: ctx.newFunction('call', (id, service, operation, requestJson) => {
      try {
        const read = (h: QuickJSHandle): string => ctx.getString(h)
        const n = ctx.getNumber(id)
        const sent = host.call?.(n, read(service), read(operation), read(requestJson)) ?? false
        return sent ? ctx.true : ctx.false
      } catch {
        return ctx.false
      }
    }),
    // An uncaught exception ends the process even when its body cannot be read: this function
    // must never throw (a throw here would reach the guest, which could swallow it).
    crash: ctx.newFunction('crash', (payloadJson) => {
      vm.setFault({ kind: 'crash', error: crashBody(vm, () => ctx.getString(payloadJson)) })
    }),
  }
  for (const [name, fn] of Object.entries(fns)) {
    ctx.setProp(hostObject, name, fn)
    fn.dispose()
  }
  const node = NODE_VERSIONS[config.runtime]
  const options = ctx.unwrapResult(
    ctx.evalCode(
      `(${JSON.stringify({
        env: {},
        nodeVersion: node.version,
        lts: node.lts,
        arch: config.architecture === 'arm64' ? 'arm64' : 'x64',
      })})`,
      BOOTSTRAP_FILE,
    ),
  )
  const factory = ctx.unwrapResult(ctx.evalCode(BOOTSTRAP_SOURCE, BOOTSTRAP_FILE))
  const shim = ctx.unwrapResult(ctx.callFunction(factory, ctx.undefined, hostObject, options))
  factory.dispose()
  options.dispose()
  hostObject.dispose()
  const cache = new Map<string, QuickJSHandle>()
  return {
    shim,
    get(name) {
      let handle = cache.get(name)
      if (!handle) {
        handle = ctx.getProp(shim, name)
        cache.set(name, handle)
      }
      return handle
    },
    dispose() {
      for (const handle of cache.values()) handle.dispose()
      shim.dispose()
    },
  }
}

/** The error body the shim handed to `crash`, or the runtime's exit when it is unreadable. */
function crashBody(vm: GuestVm, read: () => string): LambdaErrorPayload {
  let text = ''
  try {
    text = read()
  } catch {
    // Not a string: fall through to the unreadable body.
  }
  return readErrorPayload(text) ?? unreadableExitError(vm.requestId, 'uncaught exception')
}

/** The fields of the handler's `context` object that stay the same for an environment's life. */
export interface ContextConstants {
  functionVersion: string
  functionName: string
  memoryLimitInMB: string
  logGroupName: string
  logStreamName: string
  invokedFunctionArn: string
}

/**
 * Opens a prepared shim for one environment: sets `process.env`, the constant fields of the
 * handler's `context`, and the origin of `performance.now()` to the clock's time now. Not a timed
 * segment: like the installation, it is the platform's work, not the function's, and the clock
 * stays where INIT will start.
 */
export function configureShim(
  vm: GuestVm,
  shim: ShimHandles,
  env: Record<string, string>,
  context: ContextConstants,
): void {
  const { ctx } = vm
  const args = [ctx.newString(JSON.stringify(env)), ctx.newString(JSON.stringify(context))]
  const result = ctx.callFunction(shim.get('configure'), ctx.undefined, ...args)
  for (const h of args) h.dispose()
  ctx.unwrapResult(result).dispose()
}
