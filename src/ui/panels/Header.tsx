import { useStore } from 'zustand'
import { invocationStore } from '../../stores/invocation-store'
import { useProjectStore } from '../../stores/project-store'
import { useUiStore } from '../../stores/ui-store'
import { startFreshEnvironment } from '../hooks/function-host'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function Header({ onInvoke }: { onInvoke(): void }) {
  const pending = useStore(invocationStore, (state) => state.pending)
  const environments = useStore(invocationStore, (state) => state.environments.length)
  const name = useProjectStore((state) => state.config.name)
  const theme = useUiStore((state) => state.theme)
  const setTheme = useUiStore((state) => state.setTheme)

  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          λ
        </span>
        <span className="brand-name">Serverless Playground</span>
      </div>
      <div className="function-name" title="Function name">
        {name}
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="button ghost"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
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
      </div>
    </header>
  )
}
