import { useState } from 'react'
import {
  Runtimes,
  validateFunctionConfig,
  type ConfigError,
  type Runtime,
} from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import type { SandboxKind } from '../../sandboxes/types'
import { useProjectStore } from '../../stores/project-store'
import { changeSandbox } from '../hooks/function-host'
import { EnvironmentEditor } from './EnvironmentEditor'

/** The sandbox kinds as the picker names them, with what each is good for. */
export const SandboxLabels: Record<SandboxKind, { label: string; hint: string }> = {
  quickjs: {
    label: 'QuickJS (wasm)',
    hint: 'QuickJS compiled to WebAssembly: hard memory limit, Max Memory Used measured, interpreter speed.',
  },
  webworker: {
    label: 'Web Worker (native)',
    hint: "The browser's own engine in a sandboxed worker: native speed; memory is neither capped nor measured.",
  },
}

function errorFor(errors: ConfigError[], field: ConfigError['field']): string | undefined {
  return errors.find((error) => error.field === field)?.message
}

/** A number field that keeps what the user typed, even when Lambda would refuse it. */
function NumberField(props: {
  label: string
  unit: string
  value: number
  min: number
  max: number
  testId: string
  error?: string
  onChange(value: number): void
}) {
  const [text, setText] = useState(Number.isFinite(props.value) ? String(props.value) : '')
  const id = `field-${props.testId}`
  return (
    <div className={`field${props.error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <span className="field-input">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          data-testid={props.testId}
          min={props.min}
          max={props.max}
          value={text}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onChange={(event) => {
            setText(event.target.value)
            props.onChange(
              event.target.value.trim() === '' ? Number.NaN : Number(event.target.value),
            )
          }}
        />
        <span className="unit">{props.unit}</span>
      </span>
    </div>
  )
}

/** Which kind of execution environment runs the function. */
function SandboxPicker() {
  const sandbox = useProjectStore((state) => state.sandbox)
  return (
    <div className="field">
      <label htmlFor="field-sandbox">Sandbox</label>
      <select
        id="field-sandbox"
        data-testid="sandbox-select"
        value={sandbox}
        title={SandboxLabels[sandbox].hint}
        aria-describedby="field-sandbox-hint"
        onChange={(event) => void changeSandbox(event.target.value as SandboxKind)}
      >
        {(Object.keys(SandboxLabels) as SandboxKind[]).map((kind) => (
          <option key={kind} value={kind}>
            {SandboxLabels[kind].label}
          </option>
        ))}
      </select>
      <span id="field-sandbox-hint" className="visually-hidden">
        {SandboxLabels[sandbox].hint}
      </span>
    </div>
  )
}

/** Function configuration: name, runtime, sandbox, memory, timeout, environment variables. */
export function ConfigBar() {
  const config = useProjectStore((state) => state.config)
  const updateConfig = useProjectStore((state) => state.updateConfig)
  const [envOpen, setEnvOpen] = useState(false)
  const errors = validateFunctionConfig(config)
  const envCount = Object.keys(config.environment).length
  const nameError = errorFor(errors, 'name')
  const memoryError = errorFor(errors, 'memoryMB')
  const timeoutError = errorFor(errors, 'timeoutSeconds')
  const envError = errorFor(errors, 'environment')

  return (
    <section className="config-bar" aria-label="Function configuration">
      <div className="config-fields">
        <div className={`field${nameError ? ' invalid' : ''}`}>
          <label htmlFor="field-name">Function name</label>
          <input
            id="field-name"
            data-testid="name-input"
            value={config.name}
            spellCheck={false}
            aria-invalid={nameError ? true : undefined}
            onChange={(event) => updateConfig({ name: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="field-runtime">Runtime</label>
          <select
            id="field-runtime"
            value={config.runtime}
            onChange={(event) => updateConfig({ runtime: event.target.value as Runtime })}
          >
            {Runtimes.map((runtime) => (
              <option key={runtime}>{runtime}</option>
            ))}
          </select>
        </div>
        <SandboxPicker />
        <NumberField
          label="Memory"
          unit="MB"
          testId="memory-input"
          value={config.memoryMB}
          min={Limits.MinMemoryMB}
          max={Limits.MaxMemoryMB}
          error={memoryError}
          onChange={(memoryMB) => updateConfig({ memoryMB })}
        />
        <NumberField
          label="Timeout"
          unit="s"
          testId="timeout-input"
          value={config.timeoutSeconds}
          min={Limits.MinTimeoutSeconds}
          max={Limits.MaxTimeoutSeconds}
          error={timeoutError}
          onChange={(timeoutSeconds) => updateConfig({ timeoutSeconds })}
        />
        <div className={`field${envError ? ' invalid' : ''}`}>
          <span className="label">Environment variables</span>
          <button
            type="button"
            className="button small"
            aria-expanded={envOpen}
            onClick={() => setEnvOpen(!envOpen)}
          >
            {envCount === 0 ? 'None' : `${envCount} set`} {envOpen ? '▴' : '▾'}
          </button>
        </div>
      </div>
      {errors.length > 0 && (
        <ul className="config-errors" role="alert">
          {errors.map((error) => (
            <li key={error.field} id={`field-${error.field}-error`}>
              {error.message}
            </li>
          ))}
        </ul>
      )}
      {envOpen && <EnvironmentEditor />}
    </section>
  )
}
