import { useState } from 'react'
import { useProjectStore } from '../../stores/project-store'

interface Row {
  id: number
  key: string
  value: string
}

let nextRowId = 1

/** Key/value rows for the function's environment variables. */
export function EnvironmentEditor() {
  const environment = useProjectStore((state) => state.config.environment)
  const updateConfig = useProjectStore((state) => state.updateConfig)
  // Rows are local so that a half-typed key (or a duplicate) is kept while the user types.
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(environment).map(([key, value]) => ({ id: nextRowId++, key, value })),
  )

  const commit = (next: Row[]) => {
    setRows(next)
    const entries = next.filter((row) => row.key !== '').map((row) => [row.key, row.value])
    updateConfig({ environment: Object.fromEntries(entries) })
  }
  const edit = (id: number, patch: Partial<Row>) =>
    commit(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)))

  const duplicates = new Set(
    rows
      .map((row) => row.key)
      .filter((key, index, all) => key !== '' && all.indexOf(key) !== index),
  )

  return (
    <div className="env-editor">
      {rows.length === 0 && <p className="muted">No environment variables yet.</p>}
      {rows.map((row) => (
        <div className="env-row" key={row.id}>
          <input
            aria-label="Key"
            placeholder="KEY"
            value={row.key}
            spellCheck={false}
            aria-invalid={duplicates.has(row.key) ? true : undefined}
            onChange={(event) => edit(row.id, { key: event.target.value })}
          />
          <span aria-hidden="true">=</span>
          <input
            aria-label={`Value of ${row.key || 'new variable'}`}
            placeholder="value"
            value={row.value}
            spellCheck={false}
            onChange={(event) => edit(row.id, { value: event.target.value })}
          />
          <button
            type="button"
            className="button small ghost"
            aria-label={`Remove ${row.key || 'variable'}`}
            onClick={() => commit(rows.filter((other) => other.id !== row.id))}
          >
            ✕
          </button>
          {duplicates.has(row.key) && (
            <span className="field-error">Duplicate key: the last one wins.</span>
          )}
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() => setRows([...rows, { id: nextRowId++, key: '', value: '' }])}
      >
        + Add variable
      </button>
      <span className="muted">
        Lambda adds its own (AWS_REGION, AWS_LAMBDA_FUNCTION_NAME, …) at run time.
      </span>
    </div>
  )
}
