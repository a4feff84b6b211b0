import { useDeferredValue, useMemo, useState } from 'react'
import { eventTemplates } from '../../core/events/templates'
import { useProjectStore } from '../../stores/project-store'
import { useUiStore } from '../../stores/ui-store'
import MonacoEditor, { type EditorMarker } from '../editor/MonacoEditor'
import { parseEventJson } from '../event-json'
import type { InvokeBlock } from '../hooks/function-host'

interface EventPanelProps {
  onInvoke(): void
  /** Set when Invoke was refused because of the event. */
  block: InvokeBlock
  onEdit(): void
}

/** The test event: templates, saved events and a JSON editor that checks as you type. */
export default function EventPanel({ onInvoke, block, onEdit }: EventPanelProps) {
  const eventJson = useProjectStore((state) => state.eventJson)
  const setEventJson = useProjectStore((state) => state.setEventJson)
  const savedEvents = useProjectStore((state) => state.savedEvents)
  const saveEvent = useProjectStore((state) => state.saveEvent)
  const deleteEvent = useProjectStore((state) => state.deleteEvent)
  const theme = useUiStore((state) => state.theme)
  const [saveName, setSaveName] = useState<string | null>(null)

  // Large events parse off the typing path.
  const deferred = useDeferredValue(eventJson)
  const parsed = useMemo(() => parseEventJson(deferred), [deferred])
  const markers = useMemo<EditorMarker[]>(
    () =>
      parsed.ok
        ? []
        : [
            {
              line: parsed.line,
              column: parsed.column,
              endColumn: parsed.column + 1,
              message: parsed.message,
            },
          ],
    [parsed],
  )

  const pick = (value: string) => {
    if (value.startsWith('template:')) {
      const template = eventTemplates.find((candidate) => `template:${candidate.id}` === value)
      if (template) setEventJson(JSON.stringify(template.event, null, 2))
    } else if (value.startsWith('saved:')) {
      const saved = savedEvents.find((candidate) => `saved:${candidate.name}` === value)
      if (saved) setEventJson(saved.json)
    }
    onEdit()
  }

  const trimmedName = saveName?.trim() ?? ''

  return (
    <div className="editor-panel">
      <div className="panel-title">
        <span>Test event</span>
        <select
          aria-label="Load a test event"
          value=""
          onChange={(event) => pick(event.target.value)}
          data-testid="event-template-select"
        >
          <option value="" disabled>
            Load an event…
          </option>
          <optgroup label="Templates">
            {eventTemplates.map((template) => (
              <option
                key={template.id}
                value={`template:${template.id}`}
                title={template.description}
              >
                {template.label}
              </option>
            ))}
          </optgroup>
          {savedEvents.length > 0 && (
            <optgroup label="Saved events">
              {savedEvents.map((saved) => (
                <option key={saved.name} value={`saved:${saved.name}`}>
                  {saved.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {saveName === null ? (
          <button type="button" className="button small" onClick={() => setSaveName('')}>
            Save…
          </button>
        ) : (
          <form
            className="save-form"
            onSubmit={(event) => {
              event.preventDefault()
              if (trimmedName === '') return
              saveEvent(trimmedName)
              setSaveName(null)
            }}
          >
            <input
              autoFocus
              aria-label="Name of the saved event"
              placeholder="event name"
              value={saveName}
              maxLength={25}
              onChange={(event) => setSaveName(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && setSaveName(null)}
            />
            <button type="submit" className="button small primary" disabled={trimmedName === ''}>
              {savedEvents.some((saved) => saved.name === trimmedName) ? 'Overwrite' : 'Save'}
            </button>
            <button type="button" className="button small ghost" onClick={() => setSaveName(null)}>
              Cancel
            </button>
          </form>
        )}
        {savedEvents.length > 0 && saveName === null && (
          <details className="saved-menu">
            <summary className="button small ghost">Saved ({savedEvents.length})</summary>
            <ul>
              {savedEvents.map((saved) => (
                <li key={saved.name}>
                  <span>{saved.name}</span>
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Delete saved event ${saved.name}`}
                    onClick={() => deleteEvent(saved.name)}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="editor-frame" data-testid="event-editor">
        <MonacoEditor
          path="file:///test-event.json"
          language="event-json"
          value={eventJson}
          onChange={(value) => {
            setEventJson(value)
            onEdit()
          }}
          onInvoke={onInvoke}
          markers={markers}
          ariaLabel="Test event JSON. Ctrl+Enter invokes."
          theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        />
      </div>
      {!parsed.ok && (
        <div
          className={`json-error${block ? ' blocking' : ''}`}
          role="alert"
          data-testid="event-error"
        >
          {block ? 'Not invoked. ' : ''}Invalid JSON at line {parsed.line}, column {parsed.column}:{' '}
          {parsed.message}
        </div>
      )}
    </div>
  )
}
