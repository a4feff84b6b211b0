import type { FunctionConfig } from '../../core/lambda/function-config'
import type {
  InvocationRecord,
  InvokeRejection,
  SandboxKind,
  SourceFile,
  SourceLanguage,
} from '../types'

/** What one invocation of a case ended as: a record, or the host's refusal to invoke. */
export type Outcome = InvocationRecord | InvokeRejection

/** What the runner saw outside the sandbox while the case ran. */
export interface Observations {
  /** Messages that reached the page on the case's `listen` BroadcastChannel (should be none). */
  broadcasts: unknown[]
}

/**
 * One contract case: a deployment, events invoked in order on it, and a check of what came
 * back. The same data runs against every sandbox kind, in Node (Vitest) and in the browser (the
 * self-test page), so a case never reaches for anything but the `FunctionHost` interface.
 */
export interface ContractCase {
  /** Stable id, `group/name`: the self-test page and Playwright address rows by it. */
  id: string
  group: string
  /** What the case shows, in words for the self-test table. */
  title: string
  code: string
  language?: SourceLanguage
  /** The function's other source files (`Deployment.files`), beside the handler's. */
  files?: SourceFile[]
  /** Overrides of the default configuration (the runner's default timeout is 3 s, Lambda's). */
  config?: Partial<FunctionConfig>
  /** Event JSON strings, invoked in order on one deployment (a fresh, cold one). */
  events: string[]
  /** A failure message naming what differed, or undefined when the outcomes are right. */
  check(outcomes: Outcome[], seen: Observations): string | undefined
  /** The kinds the case applies to, when not all; `why` says why the others cannot apply. */
  kinds?: SandboxKind[]
  why?: string
  /** A BroadcastChannel name the runner listens on while the case runs (hostile cases). */
  listen?: string
}

/** How a case ended on one host. */
export interface CaseResult {
  id: string
  group: string
  title: string
  kind?: SandboxKind
  result: 'pass' | 'fail' | 'skip'
  /** The failure message, the reason for a skip, or empty. */
  detail: string
  /** Wall-clock time the case took, deploy included, ms. */
  wallMs: number
}
