/**
 * Validation of one entry of `functions`: Lambda's own limits (through `validateFunctionConfig`
 * for the name, handler and environment), the concurrency settings against the account, and
 * the model's parameters.
 */
import { Runtimes, validateFunctionConfig, type ConfigError } from '../lambda/function-config'
import { Limits } from '../lambda/limits'
import { defaultFunctionSpec, RuntimeInitMs } from './defaults'
import {
  at,
  checkKeys,
  isObject,
  readChoice,
  readNumber,
  readObject,
  readString,
  show,
  type Errors,
  type JsonObject,
} from './fields'
import { readDistribution } from './validate-random'
import type { AccountSpec, FunctionSpec, OnFailureTarget } from './types'

/** Keys a function entry may have. */
export const FunctionKeys = [
  'name',
  'runtime',
  'handler',
  'memoryMB',
  'timeoutSeconds',
  'architecture',
  'reservedConcurrency',
  'provisionedConcurrency',
  'idleLifetimeSeconds',
  'idleLifetime',
  'duration',
  'init',
  'runtimeInitMs',
  'ephemeralStorageMB',
  'errorRate',
  'code',
  'environment',
  'maximumRetryAttempts',
  'maximumEventAgeSeconds',
  'onFailure',
] as const

const Lambda = "Lambda's"

/** A function entry, normalized; errors go to `errors` under `path` (e.g. `functions[0]`). */
export function readFunction(
  errors: Errors,
  value: unknown,
  path: string,
  account: AccountSpec,
): FunctionSpec {
  if (!isObject(value)) {
    errors.push({ path, message: `${show(value)} is not a function; use { "name": "api", … }` })
    return defaultFunctionSpec('invalid')
  }
  checkKeys(errors, value, path, FunctionKeys)
  const name = readString(errors, value, 'name', path, '', 'a function name')
  const nameGiven = typeof value.name === 'string'
  if (value.name === undefined)
    errors.push({ path: at(path, 'name'), message: 'missing; add a name such as "api"' })
  const spec = defaultFunctionSpec(name)
  spec.runtime = readChoice(errors, value, 'runtime', path, Runtimes, spec.runtime)
  spec.handler = readString(
    errors,
    value,
    'handler',
    path,
    spec.handler,
    'file.export, e.g. "index.handler"',
  )
  spec.architecture = readChoice(
    errors,
    value,
    'architecture',
    path,
    ['x86_64', 'arm64'] as const,
    spec.architecture,
  )
  spec.memoryMB = readNumber(errors, value, 'memoryMB', path, spec.memoryMB, {
    min: Limits.MinMemoryMB,
    max: Limits.MaxMemoryMB,
    integer: true,
    unit: 'MB',
    owner: Lambda,
  })
  spec.timeoutSeconds = readNumber(errors, value, 'timeoutSeconds', path, spec.timeoutSeconds, {
    min: Limits.MinTimeoutSeconds,
    max: Limits.MaxTimeoutSeconds,
    integer: true,
    unit: 's',
    owner: Lambda,
  })
  spec.environment = readEnvironment(errors, value, path)
  reportConfigErrors(errors, spec, path, nameGiven)
  readConcurrency(errors, value, path, account, spec)
  readModel(errors, value, path, spec)
  readAsync(errors, value, path, spec)
  return spec
}

/** Name, handler and environment through the shared Lambda checks (memory and timeout are above). */
function reportConfigErrors(errors: Errors, spec: FunctionSpec, path: string, nameGiven: boolean) {
  // A missing or non-text name is reported already; do not report it twice.
  const fields: ConfigError['field'][] = nameGiven
    ? ['name', 'handler', 'environment']
    : ['handler', 'environment']
  for (const error of validateFunctionConfig(spec)) {
    if (fields.includes(error.field))
      errors.push({ path: at(path, error.field), message: error.message })
  }
}

function readEnvironment(errors: Errors, value: JsonObject, path: string): Record<string, string> {
  const environment = readObject(errors, value, 'environment', path)
  const result: Record<string, string> = {}
  if (environment === undefined) return result
  for (const [key, item] of Object.entries(environment)) {
    if (typeof item === 'string') result[key] = item
    else
      errors.push({
        path: at(at(path, 'environment'), key),
        message: `${show(item)} is not text; environment values are strings`,
      })
  }
  return result
}

