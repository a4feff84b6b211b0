import { useStore } from 'zustand'
import { useProjectStore } from '../../stores/project-store'
import { runStore } from '../../stores/run-store'
import { runCodeStore, setRunMode, type RunMode } from './run-code'
import './run-code.css'

const Modes: { mode: RunMode; label: string }[] = [
  { mode: 'modeled', label: 'modeled durations' },
  { mode: 'handler', label: 'my handler (QuickJS)' },
]

/**
 * What runs for each invocation: a drawn duration, or the Function tab's handler for real. The
 * choice applies at once before the run moves, otherwise on reset (it is a new deployment).
 */
export function RunModeGroup() {
  const mode = useStore(runCodeStore, (s) => s.mode)
  const runnable = useStore(runCodeStore, (s) => s.runnable)
  const source = useProjectStore((s) => s.code)
  const language = useProjectStore((s) => s.language)
  const sandbox = useProjectStore((s) => s.sandbox)
  const extraFiles = useProjectStore((s) => s.files.length)
  const stale = useStore(runStore, (s) => s.stale)
  const parseError =
    mode === 'handler' && runnable?.source === source && runnable.language === language
      ? runnable.error
      : null
  return (
    <fieldset className="pf-group pf-run-mode" data-testid="run-mode">
      <legend>Run</legend>
      <div className="pf-presets" role="radiogroup" aria-label="What runs for each invocation">
        {Modes.map(({ mode: value, label }) => (
          <label key={value} className="pf-preset" data-checked={mode === value}>
            <input
              type="radio"
              name="pf-run-mode"
              value={value}
              data-testid={`run-mode-${value}`}
              checked={mode === value}
              onChange={() => setRunMode(value)}
            />
            {label}
          </label>
        ))}
      </div>
      <p className="pf-hint" data-testid="run-mode-note">
        Modeled: each invocation takes a drawn duration, no code runs. My handler: the Function
        tab&rsquo;s code runs in one QuickJS sandbox per environment, its CPU time measured.
      </p>
      {mode === 'handler' && (
        <p className="pf-hint">
          Runs <code>{language === 'typescript' ? 'index.ts' : 'index.js'}</code> with its
          configuration; &ldquo;Send one request&rdquo; uses its test event.
          {extraFiles > 0 &&
            ` Only the handler's file runs here (a scenario holds one file): importing your other ${extraFiles === 1 ? 'file' : `${extraFiles} files`} fails with Runtime.ImportModuleError.`}
          {sandbox === 'webworker' &&
            ' Here it runs in QuickJS even though the Function tab uses a Web Worker: the platform drives each sandbox step by step, which only QuickJS allows.'}
          {stale && ' Reset to apply a change of code or mode.'}
        </p>
      )}
      {parseError !== null && (
        <p className="pf-field-error" role="alert" data-testid="run-code-error">
          Your TypeScript does not parse ({parseError}): every cold start fails its INIT, as
          Lambda&rsquo;s would.
        </p>
      )}
    </fieldset>
  )
}
