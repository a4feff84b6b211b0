import { useStore } from 'zustand'
import { formatMs } from '../../core/lambda/log-lines'
import { invocationStore, selectEntry } from '../../stores/invocation-store'

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour12: false })
}

/** The execution environments alive now, and every invocation with the environment that served it. */
export function HistoryPanel() {
  const history = useStore(invocationStore, (state) => state.history)
  const selected = useStore(invocationStore, (state) => state.selected)
  const environments = useStore(invocationStore, (state) => state.environments)

  return (
    <div className="history-panel">
      <div className="panel-title">
        <span>Execution environments</span>
        <span className="env-chips" data-testid="environment-list">
          {environments.length === 0 ? (
            <span className="muted">none: the next invocation is a cold start</span>
          ) : (
            environments.map((environment) => (
              <span
                key={environment.environmentId}
                className={`env-chip ${environment.state}`}
                title={`Created ${clock(environment.createdAt)} · ${environment.invocations} invocations · peak ${environment.maxMemoryUsedMB} MB`}
              >
                #{environment.environmentId} {environment.state} · {environment.invocations}×
              </span>
            ))
          )}
        </span>
      </div>
      {history.length > 0 && (
        <div className="history-scroll">
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
                  onClick={() => selectEntry(entry.seq)}
                >
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Show invocation ${entry.seq}`}
                      onClick={() => selectEntry(entry.seq)}
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
        </div>
      )}
    </div>
  )
}
