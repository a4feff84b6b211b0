import { useStore } from 'zustand'
import { formatMs } from '../../core/lambda/log-lines'
import { invocationStore } from '../../stores/invocation-store'

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour12: false })
}

/** Every invocation of the session, newest first, with the environment that served it. */
export function HistoryTable({ onSelect }: { onSelect(seq: number): void }) {
  const history = useStore(invocationStore, (state) => state.history)
  const selected = useStore(invocationStore, (state) => state.selected)

  if (history.length === 0) return <p className="muted empty">No invocations yet.</p>
  return (
    <table className="history" data-testid="invocation-history">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">Env</th>
          <th scope="col">Start</th>
          <th scope="col">Result</th>
          <th scope="col" className="num">
            Duration
          </th>
        </tr>
      </thead>
      <tbody>
        {[...history].reverse().map((entry) => (
          <tr
            key={entry.seq}
            className={entry.seq === selected ? 'selected' : ''}
            onClick={() => onSelect(entry.seq)}
          >
            <td>
              <button
                type="button"
                className="link"
                aria-label={`Show invocation ${entry.seq}`}
                onClick={(event) => {
                  event.stopPropagation()
                  onSelect(entry.seq)
                }}
              >
                {entry.seq}
              </button>
            </td>
            {entry.kind === 'invocation' ? (
              <>
                <td>{clock(entry.record.startedAt)}</td>
                <td>#{entry.record.environmentId}</td>
                <td>
                  <span className={`badge ${entry.record.cold ? 'cold' : 'warm'}`}>
                    {entry.record.cold ? 'cold' : 'warm'}
                  </span>
                </td>
                <td className={entry.record.status}>
                  {entry.record.status === 'succeeded'
                    ? '✓'
                    : `✗ ${entry.record.error?.errorType ?? ''}`}
                </td>
                <td className="num">{formatMs(entry.record.durationMs)} ms</td>
              </>
            ) : (
              <>
                <td>{clock(entry.at)}</td>
                <td>–</td>
                <td>–</td>
                <td className="failed">not invoked: {entry.rejection.error.errorType}</td>
                <td className="num">–</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
