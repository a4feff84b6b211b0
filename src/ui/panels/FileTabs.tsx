import { useState, type FormEvent } from 'react'
import { fileNameProblem } from '../../sandboxes/function-files'

export interface FileTabsProps {
  /** The handler's file, always first and never renamed or deleted here (`index.mjs`). */
  mainName: string
  /** The function's other files, in order. */
  files: readonly string[]
  /** The open file: `null` for the handler's. */
  active: string | null
  /** `file.export` from the configuration: a new file may not take the handler's file name. */
  handler: string
  onSelect(name: string | null): void
  onAdd(name: string): void
  onRename(from: string, to: string): void
  onDelete(name: string): void
}

type Editing = { mode: 'add' } | { mode: 'rename'; name: string }

/**
 * The file tabs above the code editor: the handler's file, the others, "+ File". A name is
 * checked as it is typed and the reason shown; deleting asks first.
 */
export default function FileTabs(props: FileTabsProps) {
  const { mainName, files, active, handler, onSelect } = props
  const [editing, setEditing] = useState<Editing | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)

  // Inside the panel's title row: the tabs take no height from the editor; the name field and
  // the delete question wrap onto a row of their own while they are open.
  return (
    <>
      {/* A group of buttons, not a tablist: a tablist may hold tabs only, and each file has its
          rename and delete buttons beside its tab. */}
      <div className="file-tabs" role="group" aria-label="Files of the function">
        <button
          type="button"
          aria-current={active === null ? 'true' : undefined}
          className={active === null ? 'file-tab active' : 'file-tab'}
          data-testid="file-tab"
          onClick={() => onSelect(null)}
          title="The handler's file"
        >
          {mainName}
        </button>
        {files.map((name) => (
          <span key={name} className={active === name ? 'file-tab-group active' : 'file-tab-group'}>
            <button
              type="button"
              aria-current={active === name ? 'true' : undefined}
              className={active === name ? 'file-tab active' : 'file-tab'}
              data-testid="file-tab"
              onClick={() => onSelect(name)}
              onDoubleClick={() => setEditing({ mode: 'rename', name })}
            >
              {name}
            </button>
            {active === name && (
              <>
                <button
                  type="button"
                  className="file-tab-action"
                  aria-label={`Rename ${name}`}
                  title="Rename"
                  onClick={() => setEditing({ mode: 'rename', name })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="file-tab-action"
                  aria-label={`Delete ${name}`}
                  title="Delete"
                  onClick={() => setConfirming(name)}
                >
                  ×
                </button>
              </>
            )}
          </span>
        ))}
        <button
          type="button"
          className="file-add"
          data-testid="add-file-button"
          onClick={() => setEditing({ mode: 'add' })}
        >
          + File
        </button>
      </div>
      {editing && (
        <FileNameForm
          key={editing.mode === 'add' ? '+' : editing.name}
          editing={editing}
          taken={[mainName, ...files].filter((n) => editing.mode === 'add' || n !== editing.name)}
          handler={handler}
          onDone={(name) => {
            setEditing(null)
            if (name === undefined) return
            if (editing.mode === 'add') props.onAdd(name)
            else if (name !== editing.name) props.onRename(editing.name, name)
          }}
        />
      )}
      {confirming !== null && (
        <div className="file-confirm" role="alertdialog" aria-label={`Delete ${confirming}?`}>
          <span>Delete {confirming} and everything in it? This cannot be undone.</span>
          <button
            type="button"
            className="danger"
            data-testid="confirm-delete-file"
            onClick={() => {
              props.onDelete(confirming)
              setConfirming(null)
            }}
          >
            Delete
          </button>
          <button type="button" autoFocus onClick={() => setConfirming(null)}>
            Keep it
          </button>
        </div>
      )}
    </>
  )
}

/** The inline name field of "+ File" and rename, with the reason a name is refused. */
function FileNameForm(props: {
  editing: Editing
  taken: string[]
  handler: string
  onDone(name: string | undefined): void
}) {
  const { editing, taken, handler, onDone } = props
  const [draft, setDraft] = useState(editing.mode === 'rename' ? editing.name : '')
  const [tried, setTried] = useState(false)
  const name = draft.trim()
  const problem = fileNameProblem(name, taken, handler)
  const shown = (tried || name !== '') && problem !== undefined ? problem : undefined
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    setTried(true)
    if (problem === undefined) onDone(name)
  }
  return (
    <form className="file-name-form" onSubmit={submit}>
      <input
        autoFocus
        value={draft}
        placeholder="lib.js, utils/format.ts"
        aria-label={editing.mode === 'add' ? 'New file name' : `New name for ${editing.name}`}
        aria-invalid={shown !== undefined}
        aria-describedby="file-name-problem"
        data-testid="file-name-input"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(undefined)
        }}
      />
      <button type="submit" data-testid="file-name-submit">
        {editing.mode === 'add' ? 'Add' : 'Rename'}
      </button>
      <button type="button" onClick={() => onDone(undefined)}>
        Cancel
      </button>
      <span
        id="file-name-problem"
        className="file-name-problem"
        role="status"
        data-testid="file-name-problem"
      >
        {shown}
      </span>
    </form>
  )
}
