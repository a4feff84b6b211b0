/**
 * CloudWatch log lines exactly as Lambda writes them (reference §2.4): fields are TAB-separated,
 * REPORT ends with a trailing tab, durations have two decimals, billed duration is whole ms.
 */

/** Application log levels, as the Node.js runtime prints them. */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL'

/** `START RequestId: <id> Version: $LATEST` */
export function startLine(requestId: string, version = '$LATEST'): string {
  return `START RequestId: ${requestId} Version: ${version}`
}

/** `END RequestId: <id>` */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`
}

/** The figures of one REPORT line. */
export interface ReportFields {
  requestId: string
  /** Handler run time, ms (fractional). */
  durationMs: number
  /** What was billed, whole ms (see billing/duration.ts). */
  billedDurationMs: number
  /** Configured memory, MB. */
  memorySizeMB: number
  /** Peak memory of the environment, whole MB. */
  maxMemoryUsedMB: number
  /** Present only on a cold start: the INIT phase, ms. */
  initDurationMs?: number
}

/** Two decimals, as Lambda prints durations. */
export function formatMs(ms: number): string {
  return ms.toFixed(2)
}

/**
 * `REPORT RequestId: <id>\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 21 MB\tInit Duration: 45.67 ms\t`
 */
export function reportLine(fields: ReportFields): string {
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${formatMs(fields.durationMs)} ms`,
    `Billed Duration: ${fields.billedDurationMs} ms`,
    `Memory Size: ${fields.memorySizeMB} MB`,
    `Max Memory Used: ${fields.maxMemoryUsedMB} MB`,
  ]
  if (fields.initDurationMs !== undefined)
    parts.push(`Init Duration: ${formatMs(fields.initDurationMs)} ms`)
  return parts.join('\t') + '\t'
}

/** ISO-8601 with milliseconds and Z, the timestamp of application lines. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/**
 * `<ISO time>\t<request id>\t<LEVEL>\t<message>`. During INIT the Node.js runtime has no request,
 * and prints the literal `undefined` in its place.
 */
export function applicationLine(
  epochMs: number,
  requestId: string | undefined,
  level: LogLevel,
  message: string,
): string {
  return `${isoTime(epochMs)}\t${requestId ?? 'undefined'}\t${level}\t${message}`
}

/** `<ISO time> <request id> Task timed out after 3.00 seconds` (space-separated, after REPORT). */
export function timeoutLine(epochMs: number, requestId: string, timeoutSeconds: number): string {
  return `${isoTime(epochMs)} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`
}
