/**
 * The chosen traffic preset's own parameters (spike: base, peak, start, length; step: 2–5 steps;
 * diurnal: mean, amplitude, period; burst: count, time) and the run's length. Each field is
 * checked by the core's scenario validation as it is typed: a value the core refuses stays in
 * the field with the core's reason and is not applied, so the run keeps its last good value.
 */
import { useState } from 'react'
import {
  MaxSteps,
  MinSteps,
  updateSettings,
  type PlatformSettings,
  type TrafficParams as Params,
  type TrafficStep,
} from '../../stores/run-store'
import { arrivalKey, scenarioProblem } from './scenario-builder'

/** The number typed, NaN while the field is empty (the core then says what is missing). */
const parse = (text: string) => (text.trim() === '' ? NaN : Number(text))
const show = (n: number) => n.toLocaleString('en-US')

interface FieldProps {
  label: string
  /** Said to screen readers instead of the short visible label (a step's number, say). */
  fullLabel?: string
  testId: string
  value: number
  /** Where the core reports a problem with this field (see `scenarioProblem`). */
  path: string
  settings: PlatformSettings
  /** The settings with this field at `value`. */
  patch(value: number): Partial<PlatformSettings>
  /** `any` for fractions (rates, amplitude), 1 for counts. */
  step?: number | 'any'
}

/** A number field of the traffic, validated by the core against the whole scenario. */
function ParamField(props: FieldProps) {
  const [text, setText] = useState(String(props.value))
  // Follow outside changes (an opened file, a preset's steps removed) unless the text agrees.
  const [shown, setShown] = useState(props.value)
  if (shown !== props.value) {
    setShown(props.value)
    if (parse(text) !== props.value) setText(String(props.value))
  }
  const problemOf = (typed: string) =>
    scenarioProblem({ ...props.settings, ...props.patch(parse(typed)) }, props.path)
  const problem = problemOf(text)
  const errorId = `${props.testId}-error`
  // The reason is the label's sibling, so it can take the whole row under the pair of fields.
  return (
    <>
      <label className="pf-field">
        <span className={props.fullLabel === undefined ? undefined : 'pf-visually-hidden'}>
          {props.fullLabel ?? props.label}
        </span>
        {props.fullLabel !== undefined && <span aria-hidden="true">{props.label}</span>}
        <input
          type="number"
          inputMode="decimal"
          data-testid={props.testId}
          step={props.step ?? 'any'}
          min={0}
          value={text}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : errorId}
          onChange={(event) => {
            setText(event.target.value)
            const value = parse(event.target.value)
            if (problemOf(event.target.value) === null && value !== props.value)
              updateSettings(props.patch(value))
          }}
        />
      </label>
      {problem !== null && (
        <span
          className="pf-field-error pf-param-error"
          role="alert"
          id={errorId}
          data-testid={errorId}
        >
          Not applied: {(props.fullLabel ?? props.label).replace(/,? ?[/,].*$/, '')}: {problem}. The
          run keeps {show(props.value)}.
        </span>
      )}
    </>
  )
}

/** The fields of the chosen preset, then the run's length, two to a row. */
export function TrafficParams({ settings }: { settings: PlatformSettings }) {
  const field = (
    key: keyof Params,
    label: string,
    testId: string,
    step: number | 'any' = 'any',
  ) => (
    <ParamField
      key={key}
      label={label}
      testId={testId}
      value={settings[key] as number}
      path={arrivalKey(settings.preset, key)}
      settings={settings}
      patch={(value) => ({ [key]: value })}
      step={step}
    />
  )
  const length = (
    <ParamField
      label="Length, s"
      testId="length-input"
      value={settings.durationSeconds}
      path="durationSeconds"
      settings={settings}
      patch={(durationSeconds) => ({ durationSeconds })}
    />
  )
  switch (settings.preset) {
    case 'steady':
    case 'poisson':
      return (
        <div className="pf-params" data-testid="traffic-params">
          {field('ratePerSecond', 'Rate /s', 'rate-input')}
          {length}
        </div>
      )
    case 'spike':
      return (
        <div className="pf-params" data-testid="traffic-params">
          {field('ratePerSecond', 'Base /s', 'rate-input')}
          {field('spikeRatePerSecond', 'Peak /s', 'spike-peak-input')}
          {field('spikeStartSecond', 'Peak at, s', 'spike-start-input')}
          {field('spikeDurationSeconds', 'Peak for, s', 'spike-duration-input')}
          {length}
        </div>
      )
    case 'diurnal':
      return (
        <div className="pf-params" data-testid="traffic-params">
          {field('ratePerSecond', 'Mean /s', 'rate-input')}
          {field('amplitude', 'Amplitude, 0–1', 'diurnal-amplitude-input')}
          {field('periodSeconds', 'Period, s', 'diurnal-period-input')}
          {length}
        </div>
      )
    case 'burst':
      return (
        <div className="pf-params" data-testid="traffic-params">
          {field('burstCount', 'Requests', 'burst-count-input', 1)}
          {field('burstAtSecond', 'At, s', 'burst-at-input')}
          {length}
        </div>
      )
    case 'step':
      return (
        <>
          <StepList settings={settings} />
          <div className="pf-params">{length}</div>
        </>
      )
  }
}

/** The step preset: 2 to 5 rows of (from second, rate), added and removed. */
function StepList({ settings }: { settings: PlatformSettings }) {
  const steps = settings.steps
  const withStep = (i: number, change: Partial<TrafficStep>) => ({
    steps: steps.map((step, j) => (j === i ? { ...step, ...change } : step)),
  })
  const add = () => {
    const last = steps[steps.length - 1] ?? { atSecond: 0, ratePerSecond: settings.ratePerSecond }
    // Halfway between the last step and the end of the run (or a minute on, past its end).
    const gap = Math.round((settings.durationSeconds - last.atSecond) / 2)
    updateSettings({ steps: [...steps, { ...last, atSecond: last.atSecond + Math.max(1, gap) }] })
  }
  return (
    <div className="pf-steps" role="group" aria-label="Steps" data-testid="traffic-params">
      {steps.map((step, i) => (
        <div className="pf-step" key={i} data-testid="step-row">
          <ParamField
            label="From, s"
            fullLabel={`Step ${i + 1} from, s`}
            testId={`step-at-${i}`}
            value={step.atSecond}
            path={`steps[${i}].atSecond`}
            settings={settings}
            patch={(atSecond) => withStep(i, { atSecond })}
          />
          <ParamField
            label="Rate /s"
            fullLabel={`Step ${i + 1} rate /s`}
            // The first step's rate is the preset's rate, as in the other presets.
            testId={i === 0 ? 'rate-input' : `step-rate-${i}`}
            value={step.ratePerSecond}
            path={`steps[${i}].ratePerSecond`}
            settings={settings}
            patch={(ratePerSecond) => withStep(i, { ratePerSecond })}
          />
          <button
            type="button"
            className="button small pf-step-remove"
            aria-label={`Remove step ${i + 1}`}
            title={`Remove step ${i + 1}`}
            data-testid={`step-remove-${i}`}
            disabled={steps.length <= MinSteps}
            onClick={() => updateSettings({ steps: steps.filter((_, j) => j !== i) })}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        data-testid="step-add"
        disabled={steps.length >= MaxSteps}
        onClick={add}
      >
        Add step ({steps.length} of {MaxSteps})
      </button>
    </div>
  )
}
