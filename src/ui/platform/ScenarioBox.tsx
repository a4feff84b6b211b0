import { useMemo, useState } from 'react'
import { useStore } from 'zustand'
import { useProjectStore } from '../../stores/project-store'
import { runStore, setErrors, setStatus } from '../../stores/run-store'
import { buildScenarioJson } from './scenario-builder'
import { readScenarioFile } from './scenario-reader'
import { openCode } from './run-code'
import { useScenarioCode } from './use-scenario-code'
import type { SimDriver } from './use-sim-driver'

/** Downloads `text` as a file, as a browser saves any download. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * The scenario of the current settings as JSON: what "Save scenario" writes, and what
 * `npm run simulate -- <file>` runs to the same counts and cost for the same seed.
 */
/**
 * Opens a scenario file into the view and the project's function, then starts it at 0:00:00.
 * Returns what was not kept, or null when the file was refused (the errors are shown).
 */
async function openFile(file: File, driver: SimDriver): Promise<string[] | null> {
  const opened = readScenarioFile(await file.text(), runStore.getState().settings)
  if (!opened.ok) {
    setErrors(opened.errors.map((error) => `${file.name}: ${error}`))
    return null
  }
  driver.pause()
  // While loading, edits are not applied live: the reset below loads all of them at once.
  setStatus('loading')
  useProjectStore.getState().updateConfig(opened.fn)
  openCode(opened.code, useProjectStore.getState())
  runStore.setState({ settings: opened.settings })
  await driver.reset()
  return opened.notes
}

export function ScenarioBox({ driver }: { driver: SimDriver }) {
  const [opened, setOpened] = useState<{ name: string; notes: string[] } | null>(null)
  const settings = useStore(runStore, (s) => s.settings)
  const stale = useStore(runStore, (s) => s.stale)
  const fn = useProjectStore((s) => s.config)
  // With "my handler" on, the file carries the code, so the CLI runs the same handler.
  const code = useScenarioCode()
  const text = useMemo(
    () => JSON.stringify(buildScenarioJson(settings, fn, code), null, 2),
    [settings, fn, code],
  )

  return (
    <section className="pf-group pf-scenario" aria-label="Scenario file">
      <div className="pf-row pf-wrap">
        <button
          type="button"
          className="button small"
          data-testid="scenario-save"
          onClick={() => download(`${fn.name}-scenario.json`, `${text}\n`)}
        >
          ⤓ Save scenario
        </button>
        <label className="button small pf-open">
          ⤒ Open scenario
          <input
            type="file"
            accept=".json,application/json"
            className="pf-visually-hidden"
            data-testid="scenario-open"
            onChange={(event) => {
              const file = event.target.files?.[0]
              event.target.value = ''
              if (file === undefined) return
              void openFile(file, driver).then((notes) => {
                setOpened(notes === null ? null : { name: file.name, notes })
              })
            }}
          />
        </label>
      </div>
      {stale && <p className="pf-hint">Some changes apply on reset.</p>}
      {opened && (
        <div className="pf-hint" data-testid="scenario-opened" role="status">
          Opened {opened.name}.
          {opened.notes.length > 0 && (
            <ul>
              {opened.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <details>
        <summary>Scenario JSON (runs the same in the CLI)</summary>
        <textarea
          className="pf-json"
          data-testid="scenario-json"
          readOnly
          value={text}
          rows={14}
          aria-label="Scenario JSON"
        />
      </details>
    </section>
  )
}
