import { useEffect, useMemo, useRef } from 'react'
import { useStore } from 'zustand'
import { invocationStore } from '../../stores/invocation-store'
import { useUiStore } from '../../stores/ui-store'

/** Cap on lines rendered at once; the stream view keeps the newest. */
const MAX_LINES = 5_000

function lineClass(line: string): string {
  if (line.startsWith('START ') || line.startsWith('END ')) return 'log-platform'
  if (line.startsWith('REPORT ')) return 'log-report'
  if (
    /\t(ERROR|FATAL)\t/.test(line) ||
    / Task timed out after /.test(line) ||
    line.startsWith('RequestId:')
  )
    return 'log-error'
  if (/\tWARN\t/.test(line)) return 'log-warn'
  return 'log-app'
}

/** CloudWatch-style log lines of the selected invocation, or of the whole session. */
export function LogPanel() {
  const scope = useUiStore((state) => state.logScope)
  const setScope = useUiStore((state) => state.setLogScope)
  const history = useStore(invocationStore, (state) => state.history)
  const selected = useStore(invocationStore, (state) => state.selected)
  const lines = useMemo(() => {
    if (scope === 'all') {
      return history.flatMap((entry) => (entry.kind === 'invocation' ? entry.record.logLines : []))
    }
    const entry = history.find((candidate) => candidate.seq === selected)
    return entry?.kind === 'invocation' ? entry.record.logLines : EMPTY
  }, [history, selected, scope])
  const shown = lines.length > MAX_LINES ? lines.slice(-MAX_LINES) : lines
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // Braces matter: newer browsers return a promise from scrollIntoView, and React would take
    // a returned value for a cleanup function.
    end.current?.scrollIntoView({ block: 'end' })
  }, [shown])

  return (
    <div className="log-panel" data-testid="log-panel">
      <div className="panel-title">
        <span>Log output</span>
        <span className="muted small">/aws/lambda · CloudWatch format</span>
        <div className="segmented" role="radiogroup" aria-label="Which logs">
          {(['selected', 'all'] as const).map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={scope === option}
              className={scope === option ? 'active' : ''}
              onClick={() => setScope(option)}
            >
              {option === 'selected' ? 'This invocation' : 'All'}
            </button>
          ))}
        </div>
      </div>
      <div className="log-lines" role="log" tabIndex={0}>
        {shown.length === 0 && <p className="muted">No log output yet.</p>}
        {lines.length > MAX_LINES && (
          <div className="log-platform">… {lines.length - MAX_LINES} earlier lines not shown</div>
        )}
        {shown.map((line, index) => (
          <div key={index} className={`log-line ${lineClass(line)}`}>
            {line}
          </div>
        ))}
        <div ref={end} />
      </div>
    </div>
  )
}

const EMPTY: string[] = []
