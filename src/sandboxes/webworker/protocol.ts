import type { LogLevel } from '../../core/lambda/log-lines'
import type { FileKind } from '../runtime/file-table'
import type { ModuleKind } from '../runtime/module-source'

/**
 * Messages between the page and one execution environment's worker, over the private
 * `MessagePort` the page transferred to it. Plain data only. The page reads what the worker
 * sends as untrusted (`readPhaseReport`): the worker shares its realm with user code.
 */

/** What the shim's installation needs (`installShim`'s options in the QuickJS kind). */
export interface InstallOptions {
  env: Record<string, string>
  nodeVersion: string
  lts: string
  arch: 'x64' | 'arm64'
}

/** Where the code names a package of the AWS SDK subset in an `import` (a string literal). */
export interface SdkImport {
  /** Index of the literal's opening quote. */
  start: number
  /** Index just past its closing quote. */
  end: number
  specifier: string
}

/** Where an ES module names another file of the function: the worker puts that file's blob URL. */
export interface FileImport extends SdkImport {
  /** The file's name (`lib/util.js`). */
  file: string
}

/** One of the function's other files, as the worker loads it. */
export interface WorkerFile {
  name: string
  /** Its name in stacks and messages: `/var/task/lib.js`, `file:///var/task/lib.mjs`. */
  path: string
  kind: FileKind
  code: string
  /** The ES text that stands for a CommonJS or JSON file an ES module imports. */
  facade?: string
  sdkImports?: SdkImport[]
  fileImports?: FileImport[]
}

/** The function's other files: what `require` finds, and what ES modules import. */
export interface WorkerFiles {
  list: WorkerFile[]
  /** Name relative to the function root → the file `require` loads for it (`lib` → `lib.js`). */
  requireNames: Record<string, string>
  /** The files ES modules import, dependencies first: the order their blob URLs are made in. */
  esOrder: string[]
  /** The file evaluated first (its blob gets INIT's start marker); absent: the entry. */
  firstEvaluated?: string
}

/** The user's module as the worker loads it. */
export interface ModuleSpec {
  code: string
  kind: ModuleKind
  /** `file:///var/task/index.mjs` or `/var/task/index.js` (stack traces name it so). */
  file: string
  /** `handler` of `index.handler`. */
  exportPath: string
  /** ES module imports of the SDK subset: the worker points them at its own module texts. */
  sdkImports?: SdkImport[]
  /** ES module imports of the function's other files. */
  fileImports?: FileImport[]
  files?: WorkerFiles
}

/** Page → worker. */
export type PageMessage =
  | { t: 'prepare'; install: InstallOptions }
  | {
      t: 'init'
      createdAt: number
      deadline: number
      envJson: string
      contextJson: string
      module: ModuleSpec
    }
  | { t: 'invoke'; requestId: string; eventJson: string; startAt: number; deadline: number }
  | AnswerMessage

/**
 * Worker → page: a call the guest made through the SDK bridge (runtime/sdk-bridge.ts), at
 * virtual epoch ms `at`. The page answers every call it accepts with an `answer`.
 */
export interface CallMessage {
  t: 'call'
  id: number
  service: string
  operation: string
  requestJson: string
  at: number
}

/**
 * Page → worker: the answer to call `id`, which reaches the guest at virtual epoch ms `at`
 * (the call's moment plus the service's modeled latency). `text` is the response JSON when
 * `ok`, else the error payload's JSON.
 */
export interface AnswerMessage {
  t: 'answer'
  id: number
  ok: boolean
  text: string
  at: number
}

/** How a phase ended in the worker. Memory is never capped there, so never out of memory. */
export type WorkerPhaseEnd = 'done' | 'timeout' | 'crash'

/** One console line: virtual epoch ms, level, message; `runtime` marks the first runtime line. */
export interface LogEntry {
  at: number
  level: LogLevel
  message: string
  runtime?: boolean
}

/** Why the process ended: `process.exit` (its reason words) or an uncaught exception's body. */
export type WorkerFault = { exit: string } | { crashBody: string }

/** Why INIT could not produce a handler. */
export type LoadFailure =
  /** `file`: another file of the function that does not parse (its path); absent: the entry. */
  | { kind: 'syntax'; message: string; file?: string }
  /** `message`: the guest's own `Cannot find module` message with its require stack. */
  | { kind: 'import'; specifier: string; message?: string }
  | { kind: 'handler'; status: 'missing' | 'not-function' }
  /** Top-level code threw: the shim logged it and made its error body. */
  | { kind: 'thrown'; payloadJson: string; name: string; message: string }

