import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { defaultFunctionConfig, type FunctionConfig } from '../core/lambda/function-config'
import type { SandboxKind, SourceFile, SourceLanguage } from '../sandboxes/types'
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
  /** The function's other source files, beside the handler's (`lib.js`, `utils/format.ts`). */
  files: SourceFile[]
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
  /** Adds an empty file; the caller has checked the name (sandboxes/function-files.ts). */
  addFile(name: string, code?: string): void
  setFileCode(name: string, code: string): void
  renameFile(from: string, to: string): void
  /** Deletes a file and what it holds; the caller confirms first. */
  deleteFile(name: string): void
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
    files: [],
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
      addFile: (name, code = '') =>
        set((state) => ({
          files: state.files.some((f) => f.name === name)
            ? state.files
            : [...state.files, { name, code }],
        })),
      setFileCode: (name, code) =>
        set((state) => ({ files: state.files.map((f) => (f.name === name ? { name, code } : f)) })),
      renameFile: (from, to) =>
        set((state) => ({
          files: state.files.map((f) => (f.name === from ? { name: to, code: f.code } : f)),
        })),
      deleteFile: (name) => set((state) => ({ files: state.files.filter((f) => f.name !== name) })),
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
      partialize: ({ code, language, files, config, eventJson, savedEvents, sandbox }) => ({
        code,
        language,
        files,
        config,
        eventJson,
        savedEvents,
        sandbox,
      }),
      // A stored project from a newer or broken build must not wipe what is there.
      merge: (persisted, current) => mergeStoredProject(persisted, current),
    },
  ),
)

/** The stored files that are well-formed (a name and code, both strings), first of each name kept. */
function readFiles(stored: unknown): SourceFile[] {
  if (!Array.isArray(stored)) return []
  const files: SourceFile[] = []
  for (const item of stored as unknown[]) {
    if (typeof item !== 'object' || item === null) continue
    const { name, code } = item as Record<string, unknown>
    if (typeof name !== 'string' || typeof code !== 'string') continue
    if (!files.some((f) => f.name === name)) files.push({ name, code })
  }
  return files
}

/**
 * A stored project over the current state, field by field: a save from an older build (without
 * `files`) or a damaged one keeps what can be read, and never wipes the rest.
 */
export function mergeStoredProject<T extends ProjectState>(persisted: unknown, current: T): T {
  const stored = (persisted ?? {}) as Partial<ProjectState>
  return {
    ...current,
    ...stored,
    config: { ...current.config, ...(stored.config ?? {}) },
    files: readFiles(stored.files),
    sandbox: stored.sandbox === 'webworker' ? 'webworker' : 'quickjs',
  }
}
