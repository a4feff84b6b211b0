import type { ModuleKind } from './module-source'

/** How a function's extra file loads: an ES module, a CommonJS module, or JSON for `require`. */
export type FileKind = ModuleKind | 'json'

/** One extra file of a function, made runnable (TypeScript stripped) once per deployment. */
export interface PreparedFile {
  /** Path relative to the function root, as the user named it: `utils/format.ts`. */
  name: string
  /** Runnable JavaScript (or the JSON text). */
  code: string
  kind: FileKind
}

/** Where a missing relative import was asked for, to report Node's error. */
export interface MissingImport {
  specifier: string
  /** The importing module's name in the guest (`file:///var/task/index.mjs`, `/var/task/a.js`). */
  importer: string
  /** Node's hint for an ES import that `require` would have found: `./lib.js`. */
  hint?: string
}

const TASK = '/var/task/'

/**
 * The guest name of a file: ES modules are URLs (`file:///var/task/lib.mjs`), as Node names them
 * in stacks; CommonJS modules and JSON are paths (`/var/task/lib.js`).
 */
export function guestName(file: Pick<PreparedFile, 'name' | 'kind'>): string {
  return file.kind === 'esm' ? `file://${TASK}${file.name}` : `${TASK}${file.name}`
}

/** True for `./x`, `../x`, `/x` and `file:///x`: a specifier that names a file, not a package. */
export function isFileSpecifier(specifier: string): boolean {
  return /^(\.\.?\/|\/|file:\/\/)/.test(specifier) || specifier === '.' || specifier === '..'
}

/** The name relative to the function root that `specifier` means from `importer`, or undefined outside it. */
function rootRelative(specifier: string, importer: string): string | undefined {
  const importerPath = importer.replace(/^file:\/\//, '')
  const target = specifier.startsWith('file://')
    ? specifier.slice('file://'.length)
    : specifier.startsWith('/')
      ? specifier
      : importerPath.replace(/[^/]*$/, '') + specifier
  const parts: string[] = []
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  const path = '/' + parts.join('/')
  return path.startsWith(TASK) ? path.slice(TASK.length) : undefined
}

// TypeScript's convention: `./lib.js` in the source names `lib.ts`, whose output it will be.
const TS_TWIN: Record<string, string> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' }

/**
 * A function's extra files by name, and how Node would find one from an import or a require.
 * Shared by both sandbox kinds: pure data, no guest handles.
 */
export class FileTable {
  private readonly files = new Map<string, PreparedFile>()

  constructor(files: readonly PreparedFile[] = []) {
    for (const file of files) this.files.set(file.name, file)
  }

  /** True when the function has no extra files. */
  get empty(): boolean {
    return this.files.size === 0
  }

  /** The file with exactly this name, or its TypeScript twin (`lib.js` → `lib.ts`). */
  private exact(name: string): PreparedFile | undefined {
    const found = this.files.get(name)
    if (found) return found
    const ext = /\.[mc]?js$/.exec(name)?.[0]
    const twin = ext ? TS_TWIN[ext] : undefined
    return twin ? this.files.get(name.slice(0, -(ext?.length ?? 0)) + twin) : undefined
  }

  /**
   * ES module resolution (Node): a relative specifier names its file exactly, extension
   * included; `./lib` without `.js` is not found, with Node's hint when `require` would find it.
   */
  resolveImport(specifier: string, importer: string): PreparedFile | MissingImport {
    const name = rootRelative(specifier, importer)
    const found = name === undefined ? undefined : this.exact(name)
    if (found) return found
    const other = this.resolveRequire(specifier, importer)
    if (!other) return { specifier, importer }
    const from = importer.replace(/^file:\/\//, '').replace(/[^/]*$/, '')
    return {
      specifier,
      importer,
      hint: relativeFrom(from, guestName(other).replace(/^file:\/\//, '')),
    }
  }

  /**
   * CommonJS resolution (Node's LOAD_AS_FILE, then LOAD_AS_DIRECTORY with `index`): `./lib`
   * finds `lib.js`, `lib.json` or `lib/index.js`; TypeScript files count as `.js`.
   */
  resolveRequire(id: string, parent: string): PreparedFile | undefined {
    if (!isFileSpecifier(id)) return undefined
    const name = rootRelative(id, parent)
    if (name === undefined) return undefined
    const bare = name === '' ? 'index' : name
    const candidates = [name, `${bare}.js`, `${bare}.json`, `${bare}.ts`, `${bare}/index.js`]
    for (const candidate of [...candidates, `${bare}/index.json`, `${bare}/index.ts`]) {
      const found = candidate === '' ? undefined : this.exact(candidate)
      if (found) return found
    }
    return undefined
  }
}

/** `./lib.js` or `../a/b.js`: the path of `to` as written from the folder `fromDir`. */
function relativeFrom(fromDir: string, to: string): string {
  const from = fromDir.split('/').filter(Boolean)
  const target = to.split('/').filter(Boolean)
  let common = 0
  while (common < from.length && from[common] === target[common]) common++
  const up = from.slice(common).map(() => '..')
  const rest = target.slice(common)
  const joined = [...up, ...rest].join('/')
  return up.length > 0 ? joined : `./${joined}`
}
