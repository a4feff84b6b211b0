import { useStore } from 'zustand'
import { runStore } from '../../stores/run-store'
import { LiveCharts } from './LiveCharts'
import { EnvironmentsView } from './EnvironmentsView'
import { NumbersPanel } from './NumbersPanel'
import { PlatformLogs, WhyPanel } from './RecentPanel'
import { RunControls } from './RunControls'
import { ScenarioBox } from './ScenarioBox'
import { SettingsPanel } from './SettingsPanel'
import { useLiveConfig } from './use-live-config'
import { useSimDriver } from './use-sim-driver'
import './platform.css'

/**
 * The Platform view: traffic against the current function on the simulated Lambda platform,
 * run in a worker and drawn one frame at a time.
 */
export function PlatformView() {
  const driver = useSimDriver()
  useLiveConfig(driver)

  return (
    <div className="pf" data-testid="platform-view">
      <RunControls driver={driver} />
      <ErrorBanner />
      <div className="pf-body">
        <aside className="pf-side pf-scroll-y" aria-label="Scenario settings">
          <SettingsPanel />
          <ScenarioBox driver={driver} />
        </aside>
        <div className="pf-center">
          <EnvironmentsView />
          <LiveCharts />
        </div>
        {/* Focusable: on small screens it scrolls, and keyboard users must reach all of it. */}
        <section className="pf-right pf-scroll-y" tabIndex={0} aria-label="Counters and bill">
          <NumbersPanel />
        </section>
        <div className="pf-bottom">
          <PlatformLogs />
          <WhyPanel />
        </div>
      </div>
    </div>
  )
}

/** Why the scenario does not load, or why a live change was refused: in view, not in a corner. */
function ErrorBanner() {
  const errors = useStore(runStore, (s) => s.errors)
  if (errors.length === 0) return null
  return (
    <ul className="pf-errors" role="alert" data-testid="platform-errors">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  )
}
