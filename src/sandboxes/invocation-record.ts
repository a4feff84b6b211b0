import { billedDurationMs, CurrentDurationRule } from '../core/billing/duration'
import type { LambdaErrorPayload } from '../core/lambda/errors'
import { outOfMemoryError, responseTooLargeError, timeoutError } from '../core/lambda/errors'
import type { FunctionConfig } from '../core/lambda/function-config'
import { Limits, utf8Length } from '../core/lambda/limits'
import {
  applicationLine,
  endLine,
  reportLine,
  startLine,
  timeoutLine,
} from '../core/lambda/log-lines'
import { formattedForLog } from './runtime/init-errors'
import type { PhaseEnd } from './quickjs/quickjs-environment'
import type { InvocationRecord } from './types'

/** What one invocation produced, from the environment's point of view. */
export interface InvocationFacts {
  requestId: string
  environmentId: number
  config: FunctionConfig
  end: PhaseEnd
  responseJson?: string
  error?: LambdaErrorPayload
  startedAt: number
  durationMs: number
  maxMemoryUsedMB: number
  /** Present on a cold start. */
  init?: { durationMs: number; logLines: string[] }
  appLines: string[]
  wallMs: number
  notices: string[]
}

const DISCARDED: Record<Exclude<PhaseEnd, 'done'>, InvocationRecord['environmentDiscarded']> = {
  timeout: 'timeout',
  'out-of-memory': 'out-of-memory',
  crash: 'crash',
}

function failure(facts: InvocationFacts): LambdaErrorPayload | undefined {
  const { end, requestId, config } = facts
  if (end === 'timeout') {
    return timeoutError(facts.startedAt + facts.durationMs, requestId, config.timeoutSeconds)
  }
  if (end === 'out-of-memory') return outOfMemoryError(requestId)
  if (facts.error) return facts.error
  const bytes = utf8Length(facts.responseJson ?? 'null')
  return bytes > Limits.SyncResponseBytes ? responseTooLargeError(bytes) : undefined
}

/** Lines Lambda writes after REPORT when the environment dies mid-invocation. */
function trailer(facts: InvocationFacts, error: LambdaErrorPayload | undefined): string[] {
  const endedAt = facts.startedAt + facts.durationMs
  if (facts.end === 'timeout') {
    return [timeoutLine(endedAt, facts.requestId, facts.config.timeoutSeconds)]
  }
  if (facts.end !== 'done' && error?.errorMessage.startsWith('RequestId: ')) {
    return [`${error.errorMessage}\n${error.errorType}`]
  }
  return []
}

/**
 * Assembles the record Lambda's console would show: the response or error body, and the log
 * lines in CloudWatch's order (INIT lines, START, application lines, END, REPORT, and the
 * timeout or exit line when the environment died).
 */
export function buildRecord(facts: InvocationFacts): InvocationRecord {
  const error = failure(facts)
  const initDurationMs = facts.init?.durationMs
  const maxMemoryUsedMB =
    facts.end === 'out-of-memory' ? facts.config.memoryMB : facts.maxMemoryUsedMB
  const billed = billedDurationMs(facts.durationMs, initDurationMs, CurrentDurationRule)
  const report = reportLine({
    requestId: facts.requestId,
    durationMs: facts.durationMs,
    billedDurationMs: billed,
    memorySizeMB: facts.config.memoryMB,
    maxMemoryUsedMB,
    initDurationMs,
  })
  const record: InvocationRecord = {
    requestId: facts.requestId,
    environmentId: facts.environmentId,
    cold: facts.init !== undefined,
    status: error ? 'failed' : 'succeeded',
    durationMs: facts.durationMs,
    billedDurationMs: billed,
    memorySizeMB: facts.config.memoryMB,
    maxMemoryUsedMB,
    logLines: [
      ...(facts.init?.logLines ?? []),
      startLine(facts.requestId),
      ...facts.appLines,
      endLine(facts.requestId),
      report,
      ...trailer(facts, error),
    ],
    wallMs: facts.wallMs,
    startedAt: facts.startedAt,
  }
  if (initDurationMs !== undefined) record.initDurationMs = initDurationMs
  if (error) record.error = error
  else record.responseJson = facts.responseJson ?? 'null'
  if (facts.end !== 'done') record.environmentDiscarded = DISCARDED[facts.end]
  if (facts.notices.length > 0) record.notices = facts.notices
  return record
}

/** A cold start that never ran: what the failure record needs. */
export interface EarlyFailure {
  id: number
  requestId: string
  config: FunctionConfig
  /** Virtual epoch ms of the attempt. */
  at: number
  wallStart: number
}

/** INIT failed before QuickJS ran (a TypeScript parse error): logged as Uncaught Exception. */
export function initErrorRecord(f: EarlyFailure & { error: LambdaErrorPayload }): InvocationRecord {
  const line = applicationLine(
    f.at,
    undefined,
    'ERROR',
    `Uncaught Exception ${formattedForLog(f.error)}`,
  )
  return buildRecord({
    requestId: f.requestId,
    environmentId: f.id,
    config: f.config,
    end: 'crash',
    error: f.error,
    startedAt: f.at,
    durationMs: 0,
    maxMemoryUsedMB: 1,
    init: { durationMs: 0, logLines: [line] },
    appLines: [],
    wallMs: performance.now() - f.wallStart,
    notices: [],
  })
}

/** The sandbox could not create an environment at all (for example, no wasm memory left). */
export function creationFailedRecord(f: EarlyFailure & { error: unknown }): InvocationRecord {
  const reason = f.error instanceof Error ? `${f.error.name}: ${f.error.message}` : String(f.error)
  return buildRecord({
    requestId: f.requestId,
    environmentId: f.id,
    config: f.config,
    end: 'crash',
    error: { errorType: 'Runtime.Unknown', errorMessage: 'Unknown application error occurred' },
    startedAt: f.at,
    durationMs: 0,
    maxMemoryUsedMB: 1,
    init: { durationMs: 0, logLines: [] },
    appLines: [],
    wallMs: performance.now() - f.wallStart,
    notices: [`The sandbox could not create an execution environment: ${reason}`],
  })
}
