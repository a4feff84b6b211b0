import type { QuickJSHandle, VmCallResult } from 'quickjs-emscripten-core'
import type { MissingImport, PreparedFile } from '../runtime/file-table'
import { FileTable, guestName, isFileSpecifier } from '../runtime/file-table'
import {
  CJS_WRAPPER_HEAD,
  commonJsExportNames,
  commonJsFacade,
  wrapCommonJs,
} from '../runtime/module-source'
import { isSdkPackage, sdkModuleSource } from '../runtime/sdk-packages'
import type { GuestVm } from './guest-vm'
import type { ShimHandles } from './shim-bridge'

/** What the guest asked for and did not find: a package, or a file with Node's hint. */
export type Missing = MissingImport

/**
 * A function's extra files in one QuickJS environment: the ES module loader (`import './lib.js'`,
 * each module evaluated once per context, as QuickJS keeps them by name) and the finder that
 * the shim's CommonJS `require` calls. A CommonJS file is compiled on first require, in its own
 * file name, so syntax errors and stacks name it.
 */
export class UserFiles {
  /** The first import that failed, for Node's `ERR_MODULE_NOT_FOUND` message. */
  missing: Missing | undefined
  private readonly table: FileTable

  constructor(
    private readonly vm: GuestVm,
    files: readonly PreparedFile[] | undefined,
  ) {
    this.table = new FileTable(files)
  }

  /** Installs the ES module loader, and the file finder in the shim when there are files. */
  install(shim: ShimHandles): void {
    this.vm.runtime.setModuleLoader(
      (name) => this.load(name),
      (base, requested) => this.normalize(base, requested),
    )
    if (this.table.empty) return
    const { ctx } = this.vm
    const finder = ctx.newFunction('findFile', (id, parent) => this.find(id, parent))
    this.vm.call(shim.get('setFileLoader'), [finder], () => {})?.dispose()
    finder.dispose()
  }

  private normalize(base: string, requested: string): string | { error: Error } {
    if (!isFileSpecifier(requested)) {
      if (isSdkPackage(requested)) return requested
      // A package: none is installed. Recorded here, where the importing module is known.
      this.missing ??= { specifier: requested, importer: base }
      return { error: new Error(`Cannot find package '${requested}'`) }
    }
    const found = this.table.resolveImport(requested, base)
    if ('kind' in found) return `file:///var/task/${found.name}`
    this.missing ??= found
    return { error: new Error(`Cannot find module '${requested}'`) }
  }

  private load(name: string): string | { error: Error } {
    if (isSdkPackage(name)) return sdkModuleSource(name)
    const file = name.startsWith('file:///var/task/')
      ? this.table.resolveImport(name, 'file:///var/task/')
      : undefined
    if (file && 'kind' in file) {
      if (file.kind === 'esm') return file.code
      if (file.kind === 'cjs')
        return commonJsFacade(guestName(file), commonJsExportNames(file.code))
      // Node needs `with { type: 'json' }` for JSON; the playground serves the value as default.
      return `export default ${file.code}`
    }
    this.missing ??= { specifier: name, importer: '' }
    return { error: new Error(`Cannot find module '${name}'`) }
  }

  /** The shim's `require` finder: `{ path, kind, wrapper, offset, text }` or null. */
  private find(idHandle: QuickJSHandle, parentHandle: QuickJSHandle): VmCallResult<QuickJSHandle> {
    const { ctx } = this.vm
    if (ctx.typeof(idHandle) !== 'string') return { value: ctx.null }
    const file = this.table.resolveRequire(ctx.getString(idHandle), ctx.getString(parentHandle))
    if (!file) return { value: ctx.null }
    const path = guestName(file)
    const record = ctx.newObject()
    const set = (key: string, value: QuickJSHandle): void => {
      ctx.setProp(record, key, value)
      value.dispose()
    }
    set('path', ctx.newString(path))
    set('kind', ctx.newString(file.kind))
    if (file.kind === 'json') set('text', ctx.newString(file.code))
    if (file.kind === 'cjs') {
      const compiled = ctx.evalCode(wrapCommonJs(file.code), path, { type: 'global' })
      if (compiled.error) {
        record.dispose()
        return { error: compiled.error }
      }
      set('wrapper', compiled.value)
      set('offset', ctx.newNumber(CJS_WRAPPER_HEAD.length))
    }
    return { value: record }
  }
}
