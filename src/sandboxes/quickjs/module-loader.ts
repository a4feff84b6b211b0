import type { QuickJSHandle } from 'quickjs-emscripten-core'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { handlerNotFoundError } from '../../core/lambda/errors'
import {
  handlerNotFunctionError,
  missingModuleError,
  requireError,
  userCodeSyntaxError,
} from '../runtime/init-errors'
import type { ModuleKind } from '../runtime/module-source'
import { CJS_WRAPPER_HEAD, moduleFile, splitHandler, wrapCommonJs } from '../runtime/module-source'
import type { PreparedFile } from '../runtime/file-table'
import { missingSdkExportMessage } from '../runtime/sdk-packages'
import { readErrorPayload } from './guest-text'
import type { DumpedError, GuestVm } from './guest-vm'
import type { ShimHandles } from './shim-bridge'
import type { Missing } from './user-files'
import { UserFiles } from './user-files'

/** The user's module as the environment loads it. */
export interface UserModule {
  /** Runnable JavaScript (TypeScript already stripped). */
  code: string
  kind: ModuleKind
  /** `file.export` from the configuration. */
  handler: string
  /** The function's other files (`Deployment.files`), made runnable. Absent: one file. */
  files?: PreparedFile[]
}

/** How loading ended: the handler is installed in the shim, or an init error to report. */
export type LoadResult =
  | { ok: true }
  | { ok: false; error: LambdaErrorPayload; logged: boolean }
  | { ok: 'pending'; promise: QuickJSHandle; finish: () => LoadResult }

/**
 * Loads the user's module the way Lambda's Node runtime does: evaluates it (ESM or CommonJS,
 * with Node's wrapper), turns a SyntaxError into `Runtime.UserCodeSyntaxError`, a missing module
 * into `Runtime.ImportModuleError`, then resolves the handler export. The packages of the AWS SDK
 * subset (runtime/sdk-packages.ts) resolve to the shim's clients, relative imports and requires
 * to the function's other files (user-files.ts); every other import is missing, as in a
 * deployment without dependencies.
 */
export class ModuleLoader {
  private readonly files: UserFiles
  private readonly file: string
  private readonly names: ReturnType<typeof splitHandler>

  constructor(
    private readonly vm: GuestVm,
    private readonly shim: ShimHandles,
    private readonly module: UserModule,
  ) {
    this.names = splitHandler(module.handler)
    this.file = moduleFile(this.names.moduleName, module.kind)
    this.files = new UserFiles(vm, module.files)
    this.files.install(shim)
  }

  /** Starts loading. A module with top-level await returns `pending` with its promise. */
  load(): LoadResult {
    return this.module.kind === 'esm' ? this.loadEsm() : this.loadCommonJs()
  }

  private loadEsm(): LoadResult {
    this.registerSource()
    let failure: LoadResult | undefined
    const result = this.vm.guard(() =>
      this.vm.ctx.evalCode(this.module.code, this.file, { type: 'module' }),
    )
    const ns = this.vm.unwrap(result, (e, h) => (failure = this.evalError(e, h)))
    if (!ns) return failure ?? { ok: false, error: this.faultPlaceholder(), logged: false }
    const state = this.vm.ctx.getPromiseState(ns)
    if (state.type === 'fulfilled' && state.notAPromise) return this.resolve(ns)
    return { ok: 'pending', promise: ns, finish: () => this.finishEsm(ns) }
  }

  private finishEsm(promise: QuickJSHandle): LoadResult {
    const state = this.vm.ctx.getPromiseState(promise)
    promise.dispose()
    if (state.type === 'fulfilled') return this.resolve(state.value)
    if (state.type === 'rejected') {
      const dumped = this.vm.dumpError(state.error)
      const failure = this.evalError(dumped, state.error)
      state.error.dispose()
      return failure
    }
    return { ok: false, error: this.faultPlaceholder(), logged: false }
  }

