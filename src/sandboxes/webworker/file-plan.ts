import type { LambdaErrorPayload } from '../../core/lambda/errors'
import type { UserModule } from '../quickjs/module-loader'
import type { MissingImport, PreparedFile } from '../runtime/file-table'
import { FileTable, guestName, isFileSpecifier } from '../runtime/file-table'
import {
  commonJsExportNames,
  commonJsFacade,
  moduleFile,
  splitHandler,
} from '../runtime/module-source'
import { isSdkPackage } from '../runtime/sdk-packages'
import type { FileImport, SdkImport, WorkerFile, WorkerFiles } from './protocol'
import { findImports } from './sdk-imports'

/**
 * How the worker loads a function's files, worked out once per deployment on the page: each ES
 * text's imports of the SDK subset and of other files (resolved by `FileTable`, as the QuickJS
 * kind resolves them), the order to make their blob URLs in (a blob's text must hold the URLs
 * of what it imports, so dependencies first), and what `require` finds for each name.
 */
export interface FilePlan {
  sdkImports: SdkImport[]
  fileImports: FileImport[]
  files?: WorkerFiles
  /** The first static import that finds no file: Node fails at link time, before any code. */
  missing?: MissingImport
  /** ES modules that import each other in a cycle (names, the first one again at the end). */
  cycle?: string[]
}

/** Every name `require` could be given that finds a file (`lib.js`, `lib`, `lib/index.js` → `lib`). */
function requireNames(table: FileTable, files: readonly PreparedFile[]): Record<string, string> {
  const keys = new Set<string>([''])
  for (const { name } of files) {
    keys.add(name)
    keys.add(name.replace(/\.[^./]*$/, ''))
    keys.add(name.replace(/\.([mc]?)ts$/, '.$1js'))
    const dir = /^(.*)\/index\.(js|json|ts)$/.exec(name)?.[1]
    if (dir !== undefined) keys.add(dir)
    if (/^index\.(js|json|ts)$/.test(name)) keys.add('')
  }
  const names: Record<string, string> = {}
  for (const key of keys) {
    const found = table.resolveRequire(`/var/task/${key}`, '/var/task/index.js')
    if (found) names[key] = found.name
  }
  return names
}

/** The ES text a file stands for when an ES module imports it. */
function facadeOf(file: PreparedFile): string | undefined {
  if (file.kind === 'cjs') return commonJsFacade(guestName(file), commonJsExportNames(file.code))
  // Node needs `with { type: 'json' }` for JSON; the playground serves the value as default.
  if (file.kind === 'json') return `export default ${file.code}`
  return undefined
}

interface Walk {
  table: FileTable
  byName: Map<string, WorkerFile>
  done: Set<string>
  path: string[]
  plan: FilePlan
  files: WorkerFiles
}

/** Finds an ES text's imports and walks into the files they name (depth first, in source order). */
async function visit(
  walk: Walk,
  code: string,
  importer: string,
  statically: boolean,
): Promise<{ sdk: SdkImport[]; files: FileImport[] }> {
  const sdk: SdkImport[] = []
  const files: FileImport[] = []
  for (const { start, end, specifier, dynamic } of await findImports(code)) {
    if (isSdkPackage(specifier)) sdk.push({ start, end, specifier })
    else if (!isFileSpecifier(specifier) && !dynamic && walk.byName.size > 0)
      walk.plan.missing ??= { specifier, importer }
    if (!isFileSpecifier(specifier)) continue
    const found = walk.table.resolveImport(specifier, importer)
    if (!('kind' in found)) {
      if (!dynamic) walk.plan.missing ??= found
      continue
    }
    files.push({ start, end, specifier, file: found.name })
    await enter(walk, found, statically && !dynamic)
  }
  return { sdk, files }
}

async function enter(walk: Walk, file: PreparedFile, statically: boolean): Promise<void> {
  if (walk.path.includes(file.name)) {
    walk.plan.cycle ??= [...walk.path.slice(walk.path.indexOf(file.name)), file.name]
    return
  }
  if (walk.done.has(file.name)) return
  walk.done.add(file.name)
  const target = walk.byName.get(file.name)
  if (!target) return
  if (file.kind === 'esm') {
    walk.path.push(file.name)
    const found = await visit(walk, file.code, guestName(file), statically)
    walk.path.pop()
    if (found.sdk.length > 0) target.sdkImports = found.sdk
    if (found.files.length > 0) target.fileImports = found.files
  } else {
    const facade = facadeOf(file)
    if (facade !== undefined) target.facade = facade
  }
  walk.files.esOrder.push(file.name)
  if (statically) walk.files.firstEvaluated ??= file.name
}

/** The plan for a prepared module (one file: its SDK imports only). */
export async function planFiles(module: UserModule): Promise<FilePlan> {
  const list = module.files ?? []
  const plan: FilePlan = { sdkImports: [], fileImports: [] }
  const table = new FileTable(list)
  const files: WorkerFiles = {
    list: list.map((f) => ({ name: f.name, path: guestName(f), kind: f.kind, code: f.code })),
    requireNames: requireNames(table, list),
    esOrder: [],
  }
  if (list.length > 0) plan.files = files
  if (module.kind !== 'esm') return plan
  if (list.length === 0 && !module.code.includes('@aws-sdk/')) return plan
  const entry = moduleFile(splitHandler(module.handler).moduleName, 'esm')
  const byName = new Map(files.list.map((f) => [f.name, f]))
  const entryName = entry.replace('file:///var/task/', '')
  const walk: Walk = { table, byName, done: new Set(), path: [entryName], plan, files }
  const found = await visit(walk, module.code, entry, true)
  plan.sdkImports = found.sdk
  plan.fileImports = found.files
  return plan
}

/** Why INIT cannot load ES modules in a cycle here: blob URLs cannot name each other. */
export function cycleError(cycle: readonly string[]): LambdaErrorPayload {
  const message =
    `Error: ES modules that import each other in a cycle (${cycle.join(' → ')}) cannot be ` +
    'loaded in the Web Worker sandbox (each module is a blob URL, made after the modules it ' +
    'imports). Break the cycle, or run the function in the QuickJS sandbox.'
  return {
    errorType: 'Runtime.ImportModuleError',
    errorMessage: message,
    trace: [`Runtime.ImportModuleError: ${message}`],
  }
}
