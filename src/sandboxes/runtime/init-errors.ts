import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { unsupportedSdkNote } from './sdk-packages'

/** Frames of Lambda's own loader, as they appear under Node 22 (`/var/runtime/index.mjs`). */
const LOADER_FRAMES = [
  '    at _loadUserApp (file:///var/runtime/index.mjs:1087:17)',
  '    at async UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1119:21)',
  '    at async start (file:///var/runtime/index.mjs:1282:23)',
  '    at async file:///var/runtime/index.mjs:1288:1',
]

/** QuickJS's parser messages → V8's (Node 22), where the V8 message needs nothing more. */
const V8_SYNTAX: [RegExp, string][] = [
  [/^unexpected token in expression: ''$/, 'Unexpected end of input'],
  [/^unexpected token in expression: '(.+)'$/, "Unexpected token '$1'"],
  [/^invalid assignment left-hand side$/, 'Invalid left-hand side in assignment'],
  [/^missing initializer for const variable$/, 'Missing initializer in const declaration'],
  [/^unexpected end of string$/, 'Invalid or unexpected token'],
  [/^function name expected$/, 'Function statements require a function name'],
  [/^return not in a function$/, 'Illegal return statement'],
]

/** V8's wording of a QuickJS syntax error message; an unknown message is returned as it is. */
export function v8SyntaxMessage(message: string): string {
  for (const [pattern, v8] of V8_SYNTAX)
    if (pattern.test(message)) return message.replace(pattern, v8)
  return message
}

/**
 * `Runtime.UserCodeSyntaxError`: Lambda wraps the SyntaxError, so the message starts with
 * `SyntaxError: `. Node prints the file and line of the error; we keep them in the trace.
 */
export function userCodeSyntaxError(
  message: string,
  file: string,
  line: number | undefined,
): LambdaErrorPayload {
  const errorMessage = `SyntaxError: ${v8SyntaxMessage(message)}`
  const where = line === undefined ? [] : [`    at ${file}:${line}`]
  return {
    errorType: 'Runtime.UserCodeSyntaxError',
    errorMessage,
    trace: [`Runtime.UserCodeSyntaxError: ${errorMessage}`, ...where, ...LOADER_FRAMES],
  }
}

/**
 * `Runtime.ImportModuleError` for a module the single-file playground cannot provide. The
 * message is Node's: `Cannot find module` with the require stack for CommonJS, and
 * `Cannot find package … imported from …` for an ES module import.
 */
export function importModuleError(
  specifier: string,
  file: string,
  esm: boolean,
): LambdaErrorPayload {
  const bare = !specifier.startsWith('.') && !specifier.startsWith('/')
  const inner = esm
    ? bare
      ? `Error [ERR_MODULE_NOT_FOUND]: Cannot find package '${specifier}' imported from ${file.replace('file://', '')}`
      : `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${new URL(specifier, file).pathname}' imported from ${file.replace('file://', '')}`
    : `Error: Cannot find module '${specifier}'\nRequire stack:\n- ${file}\n- /var/runtime/index.mjs`
  return {
    errorType: 'Runtime.ImportModuleError',
    errorMessage: inner,
    trace: [`Runtime.ImportModuleError: ${inner}`.split('\n'), LOADER_FRAMES].flat(),
  }
}

/**
 * `Runtime.ImportModuleError` for a module that cannot be found, as both sandbox kinds report
 * it: for an `@aws-sdk/*` package outside the subset the message and the trace go on to name
 * the packages the playground provides; for a file `require` would have found, Node's hint.
 */
export function missingModuleError(
  specifier: string,
  file: string,
  esm: boolean,
  hint?: string,
): LambdaErrorPayload {
  const error = importModuleError(specifier, file, esm)
  const note =
    unsupportedSdkNote(specifier) ??
    (hint === undefined ? undefined : `Did you mean to import ${JSON.stringify(hint)}?`)
  if (note === undefined) return error
  const messageLines = error.errorMessage.split('\n').length
  const trace = [...(error.trace ?? [])]
  trace.splice(messageLines, 0, note)
  return { ...error, errorMessage: `${error.errorMessage}\n${note}`, trace }
}

/**
 * `Runtime.ImportModuleError` carrying the guest's own `Cannot find module` message, whose
 * require stack names every file on the way (`- /var/task/lib.js\n- /var/task/index.js\n- …`).
 */
export function requireError(message: string, id: string, file: string): LambdaErrorPayload {
  const base = importModuleError(id, file, false)
  const note = unsupportedSdkNote(id)
  const inner = note === undefined ? `Error: ${message}` : `Error: ${message}\n${note}`
  const skip = base.errorMessage.split('\n').length
  return {
    errorType: base.errorType,
    errorMessage: inner,
    trace: [
      ...`Runtime.ImportModuleError: ${inner}`.split('\n'),
      ...(base.trace ?? []).slice(skip),
    ],
  }
}

/** `index.handler is not a function`: the export exists but cannot be called. */
export function handlerNotFunctionError(handler: string): LambdaErrorPayload {
  return {
    errorType: 'Runtime.HandlerNotFound',
    errorMessage: `${handler} is not a function`,
    trace: [
      `Runtime.HandlerNotFound: ${handler} is not a function`,
      '    at UserFunction.js.module.exports.load (file:///var/runtime/index.mjs:1125:15)',
    ],
  }
}

/** The runtime process died (a host-side trap, or `process.exit`). */
export function runtimeExitError(requestId: string, reason: string): LambdaErrorPayload {
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited ${reason}`,
  }
}

/** The `Uncaught Exception` log line's JSON for a runtime-wrapped error (stack as lines). */
export function formattedForLog(error: LambdaErrorPayload): string {
  return `\t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace ?? [] })}`
}
