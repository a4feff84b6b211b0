/**
 * What the Platform view runs for each invocation: modeled durations (the default: no code runs,
 * a duration is drawn) or the Function tab's handler, for real, in one QuickJS sandbox per
 * execution environment inside the simulation worker. Also the state of "send one request
 * now". A small store of its own: the view's settings live in the run store, which this slice
 * does not own.
 */
import { createStore } from 'zustand/vanilla'
import type { SentRequest } from '../../core/invoke-now'
import { toRunnableJs, transpileErrorLine } from '../../sandboxes/transpile'
import type { SourceLanguage } from '../../sandboxes/types'

/** How invocations get their duration. */
export type RunMode = 'modeled' | 'handler'

/** The handler's source made runnable (TypeScript stripped), or why it could not be. */
export type RunnableCode =
  | { source: string; language: SourceLanguage; js: string; error: null }
  | { source: string; language: SourceLanguage; js: null; error: string }

/** The last "send one request now". */
export type SendState =
  { kind: 'sending' } | { kind: 'sent'; request: SentRequest } | { kind: 'refused'; error: string }

/** How far the run keeps up with the requested speed (virtual ms per wall ms). */
export interface Pace {
  requested: number
  actual: number
}

export interface RunCodeState {
  mode: RunMode
  /** The current handler, prepared (null until the first preparation ends). */
  runnable: RunnableCode | null
  send: SendState | null
  /** Measured while running; null when paused or keeping up. */
  pace: Pace | null
}

export const runCodeStore = createStore<RunCodeState>()(() => ({
  mode: 'modeled',
  runnable: null,
  send: null,
  pace: null,
}))

export function setRunMode(mode: RunMode): void {
  runCodeStore.setState({ mode })
}

export function setSendState(send: SendState | null): void {
  runCodeStore.setState({ send })
}

export function setPace(pace: Pace | null): void {
  const old = runCodeStore.getState().pace
  if (old === pace || (old && pace && old.actual === pace.actual)) return
  runCodeStore.setState({ pace })
}

/**
 * Strips TypeScript (sucrase keeps line numbers). Code that does not parse is kept as written,
 * with the parse error: the sandbox then fails INIT with a syntax error, as Lambda fails a
 * deployment whose module does not load.
 */
export async function prepareCode(source: string, language: SourceLanguage): Promise<RunnableCode> {
  try {
    return { source, language, js: await toRunnableJs(source, language), error: null }
  } catch (error) {
    const { message, line } = transpileErrorLine(error)
    return { source, language, js: null, error: line ? `${message} (line ${line})` : message }
  }
}

/** The code the scenario carries: the stripped JavaScript, else the source as written. */
export function scenarioCode(runnable: RunnableCode): string {
  return runnable.js ?? runnable.source
}

/**
 * The code to run for `source` in `mode`, or null for modeled durations. Undefined while the
 * preparation of the current source has not finished (the caller waits for it).
 */
export function codeToRun(
  state: Pick<RunCodeState, 'mode' | 'runnable'>,
  source: string,
  language: SourceLanguage,
): string | null | undefined {
  if (state.mode === 'modeled') return null
  const r = state.runnable
  if (r === null || r.source !== source || r.language !== language) return undefined
  return scenarioCode(r)
}

let latest: { source: string; language: SourceLanguage } | null = null

/** Prepares the current source if it changed since the last time; resolves when stored. */
export async function refreshRunnable(source: string, language: SourceLanguage): Promise<void> {
  const r = runCodeStore.getState().runnable
  if (r !== null && r.source === source && r.language === language) return
  latest = { source, language }
  const prepared = await prepareCode(source, language)
  // An older preparation that ends after a newer one must not replace it.
  if (latest.source === source && latest.language === language)
    runCodeStore.setState({ runnable: prepared })
}

/**
 * Takes an opened scenario's code into the workspace: a function with code turns "my handler"
 * on and becomes the Function tab's code (unless it is what the current source runs as, so a
 * TypeScript source saved from here stays TypeScript); a file without code turns it off.
 */
export function openCode(
  code: string | null,
  project: {
    code: string
    language: SourceLanguage
    setCode(code: string): void
    setLanguage(language: SourceLanguage): void
  },
): void {
  if (code === null) return setRunMode('modeled')
  const r = runCodeStore.getState().runnable
  const current = r !== null && r.source === project.code && r.language === project.language
  if (!(current && scenarioCode(r) === code) && project.code !== code) {
    project.setLanguage('javascript')
    project.setCode(code)
  }
  setRunMode('handler')
}
