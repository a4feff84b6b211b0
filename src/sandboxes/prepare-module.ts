import type { LambdaErrorPayload } from '../core/lambda/errors'
import { fileLanguage, validateFunctionFiles } from './function-files'
import type { UserModule } from './quickjs/module-loader'
import type { FileKind, PreparedFile } from './runtime/file-table'
import { guestName } from './runtime/file-table'
import { userCodeSyntaxError } from './runtime/init-errors'
import { detectModuleKind, moduleFile, splitHandler } from './runtime/module-source'
import { toRunnableJs, transpileErrorLine } from './transpile'
import type { Deployment, SourceFile } from './types'

/** A deployment's code made runnable, or the syntax error that stops it at INIT. */
export type PreparedModule =
  { ok: true; module: UserModule } | { ok: false; error: LambdaErrorPayload }

/** A TypeScript parse error, with the file it is in. */
class FileSyntaxError extends Error {
  constructor(
    readonly parseError: unknown,
    readonly file: string,
  ) {
    super('file syntax error')
  }
}

/**
 * Strips TypeScript and decides ES module or CommonJS once per deployment, for the handler's
 * file and each extra file (`Deployment.files`). A TypeScript parse error becomes the
 * `Runtime.UserCodeSyntaxError` Lambda would report for the compiled file; files that break the
 * rules of `validateFunctionFiles` give `InvalidParameterValueException`, as an update of the
 * function's code would.
 */
export async function prepareModule(deployment: Deployment): Promise<PreparedModule> {
  const { code, language, config } = deployment
  const sources = deployment.files ?? []
  const problems = validateFunctionFiles(sources, config.handler, code)
  if (problems.length > 0)
    return {
      ok: false,
      error: { errorType: 'InvalidParameterValueException', errorMessage: problems.join('\n') },
    }
  const mainFile = moduleFile(splitHandler(config.handler).moduleName, detectModuleKind(code))
  try {
    const runnable = await toRunnableJs(code, language).catch((error: unknown) => {
      throw new FileSyntaxError(error, mainFile)
    })
    const files = await Promise.all(sources.map(prepareFile))
    const module: UserModule = {
      code: runnable,
      kind: detectModuleKind(runnable),
      handler: config.handler,
    }
    if (files.length > 0) module.files = files
    return { ok: true, module }
  } catch (error) {
    if (!(error instanceof FileSyntaxError)) throw error
    const { message, line } = transpileErrorLine(error.parseError)
    return { ok: false, error: userCodeSyntaxError(message, error.file, line) }
  }
}

/** One extra file, stripped if TypeScript; its kind follows its extension, then its syntax. */
async function prepareFile(file: SourceFile): Promise<PreparedFile> {
  if (file.name.endsWith('.json')) return { name: file.name, code: file.code, kind: 'json' }
  const kindOf = (text: string): FileKind =>
    /\.m[jt]s$/.test(file.name)
      ? 'esm'
      : /\.c[jt]s$/.test(file.name)
        ? 'cjs'
        : detectModuleKind(text)
  try {
    const code = await toRunnableJs(file.code, fileLanguage(file.name))
    return { name: file.name, code, kind: kindOf(code) }
  } catch (error) {
    throw new FileSyntaxError(error, guestName({ name: file.name, kind: kindOf(file.code) }))
  }
}
