/**
 * Applies edits while a run is under way: any change to the view's settings or the project's
 * function asks the driver to sync (see `SimDriver.sync`: live where Lambda applies it live,
 * otherwise on reset).
 */
import { useEffect } from 'react'
import { useProjectStore } from '../../stores/project-store'
import { runStore } from '../../stores/run-store'
import type { SimDriver } from './use-sim-driver'

export function useLiveConfig(driver: SimDriver): void {
  useEffect(() => {
    let settings = runStore.getState().settings
    let config = useProjectStore.getState().config
    const onChange = () => {
      const next = {
        settings: runStore.getState().settings,
        config: useProjectStore.getState().config,
      }
      // The run store changes every frame: only edits matter here.
      if (next.settings === settings && next.config === config) return
      settings = next.settings
      config = next.config
      void driver.sync()
    }
    const offRun = runStore.subscribe(onChange)
    const offProject = useProjectStore.subscribe(onChange)
    return () => {
      offRun()
      offProject()
    }
  }, [driver])
}
