import { create } from 'zustand'
import { persist } from 'zustand/middleware'

export type Theme = 'light' | 'dark'

/** Layout and display preferences; persisted apart from the project. */
export interface UiState {
  theme: Theme
  /** Log panel: only the selected invocation, or the whole stream. */
  logScope: 'selected' | 'all'
  setTheme(theme: Theme): void
  setLogScope(scope: 'selected' | 'all'): void
}

function preferredTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light'
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      theme: preferredTheme(),
      logScope: 'selected',
      setTheme: (theme) => set({ theme }),
      setLogScope: (logScope) => set({ logScope }),
    }),
    { name: 'slp.ui', version: 1 },
  ),
)
