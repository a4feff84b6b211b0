import { useEffect, useRef, useState } from 'react'
import type { Explanation } from '../../core'
import { currentLogClient } from '../../sim-worker/client'
import type { LogRow } from '../../sim-worker/log-store'
import { formatClock, formatMs } from './format'
import { errorOf, reportFigures } from './report-figures'
import type { Bar } from './timeline-layout'

/** Lines asked for: an invocation has a handful (START, application lines, END, REPORT). */
const MaxLines = 200

const Status: Record<Bar['outcome'], string> = {
  success: 'succeeded',
  error: 'function error (the handler threw)',
  timeout: 'timed out (the environment was discarded)',
  crash: 'the runtime crashed (the environment was discarded)',
}

/** The worker's log lines of one request: asked for once when the dialog opens. */
function useRequestLines(requestId: string): LogRow[] | null {
  const [lines, setLines] = useState<LogRow[] | null>(null)
  useEffect(() => {
    let live = true
    const client = currentLogClient()
    if (client === null) return
    void client
      .queryLogs({ filter: { requestId }, offset: 0, limit: MaxLines })
      .then((page) => live && setLines(page.lines))
    return () => {
      live = false
    }
  }, [requestId])
  return lines
}

interface Props {
  bar: Bar
  /** The core's decisions about this request (cold start, throttles, retries…). */
  decisions: readonly Explanation[]
  onClose(): void
}

/**
 * One invocation, opened from the timeline: its request id, environment, cold or warm, INIT, run
 * and billed durations, status, log lines and the platform's explanation. A modal dialog:
 * Escape or the Close button closes it, and focus goes back to the timeline.
 */
export function InvocationDetail({ bar, decisions, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const lines = useRequestLines(bar.requestId)
  const figures = reportFigures(lines ?? [])

  useEffect(() => {
    const el = dialog.current
    if (el !== null && !el.open) el.showModal()
    return () => el?.close()
  }, [])

  const init = bar.cold ? bar.runStart - bar.initStart : 0
  const rows: [string, string][] = [
    ['Function', bar.function],
    ['Environment', `#${bar.environmentId}`],
    ['Start', bar.cold ? `cold (new environment, INIT ${formatMs(init)})` : 'warm'],
    ['Began', formatClock(bar.initStart)],
    ['Duration', formatMs(bar.end - bar.runStart)],
    ['Billed duration', figures.billedMs === null ? '…' : `${figures.billedMs} ms`],
    ['Max memory used', figures.maxMemoryMB === null ? '…' : `${figures.maxMemoryMB} MB`],
    ['Status', Status[bar.outcome]],
  ]
  const error = bar.outcome === 'success' ? null : errorOf(lines ?? [])
  if (error !== null) rows.push(['Error', error])
  if (bar.retry)
    rows.push(['Attempt', `a retry: queued at ${formatClock(bar.queuedAt)} (async event)`])

  return (
    <dialog
      ref={dialog}
      className="pf-detail"
      aria-labelledby="pf-detail-title"
      data-testid="invocation-detail"
      onClose={onClose}
    >
      <div className="pf-detail-head">
        <h2 id="pf-detail-title">Invocation</h2>
        <code data-testid="invocation-request-id">{bar.requestId}</code>
        <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      <dl className="pf-detail-facts" data-testid="invocation-facts">
        {rows.map(([name, value]) => (
          <div key={name} data-outcome={name === 'Status' ? bar.outcome : undefined}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Why?</h3>
      <ul className="pf-detail-why" data-testid="invocation-why">
        {decisions.map((d) => (
          <li key={`${d.t}-${d.code}`} data-code={d.code}>
            <span className="pf-why-t">{formatClock(d.t)}</span> {d.text}
          </li>
        ))}
        {decisions.length === 0 && (
          <li>
            {bar.cold
              ? 'A cold start; the platform’s decision about it is no longer among the recent ones kept.'
              : 'A routine warm start: nothing notable was decided for this request.'}
          </li>
        )}
      </ul>
      <h3>Log lines</h3>
      <pre className="pf-detail-logs" data-testid="invocation-logs" tabIndex={0}>
        {lines === null
          ? 'Loading…'
          : lines.length === 0
            ? 'No line kept for this request (the log keeps the last 200,000 lines).'
            : lines.map((row) => `${formatClock(row.t)} ${row.line}`).join('\n')}
      </pre>
    </dialog>
  )
}
