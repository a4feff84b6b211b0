/**
 * Monaco, bundled (no CDN): the editor core, the features the playground uses, JavaScript and
 * TypeScript with IntelliSense for Lambda's types (@types/aws-lambda). Loaded lazily, after the
 * workspace shell has painted; every `monaco-editor` import of the app goes through this folder.
 */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/bracketMatching/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/codeAction/register'
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/comment/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/folding/register'
import 'monaco-editor/features/format/register'
import 'monaco-editor/features/gotoError/register'
import 'monaco-editor/features/hover/register'
import 'monaco-editor/features/indentation/register'
import 'monaco-editor/features/inlayHints/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/multicursor/register'
import 'monaco-editor/features/parameterHints/register'
import 'monaco-editor/features/snippet/register'
import 'monaco-editor/features/suggest/register'
import 'monaco-editor/features/wordHighlighter/register'
import 'monaco-editor/features/wordOperations/register'
import 'monaco-editor/languages/definitions/javascript/register'
import 'monaco-editor/languages/definitions/typescript/register'
import * as typescript from 'monaco-editor/languages/features/typescript/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker'

// Without getWorker the production build cannot start the editor worker (toolchain notes P3).
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker()
    return new EditorWorker()
  },
}

const compilerOptions: typescript.CompilerOptions = {
  target: typescript.ScriptTarget.ESNext,
  module: typescript.ModuleKind.ESNext,
  // NodeJs resolution lets `from 'aws-lambda'` find file:///node_modules/@types/aws-lambda.
  moduleResolution: typescript.ModuleResolutionKind.NodeJs,
  allowNonTsExtensions: true,
  allowJs: true,
  checkJs: true,
  strict: true,
  noEmit: true,
  lib: ['es2023'],
  types: [],
}

for (const defaults of [typescript.typescriptDefaults, typescript.javascriptDefaults]) {
  defaults.setCompilerOptions(compilerOptions)
  defaults.setEagerModelSync(true)
}

/**
 * The Node.js globals a handler may use, typed the way they behave in the playground.
 * (Full @types/node would be 2 MB; this is what the sandbox provides.)
 */
const runtimeGlobals = `
declare var process: { env: Record<string, string | undefined>; version: string; platform: string; arch: string }
declare var console: { log(...a: unknown[]): void; info(...a: unknown[]): void; warn(...a: unknown[]): void;
  error(...a: unknown[]): void; debug(...a: unknown[]): void; trace(...a: unknown[]): void }
declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number
declare function clearTimeout(id?: number): void
declare function setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number
declare function clearInterval(id?: number): void
declare function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): number
declare function queueMicrotask(callback: () => void): void
declare var performance: { now(): number }
declare var module: { exports: any }
declare var exports: any
declare function require(id: string): any
`

const awsLambdaTypes = import.meta.glob('/node_modules/@types/aws-lambda/**/*.d.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

for (const defaults of [typescript.typescriptDefaults, typescript.javascriptDefaults]) {
  defaults.addExtraLib(runtimeGlobals, 'file:///node_modules/@types/lambda-runtime/index.d.ts')
  for (const [path, source] of Object.entries(awsLambdaTypes)) {
    defaults.addExtraLib(source, `file://${path}`)
  }
  defaults.addExtraLib(
    JSON.stringify({ name: '@types/aws-lambda', version: '8.10.0', types: 'index.d.ts' }),
    'file:///node_modules/@types/aws-lambda/package.json',
  )
}

// Test events are JSON; the JSON language service (and its worker) is more than we need, so a
// small tokenizer colours them and the playground checks them itself.
monaco.languages.register({ id: 'event-json' })
monaco.languages.setMonarchTokensProvider('event-json', {
  tokenizer: {
    root: [
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'type'],
      [/"(?:[^"\\]|\\.)*"/, 'string'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/\b(?:true|false|null)\b/, 'keyword'],
      [/[{}[\],:]/, 'delimiter'],
    ],
  },
})
monaco.languages.setLanguageConfiguration('event-json', {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
})

export { monaco, typescript }
/** Number of @types/aws-lambda files given to the TypeScript service. */
export const awsLambdaTypeFiles = Object.keys(awsLambdaTypes).length
