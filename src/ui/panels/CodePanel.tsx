import { useMemo, useState } from 'react'
import { useStore } from 'zustand'
import type { LambdaErrorPayload } from '../../core/lambda/errors'
import { fileLanguage } from '../../sandboxes/function-files'
import { splitHandler } from '../../sandboxes/runtime/module-source'
import type { SourceLanguage } from '../../sandboxes/types'
import { invocationStore } from '../../stores/invocation-store'
import { useProjectStore } from '../../stores/project-store'
import { useUiStore } from '../../stores/ui-store'
import MonacoEditor, { type EditorMarker, type SiblingModel } from '../editor/MonacoEditor'
import { errorLocation } from '../error-location'
import FileTabs from './FileTabs'

const extension: Record<SourceLanguage, string> = { javascript: 'mjs', typescript: 'ts' }

/** Where an error's trace points in one of the other files (`/var/task/lib.js:3:9`). */
function fileErrorLocation(
  error: LambdaErrorPayload,
  name: string,
): { line: number; column: number } | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`/var/task/${escaped}:(\\d+)(?::(\\d+))?`)
  for (const text of [error.errorMessage, ...(error.trace ?? [])]) {
    const match = pattern.exec(text)
    if (match) return { line: Number(match[1]), column: Number(match[2] ?? 1) }
  }
  return null
}

/**
 * The function's source in Monaco: a tab per file (the handler's first), the error of the last
 * invocation marked at its line in the file it points at.
 */
export default function CodePanel({ onInvoke }: { onInvoke(): void }) {
  const code = useProjectStore((state) => state.code)
  const language = useProjectStore((state) => state.language)
  const files = useProjectStore((state) => state.files)
  const handler = useProjectStore((state) => state.config.handler)
  const project = useProjectStore.getState()
  const theme = useUiStore((state) => state.theme)
  const [openName, setOpenName] = useState<string | null>(null)
  const selected = useStore(invocationStore, (state) =>
    state.history.find((entry) => entry.seq === state.selected),
  )
  const open = files.find((f) => f.name === openName) ?? null
  const mainName = `${splitHandler(handler).moduleName || 'index'}.${extension[language]}`

  const markers = useMemo<EditorMarker[]>(() => {
    // A record made from other code than what is shown now would point at the wrong lines.
    if (selected?.kind !== 'invocation' || selected.code !== code) return []
    const error = selected.record.error
    const at = error ? (open ? fileErrorLocation(error, open.name) : errorLocation(error)) : null
    return error && at ? [{ ...at, message: `${error.errorType}: ${error.errorMessage}` }] : []
  }, [selected, code, open])

  const siblings = useMemo<SiblingModel[]>(
    () => [
      ...(open ? [{ path: `file:///${mainName}`, language, value: code }] : []),
      ...files
        .filter((f) => f !== open)
        .map((f) => ({ path: `file:///${f.name}`, language: fileLanguage(f.name), value: f.code })),
    ],
    [open, mainName, language, code, files],
  )

  return (
    <div className="editor-panel">
      <div className="panel-title code-title">
        <span>Code</span>
        <FileTabs
          mainName={mainName}
          files={files.map((f) => f.name)}
          active={open?.name ?? null}
          handler={handler}
          onSelect={setOpenName}
          onAdd={(name) => {
            project.addFile(name)
            setOpenName(name)
          }}
          onRename={(from, to) => {
            project.renameFile(from, to)
            setOpenName(to)
          }}
          onDelete={(name) => {
            project.deleteFile(name)
            setOpenName(null)
          }}
        />
        {open ? (
          <span className="file-language" title="A file's language follows its extension">
            {fileLanguage(open.name) === 'typescript' ? 'TypeScript' : 'JavaScript'}
          </span>
        ) : (
          <LanguageSwitch language={language} onChange={project.setLanguage} />
        )}
      </div>
      <div className="editor-frame" data-testid="code-editor">
        <MonacoEditor
          path={`file:///${open ? open.name : mainName}`}
          language={open ? fileLanguage(open.name) : language}
          value={open ? open.code : code}
          onChange={open ? (text) => project.setFileCode(open.name, text) : project.setCode}
          onInvoke={onInvoke}
          markers={markers}
          siblings={siblings}
          ariaLabel={`${open ? open.name : 'Handler code'}. Ctrl+Enter invokes.`}
          theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        />
      </div>
    </div>
  )
}

function LanguageSwitch(props: { language: SourceLanguage; onChange(l: SourceLanguage): void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Language">
      {(['javascript', 'typescript'] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={props.language === option}
          className={props.language === option ? 'active' : ''}
          onClick={() => props.onChange(option)}
          title={option === 'typescript' ? 'Types are stripped before the code runs' : undefined}
        >
          {option === 'javascript' ? 'JavaScript' : 'TypeScript'}
        </button>
      ))}
    </div>
  )
}
