/** What an invocation's REPORT line adds to its timeline bar (InvocationDetail). */
import type { LogRow } from '../../sim-worker/log-store'

/** What an invocation's REPORT line says beyond the span (null until the lines arrive). */
export interface ReportFigures {
  billedMs: number | null
  maxMemoryMB: number | null
}

/** Billed duration and max memory used, read from the last REPORT line of `lines`. */
export function reportFigures(lines: readonly LogRow[]): ReportFigures {
  const report = [...lines].reverse().find((row) => row.line.startsWith('REPORT '))
  const number = (pattern: RegExp) => {
    const match = report === undefined ? null : pattern.exec(report.line)
    return match === null ? null : Number(match[1])
  }
  return {
    billedMs: number(/Billed Duration: (\d+) ms/),
    maxMemoryMB: number(/Max Memory Used: (\d+) MB/),
  }
}

/**
 * What went wrong, in the words of the invocation's own lines: the error type and message of
 * the runtime's ERROR line (`Invoke Error {…}`), a timeout's line, or null when none says.
 */
export function errorOf(lines: readonly LogRow[]): string | null {
  const row = lines.find((r) => r.level === 'ERROR' || r.level === 'FATAL')
  if (row === undefined) return null
  const timedOut = row.line.indexOf('Task timed out after')
  if (timedOut >= 0) return row.line.slice(timedOut)
  const json = row.line.indexOf('{')
  if (json >= 0) {
    try {
      const body = JSON.parse(row.line.slice(json)) as {
        errorType?: unknown
        errorMessage?: unknown
      }
      if (typeof body.errorType === 'string')
        return `${body.errorType}: ${typeof body.errorMessage === 'string' ? body.errorMessage : ''}`
    } catch {
      // Not a JSON body: the line itself says it.
    }
  }
  return row.line.split('\t').slice(3).join(' ').trim() || row.line
}
