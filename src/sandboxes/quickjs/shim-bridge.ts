import type { QuickJSHandle } from 'quickjs-emscripten-core'
import type { FunctionConfig } from '../../core/lambda/function-config'
import type { LogLevel } from '../../core/lambda/log-lines'
import { BOOTSTRAP_FILE, BOOTSTRAP_SOURCE } from '../runtime/bootstrap'
import { runtimeExitError } from '../runtime/init-errors'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import type { GuestVm } from './guest-vm'

/** Node versions the shim reports for each runtime (the managed runtime's version at writing). */
const NODE_VERSIONS: Record<FunctionConfig['runtime'], { version: string; lts: string }> = {
  'nodejs22.x': { version: 'v22.14.0', lts: 'Jod' },
  'nodejs20.x': { version: 'v20.19.1', lts: 'Iron' },
}

const LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']

/** Where the shim's log lines and faults go on the host. */
export interface ShimHost {
  log(level: LogLevel, message: string): void
}

/** The shim's functions the host calls, as guest handles owned by the environment. */
export interface ShimHandles {
  shim: QuickJSHandle
  get(name: string): QuickJSHandle
  dispose(): void
}

/**
 * Installs the runtime shim in the guest: host functions `now`, `log`, `exit`, `crash`, then the
 * bootstrap, which replaces the globals and returns the shim object. The host functions are
 * passed as arguments and never stored on `globalThis`.
 */
export function installShim(
  vm: GuestVm,
  config: FunctionConfig,
  env: Record<string, string>,
  host: ShimHost,
): ShimHandles {
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
    crash: ctx.newFunction('crash', (payloadJson) => {
      vm.setFault({
        kind: 'crash',
        error: JSON.parse(ctx.getString(payloadJson)) as LambdaErrorPayload,
      })
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
        env,
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
