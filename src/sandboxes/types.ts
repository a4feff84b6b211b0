import type { FunctionConfig } from '../core/lambda/function-config'
import type { LambdaErrorPayload } from '../core/lambda/errors'

/** Source language of a handler file. TypeScript is stripped (not type-checked) before it runs. */
export type SourceLanguage = 'javascript' | 'typescript'

/** What a function is: its configuration and its code. Changing either is a new deployment. */
export interface Deployment {
  config: FunctionConfig
  /** The handler module's source, as the user wrote it. */
  code: string
  language: SourceLanguage
  /**
   * The function's other source files, beside the handler's file: names relative to the function
   * root (`lib.js`, `utils/format.ts`). A `.ts` file is stripped like the handler's; a `.json`
   * file can be required. Absent: a single-file function.
   */
  files?: SourceFile[]
}

/** One more source file of a function. */
export interface SourceFile {
  /** Path relative to the function root, `/`-separated: `lib.js`, `utils/format.ts`. */
  name: string
  code: string
}

/**
 * Which sandbox runs an execution environment: QuickJS compiled to wasm (hard memory cap,
 * interrupt-driven timeout) or a dedicated Web Worker (native speed, measured CPU time).
 */
export type SandboxKind = 'quickjs' | 'webworker'

/** One invocation, as Lambda's console reports it. Plain data: it crosses the worker boundary. */
export interface InvocationRecord {
  requestId: string
  /** Which execution environment served it: 1 for the first created, 2 for the next, … */
  environmentId: number
  /** True when this invocation created the environment and ran INIT first. */
  cold: boolean
  /** Which kind of sandbox ran it (absent in records made before the Web Worker kind). */
  sandbox?: SandboxKind
  status: 'succeeded' | 'failed'
  /** Response JSON on success (`null` when the handler returned undefined). */
  responseJson?: string
  /** Error body on failure, exactly as Lambda returns it. */
  error?: LambdaErrorPayload
  /** Why the environment was discarded after this invocation, if it was. */
  environmentDiscarded?: 'timeout' | 'out-of-memory' | 'crash'
  durationMs: number
  billedDurationMs: number
  initDurationMs?: number
  memorySizeMB: number
  maxMemoryUsedMB: number
  /** Every CloudWatch line of this invocation, START to REPORT (and a timeout line after it). */
  logLines: string[]
  /** Wall-clock time the invocation took in this browser, ms (what the sandbox really cost). */
  wallMs: number
  /** Epoch ms at which the invocation started (the environment's clock). */
  startedAt: number
  /**
   * Where the sandbox could not be faithful for this invocation, in words for the panel (for
   * example: the configured memory is above what a wasm32 heap can hold, so it was capped).
   */
  notices?: string[]
}

/** A problem found before any environment ran (bad config, bad event): nothing was invoked. */
export interface InvokeRejection {
  status: 'rejected'
  error: LambdaErrorPayload
}

/** Live environments of the deployed function, for the panel that shows them. */
export interface EnvironmentSummary {
  environmentId: number
  state: 'idle' | 'busy'
  createdAt: number
  invocations: number
  maxMemoryUsedMB: number
}

/**
 * The function host: owns the execution environments of one function and invokes them the way
 * Lambda does (cold start when none is idle, warm reuse otherwise, a fresh one after a timeout,
 * crash or redeployment). Runs in a worker in the browser and directly in Node.
 */
export interface FunctionHost {
  /** Sets the code and configuration. A change discards the environments (as an update does). */
  deploy(deployment: Deployment): Promise<void>
  /** Invokes synchronously (RequestResponse) with a JSON event. */
  invoke(eventJson: string): Promise<InvocationRecord | InvokeRejection>
  /** Discards all environments: the next invocation is a cold start. */
  resetEnvironments(): Promise<void>
  /** Current environments. */
  environments(): Promise<EnvironmentSummary[]>
  /** Frees everything. */
  dispose(): Promise<void>
}
