import { useMemo } from 'react'
import { useStore } from 'zustand'
import type { SourceLanguage } from '../../sandboxes/types'
import { invocationStore } from '../../stores/invocation-store'
import { useProjectStore } from '../../stores/project-store'
import { useUiStore } from '../../stores/ui-store'
import MonacoEditor, { type EditorMarker } from '../editor/MonacoEditor'
import { errorLocation } from '../error-location'

const fileName: Record<SourceLanguage, string> = { javascript: 'index.mjs', typescript: 'index.ts' }

/** The handler's source in Monaco, with the error of the last invocation marked at its line. */
export default function CodePanel({ onInvoke }: { onInvoke(): void }) {
  const code = useProjectStore((state) => state.code)
  const language = useProjectStore((state) => state.language)
  const setCode = useProjectStore((state) => state.setCode)
  const setLanguage = useProjectStore((state) => state.setLanguage)
  const theme = useUiStore((state) => state.theme)
  const selected = useStore(invocationStore, (state) =>
    state.history.find((entry) => entry.seq === state.selected),
  )

  const markers = useMemo<EditorMarker[]>(() => {
    if (selected?.kind !== 'invocation' || selected.code !== code) return []
    const error = selected.record.error
    const at = error ? errorLocation(error) : null
    return error && at ? [{ ...at, message: `${error.errorType}: ${error.errorMessage}` }] : []
  }, [selected, code])

  return (
    <div className="editor-panel">
      <div className="panel-title">
        <span>Code</span>
        <span className="file-name">{fileName[language]}</span>
        <div className="segmented" role="radiogroup" aria-label="Language">
          {(['javascript', 'typescript'] as const).map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={language === option}
              className={language === option ? 'active' : ''}
              onClick={() => setLanguage(option)}
              title={
                option === 'typescript' ? 'Types are stripped before the code runs' : undefined
              }
            >
              {option === 'javascript' ? 'JavaScript' : 'TypeScript'}
            </button>
          ))}
        </div>
      </div>
      <div className="editor-frame" data-testid="code-editor">
        <MonacoEditor
          path={`file:///${fileName[language]}`}
          language={language}
          value={code}
          onChange={setCode}
          onInvoke={onInvoke}
          markers={markers}
          ariaLabel="Handler code. Ctrl+Enter invokes."
          theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        />
      </div>
    </div>
  )
}
