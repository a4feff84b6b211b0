import { useState } from 'react'
import { useStore } from 'zustand'
import type { PriceModelId } from '../../core'
import { PriceModels } from '../../core/billing/price-models'
import { Limits } from '../../core/lambda/limits'
import { useProjectStore } from '../../stores/project-store'
import { Presets, runStore, updateSettings, type Preset } from '../../stores/run-store'
import { formatMs } from './format'
import { RunModeGroup } from './RunModeGroup'
import { runCodeStore } from './run-code'
import { arrivalsFor, describePreset, modeledMsAt } from './scenario-builder'
import { TrafficParams } from './TrafficParams'
import { TrafficPreview } from './TrafficPreview'

const PriceModelIds = Object.keys(PriceModels) as PriceModelId[]

/** A whole number in [min, max] from an input, or undefined while the text is not one. */
function wholeNumber(text: string, min: number, max = Infinity): number | undefined {
  const value = Number(text)
  const whole = text.trim() !== '' && Number.isInteger(value)
  return whole && value >= min && value <= max ? value : undefined
}

/** Traffic against the current function, and the platform settings of the run. */
export function SettingsPanel() {
  return (
    <div className="pf-settings">
      <RunModeGroup />
      <TrafficGroup />
      <ConcurrencyGroup />
      <FunctionGroup />
    </div>
  )
}

/** The arrival pattern: a preset, its parameters, the run's length and the invocation type. */
function TrafficGroup() {
  const settings = useStore(runStore, (s) => s.settings)
  return (
    <fieldset className="pf-group">
      <legend>Traffic</legend>
      <div className="pf-presets" role="radiogroup" aria-label="Traffic preset">
        {Presets.map((preset: Preset) => (
          <label key={preset} className="pf-preset" data-checked={settings.preset === preset}>
            <input
              type="radio"
              name="pf-preset"
              value={preset}
              data-testid={`preset-${preset}`}
              checked={settings.preset === preset}
              onChange={() => updateSettings({ preset })}
            />
            {preset}
          </label>
        ))}
      </div>
      <p className="pf-hint" data-testid="preset-description">
        {describePreset(settings)}
      </p>
      <TrafficPreview arrivals={arrivalsFor(settings)} durationSeconds={settings.durationSeconds} />
      <TrafficParams settings={settings} />
      <label className="pf-field">
        <span>Invocation type</span>
        <select
          data-testid="invocation-type-select"
          title="Synchronous: InvocationType RequestResponse (the caller waits; a throttle is a 429). Asynchronous: InvocationType Event (queued, retried)."
          value={settings.invocationType}
          onChange={(event) =>
            updateSettings({
              invocationType: event.target.value === 'Event' ? 'Event' : 'RequestResponse',
            })
          }
        >
          <option value="RequestResponse">Synchronous</option>
          <option value="Event">Asynchronous</option>
        </select>
      </label>
    </fieldset>
  )
}

