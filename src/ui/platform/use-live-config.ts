/**
 * Applies edits while a run is under way: any change to the view's settings, the project's
 * function, or what runs for each invocation (modeled durations or the handler, and then its
 * code) asks the driver to sync (see `SimDriver.sync`: live where Lambda applies it live,
 * otherwise on reset).
 */
import { useEffect } from 'react'
import { useProjectStore } from '../../stores/project-store'
import { runStore } from '../../stores/run-store'
import { runCodeStore } from './run-code'
import type { SimDriver } from './use-sim-driver'

/** What a change must touch to matter to the run. */
function inputs() {
  const project = useProjectStore.getState()
  const mode = runCodeStore.getState().mode
  return {
    settings: runStore.getState().settings,
    config: project.config,
    mode,
    // Modeled runs ignore the code: editing it then changes nothing.
    code: mode === 'handler' ? project.code : null,
    language: mode === 'handler' ? project.language : null,
  }
}

export function useLiveConfig(driver: SimDriver): void {
  useEffect(() => {
    let last = inputs()
    const onChange = () => {
      const next = inputs()
      // The run store changes every frame: only edits matter here.
      const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === last[k])
      if (same) return
      last = next
      void driver.sync()
    }
    const offRun = runStore.subscribe(onChange)
    const offProject = useProjectStore.subscribe(onChange)
    const offCode = runCodeStore.subscribe(onChange)
    return () => {
      offRun()
      offProject()
      offCode()
    }
  }, [driver])
}
