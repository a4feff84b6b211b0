import { useState } from 'react'
import { useStore } from 'zustand'
import { invocationStore, selectEntry } from '../../stores/invocation-store'
import { HistoryTable } from './HistoryTable'
import { ResultView } from './ResultView'

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour12: false })
}

/** The execution result, or the list of invocations, with the live environments always in view. */
export function ResultColumn() {
  const [tab, setTab] = useState<'result' | 'history'>('result')
  const count = useStore(invocationStore, (state) => state.history.length)
  const environments = useStore(invocationStore, (state) => state.environments)

  return (
    <div className="result-column-inner">
      <div className="panel-title tabs">
        <div role="tablist" aria-label="Result and invocations" className="tablist">
          <button
            type="button"
            role="tab"
            id="tab-result"
            aria-selected={tab === 'result'}
            aria-controls="tabpanel-result"
            className={tab === 'result' ? 'active' : ''}
            onClick={() => setTab('result')}
          >
            Execution result
          </button>
          <button
            type="button"
            role="tab"
            id="tab-history"
            aria-selected={tab === 'history'}
            aria-controls="tabpanel-history"
            className={tab === 'history' ? 'active' : ''}
            onClick={() => setTab('history')}
            data-testid="history-tab"
          >
            Invocations ({count})
          </button>
        </div>
        <span
          className="env-chips"
          data-testid="environment-list"
          aria-label="Execution environments"
        >
          <span className="muted small">Environments:</span>
          {environments.length === 0 ? (
            <span className="muted small">none (next invocation is cold)</span>
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
      {tab === 'result' ? (
        <div
          id="tabpanel-result"
          role="tabpanel"
          aria-labelledby="tab-result"
          className="tab-body"
          tabIndex={0}
        >
          <ResultView />
        </div>
      ) : (
        <div
          id="tabpanel-history"
          role="tabpanel"
          aria-labelledby="tab-history"
          className="tab-body"
        >
          <HistoryTable
            onSelect={(seq) => {
              selectEntry(seq)
              setTab('result')
            }}
          />
        </div>
      )}
    </div>
  )
}