  private loadCommonJs(): LoadResult {
    let failure: LoadResult | undefined
    const onError = (e: DumpedError, h: QuickJSHandle): void => {
      failure = this.evalError(e, h)
    }
    const wrapper = this.vm.unwrap(
      this.vm.guard(() =>
        this.vm.ctx.evalCode(wrapCommonJs(this.module.code), this.file, { type: 'global' }),
      ),
      onError,
    )
    if (!wrapper) return failure ?? { ok: false, error: this.faultPlaceholder(), logged: false }
    const file = this.vm.ctx.newString(this.file)
    const offset = this.vm.ctx.newNumber(CJS_WRAPPER_HEAD.length)
    const exportsObject = this.vm.call(
      this.shim.get('loadCommonJs'),
      [wrapper, file, offset],
      onError,
    )
    for (const h of [wrapper, file, offset]) h.dispose()
    if (!exportsObject)
      return failure ?? { ok: false, error: this.faultPlaceholder(), logged: false }
    return this.resolve(exportsObject)
  }

  /**
   * Hands the module's text to the shim, so that error messages can name the expression that
   * failed (`body.trim is not a function`), as V8 does. CommonJS modules hand it over themselves.
   */
  private registerSource(): void {
    const file = this.vm.ctx.newString(this.file)
    const text = this.vm.ctx.newString(this.module.code)
    this.vm.call(this.shim.get('registerSource'), [file, text], () => {})?.dispose()
    file.dispose()
    text.dispose()
  }

  private resolve(exportsObject: QuickJSHandle): LoadResult {
    const path = this.vm.ctx.newString(this.names.exportPath)
    const status = this.vm.call(this.shim.get('resolveHandler'), [exportsObject, path], () => {})
    path.dispose()
    exportsObject.dispose()
    const text = status ? this.vm.ctx.getString(status) : 'missing'
    status?.dispose()
    if (text === 'ok') return { ok: true }
    const error =
      text === 'not-function'
        ? handlerNotFunctionError(this.module.handler)
        : handlerNotFoundError(this.module.handler)
    return { ok: false, error, logged: false }
  }

  private evalError(error: DumpedError, handle: QuickJSHandle): LoadResult {
    const missing = this.files.missing
    if (missing) return { ok: false, error: this.importError(missing), logged: false }
    if (error.code === 'MODULE_NOT_FOUND' && typeof error.message === 'string') {
      const id = /Cannot find module '([^']*)'/.exec(error.message)?.[1] ?? ''
      return { ok: false, error: requireError(error.message, id, this.file), logged: false }
    }
    if (error.name === 'SyntaxError') {
      return { ok: false, error: this.syntaxError(error), logged: false }
    }
    const json = this.vm.call(this.shim.get('initError'), [handle], () => {})
    const text = json && this.vm.ctx.typeof(json) === 'string' ? this.vm.ctx.getString(json) : ''
    json?.dispose()
    const payload = readErrorPayload(text) ?? {
      errorType: String(error.name ?? 'Error'),
      errorMessage: String(error.message ?? ''),
    }
    return { ok: false, error: payload, logged: true }
  }

  /** Node's error for an ES import that found nothing, from the module that asked. */
  private importError(missing: Missing): LambdaErrorPayload {
    const importer = missing.importer === '' ? this.file : missing.importer
    // A CommonJS handler reaches ES imports only through a file it required.
    return missingModuleError(missing.specifier, importer, true, missing.hint)
  }

  private syntaxError(error: DumpedError): LambdaErrorPayload {
    // Node's wording for a named import the SDK subset lacks, with what it has.
    const sdkExport = missingSdkExportMessage(String(error.message))
    if (sdkExport !== undefined) return userCodeSyntaxError(sdkExport, this.file, undefined)
    // A syntax error in another file of the function names that file (QuickJS's fileName).
    const named = (error as { fileName?: unknown }).fileName
    const file = typeof named === 'string' && named.includes('/var/task/') ? named : this.file
    const stack = typeof error.stack === 'string' ? error.stack : ''
    const match = /:(\d+)(?::\d+)?\)?\s*$/m.exec(stack)
    const line =
      typeof error.lineNumber === 'number' ? error.lineNumber : match ? Number(match[1]) : undefined
    return userCodeSyntaxError(String(error.message), file, line)
  }

  /** Stands in while a fault (timeout, OOM, crash) decides the real error. */
  private faultPlaceholder(): LambdaErrorPayload {
    return { errorType: 'Runtime.Unknown', errorMessage: 'Unknown application error occurred' }
  }
}
