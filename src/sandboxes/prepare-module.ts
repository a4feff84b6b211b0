import type { LambdaErrorPayload } from '../core/lambda/errors'
import type { UserModule } from './quickjs/module-loader'
import { userCodeSyntaxError } from './runtime/init-errors'
import { detectModuleKind, moduleFile, splitHandler } from './runtime/module-source'
import { toRunnableJs, transpileErrorLine } from './transpile'
import type { Deployment } from './types'

/** A deployment's code made runnable, or the syntax error that stops it at INIT. */
export type PreparedModule =
  { ok: true; module: UserModule } | { ok: false; error: LambdaErrorPayload }

/**
 * Strips TypeScript and decides ES module or CommonJS once per deployment. A TypeScript parse
 * error becomes the `Runtime.UserCodeSyntaxError` Lambda would report for the compiled file.
 */
export async function prepareModule(deployment: Deployment): Promise<PreparedModule> {
  const { code, language, config } = deployment
  try {
    const runnable = await toRunnableJs(code, language)
    return {
      ok: true,
      module: { code: runnable, kind: detectModuleKind(runnable), handler: config.handler },
    }
  } catch (error) {
    const { message, line } = transpileErrorLine(error)
    const kind = detectModuleKind(code)
    const file = moduleFile(splitHandler(config.handler).moduleName, kind)
    return { ok: false, error: userCodeSyntaxError(message, file, line) }
  }
}
