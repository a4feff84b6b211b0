/** How Node would load the handler file: as an ES module (`index.mjs`) or CommonJS (`index.js`). */
export type ModuleKind = 'esm' | 'cjs'

// Top-level `import … from`, `import '…'`, `export …` or `import.meta` mark an ES module, as
// Node 22's syntax detection decides for an ambiguous `.js` file.
const ESM_SYNTAX =
  /(^|[\n;])\s*(import\s*[\w*{$'"]|import\s*\.\s*meta|export\s+(default|const|let|var|function|async|class|\{|\*))/

/** Detects ES module syntax in the source. Comments and strings can fool it; Node has the same limit. */
export function detectModuleKind(source: string): ModuleKind {
  return ESM_SYNTAX.test(stripComments(source)) ? 'esm' : 'cjs'
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

/** The handler's module name and export path: `index.handler` → `index`, `handler`. */
export function splitHandler(handler: string): { moduleName: string; exportPath: string } {
  const dot = handler.indexOf('.')
  return { moduleName: handler.slice(0, dot), exportPath: handler.slice(dot + 1) }
}

/** Where the file lives in the guest, and how stack traces name it. */
export function moduleFile(moduleName: string, kind: ModuleKind): string {
  return kind === 'esm' ? `file:///var/task/${moduleName}.mjs` : `/var/task/${moduleName}.js`
}

/** Opening of the CommonJS wrapper, on the module's first line so line numbers stay the user's. */
export const CJS_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {'

/** The user's CommonJS source as a function expression, as Node's module wrapper does it. */
export function wrapCommonJs(source: string): string {
  return `${CJS_WRAPPER_HEAD}${source}\n})`
}

/** Key of the guest global (a registered symbol, never enumerable) through which ES modules require CommonJS files. */
export const REQUIRE_HOOK_SYMBOL = 'lambda-runtime:require'

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * The names an ES module can import from a CommonJS file, found in its text as Node's
 * cjs-module-lexer finds them: `exports.x =`, `module.exports.x =`, `exports['x'] =` and the
 * keys of a `module.exports = { a, b: … }` literal. Names assigned some other way are reachable
 * through the default import only, as in Node.
 */
export function commonJsExportNames(source: string): string[] {
  const text = stripComments(source)
  const names = new Set<string>()
  for (const m of text.matchAll(
    /(?:^|[^\w$.])(?:module\s*\.\s*)?exports\s*\.\s*([A-Za-z_$][\w$]*)\s*=[^=]/g,
  ))
    names.add(m[1] ?? '')
  for (const m of text.matchAll(
    /(?:^|[^\w$.])(?:module\s*\.\s*)?exports\s*\[\s*(['"])([^'"]+)\1\s*\]\s*=[^=]/g,
  ))
    names.add(m[2] ?? '')
  for (const m of text.matchAll(/module\s*\.\s*exports\s*=\s*\{([^}]*)\}/g))
    for (const entry of (m[1] ?? '').split(','))
      names.add(/^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(entry)?.[1] ?? '')
  names.delete('default')
  return [...names].filter((n) => IDENTIFIER.test(n))
}

/**
 * The ES module text that stands for a CommonJS file imported by an ES module: its
 * `module.exports` as the default export and the names `commonJsExportNames` found, read through
 * the shim's require (one evaluation, shared with every `require` of the same file).
 */
export function commonJsFacade(path: string, names: readonly string[]): string {
  const key = JSON.stringify(REQUIRE_HOOK_SYMBOL)
  const named = names.length > 0 ? `export const { ${names.join(', ')} } = m\n` : ''
  return (
    `const m = globalThis[Symbol.for(${key})](${JSON.stringify(path)})\n` +
    named +
    'export default m\n'
  )
}
