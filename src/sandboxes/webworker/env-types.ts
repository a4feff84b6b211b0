import type { Job } from './lock-down'
import type {
  SdkImport,
  WorkerFile,
  AnswerMessage,
  CallMessage,
  LoadFailure,
  LogEntry,
  PhaseReport,
  WorkerFault,
  WorkerPhaseEnd,
} from './protocol'

/** What the worker program is built with (baked into its source as JSON). */
export interface EnvProgramConfig {
  bootstrapSource: string
  /** The shim's file name: its frames are hidden from user stacks. */
  bootstrapFile: string
  lazyParts: Record<string, string>
  cjsHead: string
  /** Console characters kept per phase (the page's `LogBuffer` cuts to the exact byte cap). */
  logCapChars: number
  responseLimitBytes: number
  /** Wall ms a phase may wait on real asynchronous work (a blob import) with no timer left. */
  idleWaitMs: number
  /** The ES module text of each package of the AWS SDK subset (`sdkModuleSource`). */
  sdkModules: Record<string, string>
  /** Calls of the SDK bridge not yet delivered past which the guest's next call is refused. */
  maxOutstandingCalls: number
  /** Characters of request JSON awaiting the page's answer past which a call is refused. */
  maxUnsentChars: number
}

/** The runtime shim's functions the worker calls (runtime/bootstrap.ts). */
export interface Shim {
  configure(envJson: string, contextJson: string): void
  registerSource(file: string, text: string): void
  /** Gives `require` the function's other files (runtime/guest-require.ts). */
  setFileLoader(find: (id: unknown, parent: unknown) => Record<string, unknown> | null): void
  loadCommonJs(wrapper: unknown, file: string, offset: number): unknown
  resolveHandler(exportsObject: unknown, path: string): unknown
  invoke(eventJson: string, requestId: string, deadlineMs: number): void
  status(): unknown
  nextTimerAt(): unknown
  fireNextTimer(): void
  finishOnEmptyLoop(): void
  outcome(): unknown
  /** Delivers the answer to an SDK call (runtime/sdk-bridge.ts). */
  completeCall(id: number, ok: boolean, text: string): void
  uncaught(error: unknown): void
  initError(error: unknown): unknown
}

/** One phase (INIT or an invocation) in the worker. */
export interface Phase {
  deadline: number
  start: number
  logs: LogEntry[]
  logChars: number
  runtimeLogged: boolean
  fault?: WorkerFault | 'timeout'
  idleSince?: number
  /** True while an ES module is being fetched and parsed (not INIT time yet). */
  loading?: boolean
  /** Set while the phase waits on real asynchronous work: ends the wait at once. */
  wake?: () => void
}

export type Status = 'pending' | 'done' | 'wait-empty'
export type Finish = (end: WorkerPhaseEnd) => void
export type InitFinish = (end: WorkerPhaseEnd, failure?: LoadFailure) => void

/**
 * The environment's virtual clock (the QuickJS kind's `GuestClock` at rate 1): segments of
 * native work add their wall time; waits jump ahead.
 */
export interface Clock {
  /** Virtual epoch ms now (moving with the wall clock inside a segment). */
  now(): number
  /** Virtual epoch ms at the end of the last segment. */
  readonly at: number
  readonly running: boolean
  advanceTo(ms: number): void
  begin(): void
  end(): void
  /** Runs `work` inside a segment without counting its wall time (the sandbox's own work). */
  offClock<T>(work: () => T): T
}

/** The environment's SDK calls: sent to the page and not yet answered, or answered and due. */
export interface Calls {
  /** Request characters of each call awaiting the page's answer, by id. */
  awaiting: Map<number, number>
  awaitingChars: number
  /** Answers waiting for their virtual moment, earliest first (ties in arrival order). */
  answers: AnswerMessage[]
}

/** What the parts of the worker program share. */
export interface EnvState {
  clock: Clock
  phase: Phase | undefined
  shim: Shim | undefined
  port: MessagePort | undefined
  /** The port's postMessage, bound when the port arrived (before any user code could patch it). */
  send: ((message: PhaseReport | CallMessage) => void) | undefined
  calls: Calls
}

/** The event loop's parts the loader and the program use. */
export interface Loop {
  safe<T>(read: () => T, fallback: T): T
  setFault(fault: WorkerFault | 'timeout'): void
  timeout(): WorkerPhaseEnd
  crashOnThrow(error: unknown): void
  job(
    fn: unknown,
    args: unknown[],
    then: () => Job | undefined,
    handlers?: Pick<Job, 'onReturn' | 'onThrow'>,
  ): Job
  turn(poll: () => Status, finish: Finish): Job | undefined
  startPhase(start: number, deadline: number): void
  report(end: WorkerPhaseEnd, extra: Partial<PhaseReport>): void
}

/** The function's other files in the worker (env-files.ts). */
export interface EnvFiles {
  /** The shim's CommonJS finder: a record `{ path, kind, wrapper, offset, text }` or null. */
  find(id: unknown, parent: unknown): Record<string, unknown> | null
  /**
   * Makes the blob URL of each file ES modules import, dependencies first: `rewrite` gives an ES
   * file's runnable text, `marked` adds INIT's start marker, `register` hands the shim a source.
   */
  esUrls(
    rewrite: (file: WorkerFile) => string,
    marked: (code: string) => string,
    register: (path: string, code: string) => void,
  ): void
  /** The blob URL made for a file, by name. */
  urlOf(name: string): string | undefined
  /** `code` with each literal of `found` replaced by `url(literal)` (when a string). */
  pointed(code: string, found: readonly SdkImport[], url: (s: SdkImport) => unknown): string
  /** A message with the files' blob URLs turned back into their names. */
  named(message: string): string
}
