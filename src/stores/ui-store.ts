import { create } from 'zustand'
import { persist } from 'zustand/middleware'

export type Theme = 'light' | 'dark'

/** The always-on fleet the bill is compared with: a server type and its editable price. */
export interface FleetChoice {
  /** Name of one of the core's `DefaultInstanceTypes`. */
  instance: string
  /** USD per instance-hour; null: the type's default price. */
  usdPerHour: number | null
}

/** Layout and display preferences; persisted apart from the project. */
export interface UiState {
  theme: Theme
  /** Large type, thick borders and high contrast, for a projector. */
  presentation: boolean
  /** Log panel: only the selected invocation, or the whole stream. */
  logScope: 'selected' | 'all'
  fleet: FleetChoice
  setTheme(theme: Theme): void
  setPresentation(on: boolean): void
  setLogScope(scope: 'selected' | 'all'): void
  setFleet(change: Partial<FleetChoice>): void
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
      presentation: false,
      logScope: 'selected',
      fleet: { instance: 't3.medium', usdPerHour: null },
      setTheme: (theme) => set({ theme }),
      setPresentation: (presentation) => set({ presentation }),
      setLogScope: (logScope) => set({ logScope }),
      setFleet: (change) => set((state) => ({ fleet: { ...state.fleet, ...change } })),
    }),
    // Version 1 had no `presentation` or `fleet`: persist's shallow merge keeps their defaults.
    { name: 'slp.ui', version: 1 },
  ),
)