/** Worker → page, once per phase (INIT or one invocation). */
export interface PhaseReport {
  t: 'phase'
  end: WorkerPhaseEnd
  startedAt: number
  durationMs: number
  /** The environment's clock after the phase (virtual epoch ms). */
  clock: number
  logs: LogEntry[]
  /** The shim's encoded outcome (`J…`, `E…`, `U`, `N`), on an invocation that ended `done`. */
  outcome?: string
  /** UTF-8 size of a response past the synchronous limit (the text itself is not sent). */
  tooLargeBytes?: number
  fault?: WorkerFault
  load?: LoadFailure
}

const LEVELS: readonly string[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']
const ENDS: readonly string[] = ['done', 'timeout', 'crash']

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function readLog(value: unknown): LogEntry | undefined {
  if (!isRecord(value)) return undefined
  const { at, level, message, runtime } = value
  if (!isNumber(at) || typeof level !== 'string' || typeof message !== 'string') return undefined
  const entry: LogEntry = {
    at,
    level: (LEVELS.includes(level) ? level : 'INFO') as LogLevel,
    message,
  }
  if (runtime === true) entry.runtime = true
  return entry
}

function readFault(value: unknown): WorkerFault | undefined {
  if (!isRecord(value)) return undefined
  if (typeof value.exit === 'string') return { exit: value.exit }
  if (typeof value.crashBody === 'string') return { crashBody: value.crashBody }
  return undefined
}

function readLoad(value: unknown): LoadFailure | undefined {
  if (!isRecord(value)) return undefined
  const { kind } = value
  if (kind === 'syntax' && typeof value.message === 'string') {
    const { message, file } = value
    return typeof file === 'string' ? { kind, message, file } : { kind, message }
  }
  if (kind === 'import' && typeof value.specifier === 'string') {
    const { specifier, message } = value
    return typeof message === 'string' ? { kind, specifier, message } : { kind, specifier }
  }
  if (kind === 'handler' && (value.status === 'missing' || value.status === 'not-function'))
    return { kind, status: value.status }
  if (kind === 'thrown') {
    const text = (v: unknown): string => (typeof v === 'string' ? v : '')
    const { payloadJson, name, message } = value
    return { kind, payloadJson: text(payloadJson), name: text(name), message: text(message) }
  }
  return undefined
}

/** Longest service or operation name the page accepts (the subset's are far shorter). */
const MAX_NAME_CHARS = 64

/**
 * Reads a worker's message as a service call, or `undefined` when it is not a well-formed one
 * (the page then treats the worker as broken). `maxRequestChars` bounds the request JSON.
 */
export function readCall(data: unknown, maxRequestChars: number): CallMessage | undefined {
  if (!isRecord(data) || data.t !== 'call') return undefined
  const { id, service, operation, requestJson, at } = data
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return undefined
  const name = (v: unknown): v is string =>
    typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME_CHARS
  if (!name(service) || !name(operation) || !isNumber(at)) return undefined
  if (typeof requestJson !== 'string' || requestJson.length > maxRequestChars) return undefined
  return { t: 'call', id, service, operation, requestJson, at }
}

/**
 * Reads a worker's message as a phase report, or `undefined` when it is not one (the page then
 * treats the environment as crashed). Only known fields of the right types are kept.
 */
export function readPhaseReport(data: unknown): PhaseReport | undefined {
  if (!isRecord(data) || data.t !== 'phase') return undefined
  const { end, startedAt, durationMs, clock, logs } = data
  if (typeof end !== 'string' || !ENDS.includes(end)) return undefined
  if (!isNumber(startedAt) || !isNumber(durationMs) || !isNumber(clock)) return undefined
  if (!Array.isArray(logs)) return undefined
  const entries: LogEntry[] = []
  for (const item of logs) {
    const entry = readLog(item)
    if (entry) entries.push(entry)
  }
  const report: PhaseReport = {
    t: 'phase',
    end: end as WorkerPhaseEnd,
    startedAt,
    durationMs: Math.max(0, durationMs),
    clock,
    logs: entries,
  }
  if (typeof data.outcome === 'string') report.outcome = data.outcome
  if (isNumber(data.tooLargeBytes)) report.tooLargeBytes = data.tooLargeBytes
  const fault = readFault(data.fault)
  if (fault) report.fault = fault
  const load = readLoad(data.load)
  if (load) report.load = load
  return report
}
