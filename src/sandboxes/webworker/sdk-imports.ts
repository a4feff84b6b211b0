// The tests' tsconfig does not include declaration files under src/: this one comes along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./sucrase-parser.d.ts" />
import { isSdkPackage } from '../runtime/sdk-packages'
import type { SdkImport } from './protocol'

/** A string literal where an ES module names another module: `from`, `import '…'`, `import('…')`. */
export interface ImportLiteral extends SdkImport {
  /** `import('…')`: loaded when the code runs, not before the module does. */
  dynamic: boolean
}

/**
 * Every module specifier an ES module names: the string literal after `from` (`import … from`,
 * `export … from`), after `import` (`import 'p'`), or in `import('p')`. Sucrase's tokenizer (the
 * parser that strips TypeScript) tells strings, comments, templates and regular expressions
 * apart. Code that does not parse gets none: V8 then reports the syntax error.
 */
export async function findImports(code: string): Promise<ImportLiteral[]> {
  const { parse } = await import('sucrase/dist/esm/parser/index.js')
  let tokens: { start: number; end: number }[]
  try {
    tokens = parse(code, false, false, false).tokens
  } catch {
    return []
  }
  const text = (i: number): string => {
    const token = tokens[i]
    return token ? code.slice(token.start, token.end) : ''
  }
  const found: ImportLiteral[] = []
  tokens.forEach((token, i) => {
    const literal = code.slice(token.start, token.end)
    if (!/^['"]/.test(literal)) return
    const specifier = literal.slice(1, -1)
    const before = text(i - 1)
    const dynamic = before === '(' && text(i - 2) === 'import' && text(i - 3) !== '.'
    if (before === 'from' || (before === 'import' && text(i - 2) !== '.') || dynamic)
      found.push({ start: token.start, end: token.end, specifier, dynamic })
  })
  return found
}

/**
 * Finds where an ES module imports a package of the AWS SDK subset (`findImports`). A worker
 * cannot resolve a bare specifier (there are no import maps in workers), so it points each of
 * these at its own module text. The tokenizer is loaded only for code that names an `@aws-sdk/`
 * package.
 */
export async function findSdkImports(code: string): Promise<SdkImport[]> {
  if (!code.includes('@aws-sdk/')) return []
  const found = await findImports(code)
  return found
    .filter((f) => isSdkPackage(f.specifier))
    .map(({ start, end, specifier }) => ({ start, end, specifier }))
}
