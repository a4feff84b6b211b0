/**
 * The code a saved scenario carries: the handler's runnable JavaScript when "my handler" is
 * on, else null. Prepares the current source when it has not been yet.
 */
import { useEffect } from 'react'
import { useStore } from 'zustand'
import { useProjectStore } from '../../stores/project-store'
import { codeToRun, refreshRunnable, runCodeStore } from './run-code'

export function useScenarioCode(): string | null {
  const mode = useStore(runCodeStore, (s) => s.mode)
  const runnable = useStore(runCodeStore, (s) => s.runnable)
  const source = useProjectStore((s) => s.code)
  const language = useProjectStore((s) => s.language)
  const code = codeToRun({ mode, runnable }, source, language)
  useEffect(() => {
    if (code === undefined) void refreshRunnable(source, language)
  }, [code, source, language])
  return code ?? null
}
