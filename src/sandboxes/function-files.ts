import { utf8Length } from '../core/lambda/limits'
import { splitHandler } from './runtime/module-source'
import type { SourceFile, SourceLanguage } from './types'

/**
 * How many files a function may have beside the handler's. Lambda counts no files, only bytes:
 * this is a playground limit, so that the editor's tabs and a share link stay usable.
 */
export const MAX_EXTRA_FILES = 50

/**
 * Total bytes of a function's code (all files, UTF-8). Lambda's limit is 262,144,000 bytes
 * unzipped (250 MB); the playground keeps every file in memory, in the URL of a share link and
 * in the browser's storage, so its limit is much smaller.
 */
export const MAX_CODE_BYTES = 5 * 1024 * 1024

/** Extensions a function's file may have: source that runs, or JSON that `require` reads. */
const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.json']

/** The language a file's name implies: `.ts`, `.mts`, `.cts` are TypeScript. */
export function fileLanguage(name: string): SourceLanguage {
  return /\.[mc]?ts$/.test(name) ? 'typescript' : 'javascript'
}

/**
 * Why `name` cannot be a file of the function, or undefined when it can. `others` are the names
 * already taken (the file being renamed left out); `handler` is the configured `file.export`,
 * whose file the handler tab holds.
 */
export function fileNameProblem(
  name: string,
  others: readonly string[],
  handler: string,
): string | undefined {
  if (name.trim() === '') return 'A file needs a name.'
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    return 'Use a path relative to the function root, not an absolute path.'
  const parts = name.split('/')
  if (parts.includes('..') || parts.includes('.'))
    return "A file name cannot contain '.' or '..' segments."
  if (parts.some((p) => p === ''))
    return 'A file name cannot have empty segments (// or a trailing /).'
  if (/[\\"'`]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20))
    return 'A file name cannot contain backslashes, quotes or control characters.'
  if (!EXTENSIONS.some((ext) => name.endsWith(ext)))
    return `A file name must end in ${EXTENSIONS.join(', ')}.`
  if (name.startsWith('node_modules/')) return 'node_modules is not part of the playground.'
  const base = name.replace(/\.[^./]+$/, '')
  if (base === splitHandler(handler).moduleName)
    return `'${name}' would clash with the handler's file (handler '${handler}').`
  if (others.includes(name)) return `A file named '${name}' already exists.`
  return undefined
}

/**
 * Problems with a deployment's extra files, in Lambda's words where Lambda has a limit: names
 * (as `fileNameProblem`), how many, and the total size with the handler's code.
 */
export function validateFunctionFiles(
  files: readonly SourceFile[],
  handler: string,
  handlerCode: string,
): string[] {
  const problems: string[] = []
  const seen: string[] = []
  for (const file of files) {
    const problem = fileNameProblem(file.name, seen, handler)
    if (problem) problems.push(`${file.name || '(unnamed)'}: ${problem}`)
    seen.push(file.name)
  }
  if (files.length > MAX_EXTRA_FILES)
    problems.push(
      `A function can have at most ${MAX_EXTRA_FILES} files beside the handler's in the playground (this one has ${files.length}).`,
    )
  const bytes = files.reduce((sum, f) => sum + utf8Length(f.code), utf8Length(handlerCode))
  if (bytes > MAX_CODE_BYTES)
    problems.push(
      `Unzipped size must be smaller than ${MAX_CODE_BYTES} bytes (${bytes} bytes; a playground limit: Lambda's is 262144000 bytes unzipped)`,
    )
  return problems
}
