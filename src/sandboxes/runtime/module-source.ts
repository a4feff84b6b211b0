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
