import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { defaultFunctionConfig, type FunctionConfig } from '../core/lambda/function-config'
import type { SandboxKind, SourceLanguage } from '../sandboxes/types'
import { defaultCode } from './default-code'

/** A test event the user saved under a name, as in Lambda's console. */
export interface SavedEvent {
  name: string
  json: string
}

/** What the user authored: persisted locally (autosave) and, later, encoded into share links. */
export interface ProjectState {
  code: string
  language: SourceLanguage
  /** May hold values Lambda would refuse: they are shown with their error, never dropped. */
  config: FunctionConfig
  /** The test event being edited, as typed (possibly invalid JSON). */
  eventJson: string
  savedEvents: SavedEvent[]
  /** Which kind of execution environment runs the function (a change means new environments). */
  sandbox: SandboxKind
}

interface ProjectActions {
  setCode(code: string): void
  setLanguage(language: SourceLanguage): void
  setSandbox(sandbox: SandboxKind): void
  updateConfig(patch: Partial<FunctionConfig>): void
  setEventJson(json: string): void
  /** Saves (or overwrites) the current event under `name`. */
  saveEvent(name: string): void
  deleteEvent(name: string): void
  /** Back to a fresh playground; the caller confirms first. */
  reset(): void
}

const helloWorldEvent = JSON.stringify({ key1: 'value1', key2: 'value2', key3: 'value3' }, null, 2)

/** A fresh playground. */
export function defaultProject(): ProjectState {
  return {
    code: defaultCode.javascript,
    language: 'javascript',
    config: defaultFunctionConfig(),
    eventJson: helloWorldEvent,
    savedEvents: [],
    sandbox: 'quickjs',
  }
}

export const useProjectStore = create<ProjectState & ProjectActions>()(
  persist(
    (set) => ({
      ...defaultProject(),
      setCode: (code) => set({ code }),
      setLanguage: (language) => set({ language }),
      setSandbox: (sandbox) => set({ sandbox }),
      updateConfig: (patch) => set((state) => ({ config: { ...state.config, ...patch } })),
      setEventJson: (eventJson) => set({ eventJson }),
      saveEvent: (name) =>
        set((state) => ({
          savedEvents: [
            ...state.savedEvents.filter((saved) => saved.name !== name),
            { name, json: state.eventJson },
          ].sort((a, b) => a.name.localeCompare(b.name)),
        })),
      deleteEvent: (name) =>
        set((state) => ({ savedEvents: state.savedEvents.filter((saved) => saved.name !== name) })),
      reset: () => set(defaultProject()),
    }),
    {
      name: 'slp.project',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ code, language, config, eventJson, savedEvents, sandbox }) => ({
        code,
        language,
        config,
        eventJson,
        savedEvents,
        sandbox,
      }),
      // A stored project from a newer or broken build must not wipe what is there: merge
      // field by field over the defaults.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<ProjectState>
        return {
          ...current,
          ...stored,
          config: { ...current.config, ...(stored.config ?? {}) },
          sandbox: stored.sandbox === 'webworker' ? 'webworker' : 'quickjs',
        }
      },
    },
  ),
)
