import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { handlerNotFoundError, responseTooLargeError } from '../../core/lambda/errors'
import { decodeOutcome, readErrorPayload, unreadableExitError } from '../quickjs/guest-text'
import {
  formattedForLog,
  handlerNotFunctionError,
  missingModuleError,
  requireError,
  runtimeExitError,
  userCodeSyntaxError,
} from '../runtime/init-errors'
import { LogBuffer } from '../runtime/log-buffer'
import { missingSdkExportMessage } from '../runtime/sdk-packages'
import type { LoadFailure, LogEntry, ModuleSpec, PhaseReport, WorkerFault } from './protocol'
import { syntaxErrorLine } from './syntax-line'

/**
 * Turns the worker's phase reports into what `buildRecord` takes, with the same helpers and
 * wording as the QuickJS kind: log lines through `LogBuffer` (the same cap and notice), error
 * bodies from `init-errors.ts`, outcomes read as untrusted (`guest-text.ts`).
 */

/** The phase's CloudWatch application lines, capped as the QuickJS kind caps them. */
export function phaseLines(entries: LogEntry[], requestId: string | undefined): string[] {
  const buffer = new LogBuffer()
  for (const e of entries) {
    if (e.runtime) buffer.addRuntime(e.at, requestId, e.level, e.message)
    else buffer.add(e.at, requestId, e.level, e.message)
  }
  return buffer.lines
}

/** The error body of a process that ended (`process.exit`, an uncaught exception, a death). */
export function faultError(fault: WorkerFault, requestId: string | undefined): LambdaErrorPayload {
  if ('exit' in fault) return runtimeExitError(requestId ?? 'undefined', fault.exit)
  return readErrorPayload(fault.crashBody) ?? unreadableExitError(requestId, 'uncaught exception')
}

// V8's words for a named import a module lacks (Node's own, for a real package).
const MISSING_EXPORT = /^The requested module '([^']*)' does not provide an export named '([^']*)'$/

/**
 * A syntax error of the user's module; a named import the SDK subset lacks names what the
 * package provides, with no line, as the QuickJS kind reports it.
 */
async function syntaxError(
  message: string,
  module: ModuleSpec,
  path: string | undefined,
): Promise<LambdaErrorPayload> {
  const missing = MISSING_EXPORT.exec(message)
  const sdk =
    missing &&
    missingSdkExportMessage(`Could not find export '${missing[2]}' in module '${missing[1]}'`)
  if (sdk) return userCodeSyntaxError(sdk, module.file, undefined)
  const named = module.files?.list.find((f) => f.path === path)
  if (named) return userCodeSyntaxError(message, named.path, await syntaxErrorLine(named.code))
  // V8 does not say which ES module failed to parse: the first, in load order, that sucrase
  // cannot parse either (else the entry).
  for (const name of module.kind === 'esm' ? (module.files?.esOrder ?? []) : []) {
    const file = module.files?.list.find((f) => f.name === name && f.kind === 'esm')
    const line = file && (await syntaxErrorLine(file.code))
    if (file && line !== undefined) return userCodeSyntaxError(message, file.path, line)
  }
  return userCodeSyntaxError(message, module.file, await syntaxErrorLine(module.code))
}

/** Why INIT failed, as Lambda's Node runtime words it. */
export async function loadError(
  load: LoadFailure,
  module: ModuleSpec,
  handler: string,
): Promise<LambdaErrorPayload> {
  switch (load.kind) {
    case 'syntax':
      return syntaxError(load.message, module, load.file)
    case 'import':
      if (load.message !== undefined) return requireError(load.message, load.specifier, module.file)
      return missingModuleError(load.specifier, module.file, module.kind === 'esm')
    case 'handler':
      return load.status === 'missing'
        ? handlerNotFoundError(handler)
        : handlerNotFunctionError(handler)
    case 'thrown':
      return (
        readErrorPayload(load.payloadJson) ?? {
          errorType: load.name || 'Error',
          errorMessage: load.message,
        }
      )
  }
}

/** INIT's lines and error, with the `Uncaught Exception` line the runtime writes for a failure
 * the shim did not log itself (a missing handler, a syntax or import error). */
export async function initOutcome(
  report: PhaseReport,
  module: ModuleSpec,
  handler: string,
): Promise<{ lines: string[]; error?: LambdaErrorPayload }> {
  const entries = [...report.logs]
  let error: LambdaErrorPayload | undefined
  if (report.fault) error = faultError(report.fault, undefined)
  else if (report.load) {
    error = await loadError(report.load, module, handler)
    if (report.load.kind !== 'thrown') {
      const message = `Uncaught Exception ${formattedForLog(error)}`
      const runtime = !entries.some((e) => e.runtime)
      entries.push({ at: Math.floor(report.clock), level: 'ERROR', message, runtime })
    }
  }
  const outcome: { lines: string[]; error?: LambdaErrorPayload } = {
    lines: phaseLines(entries, undefined),
  }
  if (error) outcome.error = error
  return outcome
}

/** How an invocation ended, read from its report: response, error, and whether it crashed. */
export function invokeOutcome(
  report: PhaseReport,
  requestId: string,
): { responseJson?: string; error?: LambdaErrorPayload; crashed: boolean } {
  if (report.fault) return { error: faultError(report.fault, requestId), crashed: true }
  if (report.end !== 'done') return { crashed: false }
  if (report.tooLargeBytes !== undefined)
    return { error: responseTooLargeError(report.tooLargeBytes), crashed: false }
  const outcome = decodeOutcome(report.outcome ?? 'N')
  if ('unreadable' in outcome)
    return { error: unreadableExitError(requestId, outcome.unreadable), crashed: true }
  return { ...outcome, crashed: false }
}
