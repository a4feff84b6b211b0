import { useEffect } from 'react'
import { useStore } from 'zustand'
import { invocationStore } from '../../stores/invocation-store'
import { useProjectStore } from '../../stores/project-store'
import { useUiStore } from '../../stores/ui-store'
import { startFreshEnvironment } from '../hooks/function-host'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/**
 * Presentation mode: `data-presentation` on the root element (see styles.css) and its shortcut,
 * Alt+P (Option+P: matched by key position, since Option changes the character on a Mac).
 */
function usePresentation(): [boolean, () => void] {
  const on = useUiStore((state) => state.presentation)
  const setPresentation = useUiStore((state) => state.setPresentation)
  useEffect(() => {
    if (on) document.documentElement.dataset.presentation = ''
    else delete document.documentElement.dataset.presentation
  }, [on])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.code !== 'KeyP' || !event.altKey || event.ctrlKey || event.metaKey) return
      if (event.defaultPrevented) return
      event.preventDefault()
      const ui = useUiStore.getState()
      ui.setPresentation(!ui.presentation)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return [on, () => setPresentation(!on)]
}

/** The two views of the app: one function invoked for real, or the platform simulated live. */
export type View = 'function' | 'platform'

export function Header({
  onInvoke,
  view = 'function',
  onView,
}: {
  onInvoke(): void
  view?: View
  onView?(view: View): void
}) {
  const pending = useStore(invocationStore, (state) => state.pending)
  const environments = useStore(invocationStore, (state) => state.environments.length)
  const name = useProjectStore((state) => state.config.name)
  const theme = useUiStore((state) => state.theme)
  const setTheme = useUiStore((state) => state.setTheme)
  const [presentation, togglePresentation] = usePresentation()

  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          λ
        </span>
        <span className="brand-name">Serverless Playground</span>
      </div>
      <div className="view-tabs" role="tablist" aria-label="View">
        {(['function', 'platform'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            className={view === id ? 'button' : 'button ghost'}
            data-testid={`view-${id}`}
            aria-selected={view === id}
            onClick={() => onView?.(id)}
          >
            {id === 'function' ? 'Function' : 'Platform'}
          </button>
        ))}
      </div>
      <div className="function-name" title="Function name">
        {name}
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="button ghost"
          data-testid="presentation-toggle"
          aria-pressed={presentation}
          aria-keyshortcuts="Alt+P"
          title="Presentation mode: large type and high contrast for a room (Alt+P)"
          onClick={togglePresentation}
        >
          ▣ Present
          <kbd>{isMac ? '⌥' : 'Alt'}+P</kbd>
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        {view === 'function' && (
          <>
            <button
              type="button"
              className="button"
              data-testid="new-environment-button"
              onClick={() => void startFreshEnvironment()}
              disabled={pending}
              title="Discard the execution environments: the next invocation is a cold start"
            >
              ❄ New environment
              <span className="button-hint">
                {environments === 0 ? 'next: cold' : `${environments} warm`}
              </span>
            </button>
            <button
              type="button"
              className="button primary"
              data-testid="invoke-button"
              onClick={onInvoke}
              disabled={pending}
              aria-keyshortcuts="Control+Enter Meta+Enter"
            >
              {pending ? 'Invoking…' : '▶ Invoke'}
              <kbd>{isMac ? '⌘' : 'Ctrl'}+Enter</kbd>
            </button>
          </>
        )}
      </div>
    </header>
  )
}