function readConcurrency(
  errors: Errors,
  value: JsonObject,
  path: string,
  account: AccountSpec,
  spec: FunctionSpec,
) {
  // Lambda keeps at least 100 unreserved (reference §3.1, configuration-concurrency.md).
  const maxReserved = Math.max(0, account.concurrencyLimit - 100)
  if (value.reservedConcurrency !== undefined && value.reservedConcurrency !== null) {
    const before = errors.length
    const reserved = readNumber(errors, value, 'reservedConcurrency', path, 0, {
      min: 0,
      integer: true,
    })
    if (errors.length === before && reserved > maxReserved) {
      errors.push({
        path: at(path, 'reservedConcurrency'),
        message: `${reserved} leaves less than the 100 unreserved that Lambda requires of the account limit ${account.concurrencyLimit}; use 0–${maxReserved}, or null for none`,
      })
    } else if (errors.length === before) spec.reservedConcurrency = reserved
  }
  const before = errors.length
  const provisioned = readNumber(errors, value, 'provisionedConcurrency', path, 0, {
    min: 0,
    integer: true,
  })
  if (errors.length > before) return
  // Without a reservation, provisioned environments come from the unreserved pool, which must
  // keep 100 free too (provisioned-concurrency.md); validate.ts checks the functions' total.
  const cap = spec.reservedConcurrency ?? maxReserved
  if (provisioned > cap) {
    const whose =
      spec.reservedConcurrency === null
        ? `the account limit ${account.concurrencyLimit} minus the 100 Lambda keeps unreserved`
        : `reservedConcurrency ${cap}`
    errors.push({
      path: at(path, 'provisionedConcurrency'),
      message: `${provisioned} is above ${whose}; provisioned environments count against it, use 0–${cap}`,
    })
  } else spec.provisionedConcurrency = provisioned
}

function readModel(errors: Errors, value: JsonObject, path: string, spec: FunctionSpec) {
  if (value.idleLifetimeSeconds !== undefined && value.idleLifetime !== undefined) {
    errors.push({
      path: at(path, 'idleLifetime'),
      message: 'given together with idleLifetimeSeconds; keep one of them',
    })
  } else if (value.idleLifetime !== undefined) {
    spec.idleLifetime = readDistribution(
      errors,
      value.idleLifetime,
      at(path, 'idleLifetime'),
      spec.idleLifetime,
    )
  } else if (value.idleLifetimeSeconds !== undefined) {
    const seconds = readNumber(errors, value, 'idleLifetimeSeconds', path, 600, {
      min: 0,
      max: 86_400,
      unit: 's',
    })
    spec.idleLifetime = { kind: 'constant', ms: seconds * 1000 }
  }
  if (value.duration !== undefined) {
    spec.duration = readDistribution(errors, value.duration, at(path, 'duration'), spec.duration)
  }
  if (value.init !== undefined)
    spec.init = readDistribution(errors, value.init, at(path, 'init'), spec.init)
  spec.runtimeInitMs = readNumber(
    errors,
    value,
    'runtimeInitMs',
    path,
    RuntimeInitMs[spec.runtime][spec.architecture],
    {
      min: 0,
      max: Limits.InitTimeoutMs,
      unit: 'ms',
    },
  )
  spec.ephemeralStorageMB = readNumber(errors, value, 'ephemeralStorageMB', path, 512, {
    min: 512,
    max: 10_240,
    integer: true,
    unit: 'MB',
    owner: Lambda,
  })
  spec.errorRate = readNumber(errors, value, 'errorRate', path, 0, { min: 0, max: 1 })
  if (value.code !== undefined && value.code !== null)
    spec.code = readString(errors, value, 'code', path, '', 'handler source')
}

function readAsync(errors: Errors, value: JsonObject, path: string, spec: FunctionSpec) {
  spec.maximumRetryAttempts = readNumber(errors, value, 'maximumRetryAttempts', path, 2, {
    min: 0,
    max: 2,
    integer: true,
    owner: Lambda,
  })
  spec.maximumEventAgeSeconds = readNumber(errors, value, 'maximumEventAgeSeconds', path, 21_600, {
    min: 60,
    max: 21_600,
    integer: true,
    unit: 's',
    owner: Lambda,
  })
  if (value.onFailure !== undefined && value.onFailure !== null) {
    spec.onFailure = readOnFailure(errors, value.onFailure, at(path, 'onFailure'))
  }
}

function readOnFailure(errors: Errors, value: unknown, path: string): OnFailureTarget | null {
  if (!isObject(value)) {
    errors.push({
      path,
      message: `${show(value)} is not a target; use { "kind": "dlq", "target": "orders-dlq" } or null`,
    })
    return null
  }
  checkKeys(errors, value, path, ['kind', 'target'])
  const before = errors.length
  const kind = readChoice(errors, value, 'kind', path, ['destination', 'dlq'] as const, 'dlq')
  if (value.kind === undefined)
    errors.push({ path: at(path, 'kind'), message: 'missing; use "destination" or "dlq"' })
  const target = readString(errors, value, 'target', path, '', 'a name such as "orders-dlq"')
  if (target === '' && errors.length === before) {
    errors.push({
      path: at(path, 'target'),
      message: 'missing or empty; add a name such as "orders-dlq"',
    })
  }
  return errors.length === before ? { kind, target } : null
}

/** Checks that the function names are unique; reports every repeat. */
export function checkUniqueNames(errors: Errors, functions: readonly FunctionSpec[]) {
  const seen = new Map<string, number>()
  functions.forEach((fn, i) => {
    const first = seen.get(fn.name)
    if (first === undefined) seen.set(fn.name, i)
    else
      errors.push({
        path: `functions[${i}].name`,
        message: `"${fn.name}" is already the name of functions[${first}]; names must be unique`,
      })
  })
}
