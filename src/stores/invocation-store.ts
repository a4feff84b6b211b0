import { createStore } from 'zustand/vanilla'
import type { EnvironmentSummary, InvocationRecord, InvokeRejection } from '../sandboxes/types'

/** Keep the last invocations only: each carries its log lines. */
const HISTORY_LIMIT = 100

/** One row of the history: an invocation, or a request refused before it ran. */
export type HistoryEntry =
  | { kind: 'invocation'; seq: number; record: InvocationRecord; code: string }
  | { kind: 'rejected'; seq: number; rejection: InvokeRejection; at: number }

/** Transient state of the current session's invocations (never persisted). */
export interface InvocationState {
  history: HistoryEntry[]
  /** `seq` of the entry shown in the result and log panels. */
  selected: number | null
  pending: boolean
  environments: EnvironmentSummary[]
  /** Set when the sandbox could not start at all (e.g. the WebAssembly failed to load). */
  hostError: string | null
  nextSeq: number
}

export const invocationStore = createStore<InvocationState>()(() => ({
  history: [],
  selected: null,
  pending: false,
  environments: [],
  hostError: null,
  nextSeq: 1,
}))

/** Appends a finished invocation (or refusal) and selects it. */
export function recordResult(
  result: InvocationRecord | InvokeRejection,
  environments: EnvironmentSummary[],
  /** The code that ran, so that its error markers disappear once the code changes. */
  code: string,
): void {
  invocationStore.setState((state) => {
    const seq = state.nextSeq
    const entry: HistoryEntry =
      result.status === 'rejected'
        ? { kind: 'rejected', seq, rejection: result, at: Date.now() }
        : { kind: 'invocation', seq, record: result, code }
    return {
      history: [...state.history, entry].slice(-HISTORY_LIMIT),
      selected: seq,
      pending: false,
      environments,
      nextSeq: seq + 1,
    }
  })
}

/** A refusal found in the page itself (invalid JSON, invalid configuration): nothing ran. */
export function recordRejection(rejection: InvokeRejection): void {
  invocationStore.setState((state) => ({
    history: [
      ...state.history,
      { kind: 'rejected' as const, seq: state.nextSeq, rejection, at: Date.now() },
    ].slice(-HISTORY_LIMIT),
    selected: state.nextSeq,
    nextSeq: state.nextSeq + 1,
  }))
}

export function selectEntry(seq: number): void {
  invocationStore.setState({ selected: seq })
}
