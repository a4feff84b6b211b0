import type { EnvFiles } from './env-types'
import type { Primitives } from './lock-down'
import type { SdkImport, WorkerFile, WorkerFiles } from './protocol'

/**
 * The function's other files in the worker (turned into text: it may use nothing from this
 * module's scope). `find` is the shim's CommonJS finder (`shim.setFileLoader`): Node's path
 * rules on `id` from `parent`, then the page's table of names (`requireNames`, made with
 * `FileTable.resolveRequire`); a CommonJS file is compiled on first require, named by its path
 * (`/var/task/lib.js`). `esUrls` makes a blob URL for each file ES modules import, dependencies
 * first, each text's imports pointed at the URLs already made; `named` turns those URLs back into
 * the files' names in a message.
 */
export function makeFiles(
  io: Primitives,
  files: WorkerFiles | undefined,
  compile: (code: string, file: string) => [unknown, number],
  hiddenFile: string,
): EnvFiles {
  const byName = new Map<string, WorkerFile>()
  for (const file of files?.list ?? []) byName.set(file.name, file)
  const names = new Map<string, string>(Object.entries(files?.requireNames ?? {}))
  const urls = new Map<string, string>()
  const paths = new Map<string, string>()

  const rootRelative = (id: string, parent: string): string | undefined => {
    if (!/^(\.\.?\/|\/|file:\/\/)/.test(id) && id !== '.' && id !== '..') return undefined
    const target = id.startsWith('file://')
      ? id.slice('file://'.length)
      : id.startsWith('/')
        ? id
        : parent.replace(/^file:\/\//, '').replace(/[^/]*$/, '') + id
    const parts: string[] = []
    for (const part of target.split('/')) {
      if (part === '' || part === '.') continue
      if (part === '..') parts.pop()
      else parts.push(part)
    }
    const path = '/' + parts.join('/')
    return path.startsWith('/var/task/') ? path.slice('/var/task/'.length) : undefined
  }

  const find = (id: unknown, parent: unknown): Record<string, unknown> | null => {
    if (typeof id !== 'string' || typeof parent !== 'string') return null
    const name = rootRelative(id, parent)
    const found = name === undefined ? undefined : names.get(name)
    const file = found === undefined ? undefined : byName.get(found)
    if (!file) return null
    if (file.kind === 'json') return { path: file.path, kind: 'json', text: file.code }
    if (file.kind === 'esm') return { path: file.path, kind: 'esm' }
    try {
      const [wrapper, offset] = compile(file.code, file.path)
      return { path: file.path, kind: 'cjs', wrapper, offset }
    } catch (error) {
      // The loader reports a syntax error in the file it names (the page finds the line).
      if (typeof error === 'object' && error !== null)
        Object.defineProperty(error, 'lambdaFile', { value: file.path })
      throw error
    }
  }

  /** The code with each import literal found on the page replaced by its module's URL. */
  const pointed = (code: string, found: readonly SdkImport[], url: (s: SdkImport) => unknown) => {
    let text = code
    for (const item of [...found].sort((a, b) => b.start - a.start)) {
      const to = url(item)
      const literal = text.slice(item.start, item.end)
      if (typeof to !== 'string' || literal.slice(1, -1) !== item.specifier) continue
      text = text.slice(0, item.start) + JSON.stringify(to) + text.slice(item.end)
    }
    return text
  }

  const esUrls: EnvFiles['esUrls'] = (rewrite, marked, register) => {
    for (const name of files?.esOrder ?? []) {
      const file = byName.get(name)
      if (!file || urls.has(name)) continue
      const esm = file.kind === 'esm'
      if (esm) register(file.path, file.code)
      let text = esm ? rewrite(file) : (file.facade ?? '')
      if (name === files?.firstEvaluated) text = marked(text)
      // A facade is the runtime's own glue: its frames are hidden as the shim's are.
      const url = io.blobUrl(`${text}\n//# sourceURL=${esm ? file.path : hiddenFile}`)
      urls.set(name, url)
      paths.set(url, file.path)
    }
  }

  const named = (message: string): string => {
    let text = message
    for (const [url, path] of paths) text = text.split(url).join(path)
    return text
  }

  return { find, esUrls, urlOf: (name) => urls.get(name), pointed, named }
}