/** Reserved and provisioned concurrency, the account: limit, scaling model; the price model. */
function ConcurrencyGroup() {
  const settings = useStore(runStore, (s) => s.settings)
  return (
    <fieldset className="pf-group">
      <legend>Concurrency</legend>
      <div className="pf-row">
        <label className="pf-field">
          <span>Reserved</span>
          <input
            type="number"
            data-testid="reserved-input"
            min={0}
            placeholder="none"
            value={settings.reservedConcurrency ?? ''}
            onChange={(event) => {
              const text = event.target.value
              if (text.trim() === '') return updateSettings({ reservedConcurrency: null })
              const value = wholeNumber(text, 0)
              if (value !== undefined) updateSettings({ reservedConcurrency: value })
            }}
          />
        </label>
        <NumberField
          label="Provisioned"
          testId="provisioned-input"
          value={settings.provisionedConcurrency}
          min={0}
          onValue={(provisionedConcurrency) => updateSettings({ provisionedConcurrency })}
        />
      </div>
      <NumberField
        label="Account limit"
        testId="account-limit-input"
        value={settings.accountLimit}
        min={1}
        onValue={(accountLimit) => updateSettings({ accountLimit })}
      />
      <label className="pf-check">
        <input
          type="checkbox"
          data-testid="free-tier-checkbox"
          checked={settings.freeTier}
          onChange={(event) => updateSettings({ freeTier: event.target.checked })}
        />
        Monthly free tier (1M requests, 400,000 GB-s)
      </label>
      <div className="pf-row">
        <label className="pf-field">
          <span title="Current: 1,000 new environments per function every 10 s; legacy: a regional burst, then +500 per minute">
            Scaling
          </span>
          <select
            data-testid="scaling-select"
            value={settings.scalingModel}
            onChange={(event) =>
              updateSettings({
                scalingModel: event.target.value === 'legacy' ? 'legacy' : 'current',
              })
            }
          >
            <option value="current">Current</option>
            <option value="legacy">Legacy</option>
          </select>
        </label>
        <label className="pf-field">
          <span>Burst</span>
          <select
            data-testid="burst-select"
            value={settings.burst}
            disabled={settings.scalingModel !== 'legacy'}
            onChange={(event) => updateSettings({ burst: Number(event.target.value) })}
          >
            {[500, 1000, 3000].map((burst) => (
              <option key={burst} value={burst}>
                {burst.toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="pf-field">
        <span>Price model</span>
        <select
          data-testid="price-model-select"
          value={settings.priceModel}
          onChange={(event) => {
            const id = PriceModelIds.find((model) => model === event.target.value)
            if (id !== undefined) updateSettings({ priceModel: id })
          }}
        >
          {PriceModelIds.map((id) => (
            <option key={id} value={id}>
              {PriceModels[id].label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  )
}

/** The project's function (memory, timeout) and the modeled duration and error rate. */
function FunctionGroup() {
  const settings = useStore(runStore, (s) => s.settings)
  const config = useProjectStore((s) => s.config)
  const updateConfig = useProjectStore((s) => s.updateConfig)
  const real = useStore(runCodeStore, (s) => s.mode === 'handler')
  const modeled = modeledMsAt(settings.durationAtVcpuMs, config.memoryMB)
  return (
    <fieldset className="pf-group">
      <legend>
        Function <code>{config.name}</code>
      </legend>
      <div className="pf-row">
        <NumberField
          label="Memory, MB"
          testId="pf-memory-input"
          value={config.memoryMB}
          min={Limits.MinMemoryMB}
          max={Limits.MaxMemoryMB}
          onValue={(memoryMB) => updateConfig({ memoryMB })}
        />
        <NumberField
          label="Timeout, s"
          testId="pf-timeout-input"
          value={config.timeoutSeconds}
          min={Limits.MinTimeoutSeconds}
          max={Limits.MaxTimeoutSeconds}
          onValue={(timeoutSeconds) => updateConfig({ timeoutSeconds })}
        />
      </div>
      <NumberField
        label="Handler time at 1 vCPU, ms"
        testId="duration-input"
        value={settings.durationAtVcpuMs}
        min={1}
        disabled={real}
        onValue={(durationAtVcpuMs) => updateSettings({ durationAtVcpuMs })}
      />
      <div className="pf-row">
        <NumberField
          label="Errors, %"
          testId="error-rate-input"
          value={settings.errorPercent}
          min={0}
          max={100}
          disabled={real}
          onValue={(errorPercent) => updateSettings({ errorPercent })}
        />
        <NumberField
          label="Idle life, min"
          testId="idle-lifetime-input"
          value={settings.idleLifetimeMinutes}
          min={1}
          onValue={(idleLifetimeMinutes) => updateSettings({ idleLifetimeMinutes })}
        />
      </div>
      {real ? (
        <p className="pf-modeled pf-real" data-testid="modeled-note">
          Your handler runs: durations are its measured CPU time (× 1,769 /{' '}
          {config.memoryMB.toLocaleString('en-US')} MB below one vCPU) plus its waits; errors are
          its own.
        </p>
      ) : (
        <p className="pf-modeled" data-testid="modeled-note">
          Durations are modeled, your code does not run here: about{' '}
          <strong>{formatMs(modeled)}</strong> at {config.memoryMB.toLocaleString('en-US')} MB
          (log-normal).
        </p>
      )}
    </fieldset>
  )
}

/** A whole-number input: keeps what is typed, reports only valid values. */
function NumberField(props: {
  label: string
  testId: string
  value: number
  min: number
  max?: number
  /** Shown but not editable (it does not apply in the current run mode). */
  disabled?: boolean
  onValue(value: number): void
}) {
  const [text, setText] = useState(String(props.value))
  // Follow outside changes (another view, a reset) unless the text already says the same.
  const [shown, setShown] = useState(props.value)
  if (shown !== props.value) {
    setShown(props.value)
    if (wholeNumber(text, props.min, props.max) !== props.value) setText(String(props.value))
  }
  const valid = wholeNumber(text, props.min, props.max) !== undefined
  const allowed =
    props.max === undefined
      ? `a whole number of at least ${props.min.toLocaleString('en-US')}`
      : `a whole number from ${props.min.toLocaleString('en-US')} to ${props.max.toLocaleString('en-US')}`
  return (
    <label className="pf-field">
      <span>{props.label}</span>
      <input
        type="number"
        data-testid={props.testId}
        min={props.min}
        max={props.max}
        step={1}
        value={text}
        disabled={props.disabled}
        aria-invalid={!valid}
        onChange={(event) => {
          setText(event.target.value)
          const value = wholeNumber(event.target.value, props.min, props.max)
          if (value !== undefined && value !== props.value) props.onValue(value)
        }}
      />
      {!valid && (
        <span className="pf-field-error" role="alert" data-testid={`${props.testId}-error`}>
          Not applied: {props.label.split(',')[0]} must be {allowed}; the run keeps{' '}
          {props.value.toLocaleString('en-US')}.
        </span>
      )}
    </label>
  )
}
