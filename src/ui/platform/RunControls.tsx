import { useEffect } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { runStore, setSpeed, Speeds, updateSettings } from '../../stores/run-store'
import { formatClock, formatEnd } from './format'
import { runCodeStore } from './run-code'
import { SendNow } from './SendNow'
import type { SimDriver } from './use-sim-driver'

const StatusText = {
  idle: 'Not loaded',
  loading: 'Loading…',
  paused: 'Paused',
  running: 'Running',
  finished: 'Finished',
  invalid: 'Scenario invalid',
  failed: 'Stopped: Reset to run again',
} as const

/** Play, pause, step, speed, the virtual clock, seed and reset. Space plays and pauses. */
export function RunControls({ driver }: { driver: SimDriver }) {
  const { status, speed, stale, seed } = useStore(
    runStore,
    useShallow((s) => ({
      status: s.status,
      speed: s.speed,
      stale: s.stale,
      seed: s.settings.seed,
    })),
  )
  const now = useStore(runStore, (s) => s.frame?.now ?? 0)
  const endMs = useStore(runStore, (s) => s.frame?.endMs ?? 0)
  const running = status === 'running'

  usePlayPauseKey(driver)

  return (
    <div className="pf-controls" role="toolbar" aria-label="Run controls">
      <button
        type="button"
        className="button primary pf-play"
        data-testid="play-button"
        onClick={driver.play}
        disabled={status !== 'paused'}
        aria-keyshortcuts="Space"
      >
        ▶ Play
      </button>
      <button
        type="button"
        className="button"
        data-testid="pause-button"
        onClick={driver.pause}
        disabled={!running}
        aria-keyshortcuts="Space"
      >
        ❚❚ Pause
      </button>
      <button
        type="button"
        className="button"
        data-testid="step-button"
        onClick={() => void driver.step()}
        disabled={status !== 'paused' && !running}
        title="Fire the next platform event"
      >
        Step ▸|
      </button>
      <SendNow driver={driver} />
      <label className="pf-field pf-inline pf-speed">
        <span>Speed</span>
        <select
          data-testid="speed-select"
          title="Virtual time per wall-clock second (Max: as fast as the worker computes)"
          value={speed}
          onChange={(event) => setSpeed(Number(event.target.value))}
        >
          {Speeds.map((value) => (
            <option key={value} value={value}>
              {Number.isFinite(value) ? `${value.toLocaleString('en-US')}×` : 'Max'}
            </option>
          ))}
        </select>
      </label>
      <div className="pf-clock" aria-label="Virtual time">
        <span data-testid="sim-clock" className="pf-clock-time">
          {formatClock(now)}
        </span>
        <span className="pf-clock-end">of {formatEnd(endMs)}</span>
        <Pace />
      </div>
      <progress
        className="pf-progress"
        max={Math.max(1, endMs)}
        value={Math.min(now, endMs)}
        aria-label="Progress of the run"
      />
      <span className="pf-status" data-testid="run-status" data-status={status}>
        {StatusText[status]}
      </span>
      <label className="pf-field pf-inline">
        <span>Seed</span>
        <input
          type="number"
          data-testid="seed-input"
          min={0}
          step={1}
          value={seed}
          onChange={(event) => {
            const value = Number(event.target.value)
            if (Number.isInteger(value) && value >= 0) updateSettings({ seed: value })
          }}
        />
      </label>
      <button
        type="button"
        className={stale ? 'button primary' : 'button'}
        data-testid="reset-button"
        onClick={() => void driver.reset()}
        title="Start the scenario again at 0:00:00 with the current settings"
      >
        ↺ Reset{stale ? ' to apply' : ''}
      </button>
    </div>
  )
}

/** Says so when the clock runs slower than the chosen speed (real code at high rates). */
function Pace() {
  const pace = useStore(runCodeStore, (s) => s.pace)
  if (pace === null) return null
  const times = (x: number) =>
    `${x.toLocaleString('en-US', { maximumFractionDigits: x < 10 ? 1 : 0 })}×`
  return (
    <span
      className="pf-pace"
      data-testid="pace"
      role="status"
      title="The worker cannot keep up with the chosen speed: virtual time moves slower"
    >
      behind: {times(pace.actual)} of {times(pace.requested)}
    </span>
  )
}

/** Space plays and pauses, unless the focus is on a control that uses Space itself. */
function usePlayPauseKey(driver: SimDriver): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (event.key !== ' ' || target?.closest('input, select, textarea, button, [role=tab]'))
        return
      event.preventDefault()
      if (runStore.getState().status === 'running') driver.pause()
      else driver.play()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [driver])
}
