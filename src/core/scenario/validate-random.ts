/**
 * Validation of the random parts of a scenario: distributions (durations, init, idle lifetime)
 * and arrival processes. Each kind has its own allowed keys, so a key from another kind is
 * reported as unknown rather than silently ignored.
 */
import {
  at,
  checkKeys,
  isObject,
  numberProblem,
  readChoice,
  readNumber,
  show,
  type Errors,
  type JsonObject,
  type NumberRule,
} from './fields'
import type { ArrivalSpec, DistributionSpec } from './types'

/** Longest modeled time, ms: one day (a playground bound that keeps runs finite). */
const MaxMs = 86_400_000
const Ms: NumberRule = { min: 0, max: MaxMs, unit: 'ms' }

/** Fastest modeled arrival rate, per second (a playground bound: a run must end in seconds). */
export const MaxRatePerSecond = 100_000
const Rate: NumberRule = { min: 0, max: MaxRatePerSecond, unit: 'requests/s' }
const Second: NumberRule = { min: 0, unit: 's' }
/** Most requests a list or burst may name at once (a playground bound). */
const MaxCount = 1_000_000

const DistributionKeys = {
  constant: ['ms'],
  uniform: ['minMs', 'maxMs'],
  normal: ['meanMs', 'stdDevMs'],
  lognormal: ['meanMs', 'stdDevMs'],
  exponential: ['meanMs'],
} as const
type DistributionKind = keyof typeof DistributionKeys
const DistributionKinds = Object.keys(DistributionKeys) as DistributionKind[]

/** The `kind` field of a tagged object, or null after reporting what is allowed. */
function readKind<K extends string>(
  errors: Errors,
  object: JsonObject,
  path: string,
  kinds: readonly K[],
) {
  if (object.kind === undefined) {
    errors.push({
      path: at(path, 'kind'),
      message: `missing; use one of ${kinds.map((k) => `"${k}"`).join(', ')}`,
    })
    return null
  }
  const before = errors.length
  const kind = readChoice(errors, object, 'kind', path, kinds, kinds[0] as K)
  return errors.length === before ? kind : null
}

/**
 * A distribution of milliseconds, e.g. `{ "kind": "lognormal", "meanMs": 120, "stdDevMs": 40 }`.
 * Returns `fallback` after reporting when the value is not a valid distribution.
 */
export function readDistribution(
  errors: Errors,
  value: unknown,
  path: string,
  fallback: DistributionSpec,
): DistributionSpec {
  if (!isObject(value)) {
    errors.push({
      path,
      message: `${show(value)} is not a distribution; use e.g. { "kind": "constant", "ms": 100 }`,
    })
    return fallback
  }
  const kind = readKind(errors, value, path, DistributionKinds)
  if (kind === null) return fallback
  checkKeys(errors, value, path, ['kind', ...DistributionKeys[kind]])
  const before = errors.length
  const num = (key: string, rule = Ms) => readNumber(errors, value, key, path, 0, rule, true)
  let spec: DistributionSpec
  switch (kind) {
    case 'constant':
      spec = { kind, ms: num('ms') }
      break
    case 'uniform':
      spec = { kind, minMs: num('minMs'), maxMs: num('maxMs') }
      if (errors.length === before && spec.minMs > spec.maxMs) {
        errors.push({
          path: at(path, 'maxMs'),
          message: `${spec.maxMs} is below minMs ${spec.minMs}; use minMs ≤ maxMs`,
        })
      }
      break
    case 'normal':
      spec = { kind, meanMs: num('meanMs'), stdDevMs: num('stdDevMs') }
      break
    case 'lognormal':
      spec = {
        kind,
        meanMs: num('meanMs', { ...Ms, minExclusive: true }),
        stdDevMs: num('stdDevMs'),
      }
      break
    case 'exponential':
      spec = { kind, meanMs: num('meanMs') }
      break
  }
  return errors.length === before ? spec : fallback
}

const ArrivalKeys = {
  constant: ['ratePerSecond', 'startSecond', 'endSecond'],
  poisson: ['ratePerSecond', 'startSecond', 'endSecond'],
  list: ['seconds'],
  step: ['steps'],
  spike: ['baseRatePerSecond', 'spikeRatePerSecond', 'spikeStartSecond', 'spikeDurationSeconds'],
  diurnal: ['meanRatePerSecond', 'amplitude', 'periodSeconds', 'peakSecond'],
  burst: ['atSecond', 'count'],
} as const
type ArrivalKind = keyof typeof ArrivalKeys
const ArrivalKinds = Object.keys(ArrivalKeys) as ArrivalKind[]

/** An arrival process; null (after reporting) when invalid. */
export function readArrivals(errors: Errors, value: unknown, path: string): ArrivalSpec | null {
  if (value === undefined) {
    errors.push({ path, message: 'missing; add e.g. { "kind": "poisson", "ratePerSecond": 1 }' })
    return null
  }
  if (!isObject(value)) {
    errors.push({
      path,
      message: `${show(value)} is not an arrival process; use e.g. { "kind": "poisson", "ratePerSecond": 1 }`,
    })
    return null
  }
  const kind = readKind(errors, value, path, ArrivalKinds)
  if (kind === null) return null
  checkKeys(errors, value, path, ['kind', ...ArrivalKeys[kind]])
  const before = errors.length
  const spec = readArrivalFields(errors, value, path, kind)
  return errors.length === before ? spec : null
}

/** Reads the required number `key` of an arrival object. */
type Reader = (key: string, rule: NumberRule) => number
/** Reads the optional number `key`: undefined when absent. */
type OptionalReader = (key: string, rule: NumberRule) => number | undefined

function readArrivalFields(
  errors: Errors,
  value: JsonObject,
  path: string,
  kind: ArrivalKind,
): ArrivalSpec {
  const num: Reader = (key, rule) => readNumber(errors, value, key, path, 0, rule, true)
  const optional: OptionalReader = (key, rule) =>
    value[key] === undefined ? undefined : readNumber(errors, value, key, path, 0, rule)
  switch (kind) {
    case 'constant':
    case 'poisson':
      return readWindowed(errors, path, kind, num, optional)
    case 'list':
      return { kind, seconds: readSeconds(errors, value.seconds, at(path, 'seconds')) }
    case 'step':
      return { kind, steps: readSteps(errors, value.steps, at(path, 'steps')) }
    case 'spike':
      return {
        kind,
        baseRatePerSecond: num('baseRatePerSecond', Rate),
        spikeRatePerSecond: num('spikeRatePerSecond', Rate),
        spikeStartSecond: num('spikeStartSecond', Second),
        spikeDurationSeconds: num('spikeDurationSeconds', { ...Second, minExclusive: true }),
      }
    case 'diurnal':
      return readDiurnal(num, optional)
    case 'burst':
      return {
        kind,
        atSecond: num('atSecond', Second),
        count: num('count', { min: 1, max: MaxCount, integer: true }),
      }
  }
}

/** `constant` or `poisson`: a rate, and an optional window [startSecond, endSecond). */
function readWindowed(
  errors: Errors,
  path: string,
  kind: 'constant' | 'poisson',
  num: Reader,
  optional: OptionalReader,
): ArrivalSpec {
  const spec: Extract<ArrivalSpec, { kind: 'poisson' | 'constant' }> = {
    kind,
    ratePerSecond: num('ratePerSecond', Rate),
  }
  const startSecond = optional('startSecond', Second)
  const endSecond = optional('endSecond', Second)
  if (startSecond !== undefined) spec.startSecond = startSecond
  if (endSecond !== undefined) spec.endSecond = endSecond
  if (startSecond !== undefined && endSecond !== undefined && endSecond <= startSecond) {
    errors.push({
      path: at(path, 'endSecond'),
      message: `${endSecond} is not after startSecond ${startSecond}; use endSecond > startSecond`,
    })
  }
  return spec
}

function readDiurnal(num: Reader, optional: OptionalReader): ArrivalSpec {
  const spec: Extract<ArrivalSpec, { kind: 'diurnal' }> = {
    kind: 'diurnal',
    // Halved: the peak is up to twice the mean.
    meanRatePerSecond: num('meanRatePerSecond', { ...Rate, max: MaxRatePerSecond / 2 }),
    amplitude: num('amplitude', { min: 0, max: 1 }),
  }
  const periodSeconds = optional('periodSeconds', { ...Second, minExclusive: true })
  const peakSecond = optional('peakSecond', Second)
  if (periodSeconds !== undefined) spec.periodSeconds = periodSeconds
  if (peakSecond !== undefined) spec.peakSecond = peakSecond
  return spec
}

/**
 * The first moment `spec` can send a request and the key that sets it, when that is a single
 * field (so a start at or after the end of the run can be reported on it).
 */
export function arrivalStart(spec: ArrivalSpec): { key: string; second: number } | null {
  switch (spec.kind) {
    case 'constant':
    case 'poisson':
      return spec.startSecond === undefined
        ? null
        : { key: 'startSecond', second: spec.startSecond }
    case 'burst':
      return { key: 'atSecond', second: spec.atSecond }
    case 'step':
      return spec.steps[0] === undefined
        ? null
        : { key: 'steps[0].atSecond', second: spec.steps[0].atSecond }
    default:
      return null
  }
}

function readSeconds(errors: Errors, value: unknown, path: string): number[] {
  if (!Array.isArray(value)) {
    errors.push({
      path,
      message: `${show(value)} is not a list; use seconds from the start, e.g. [0, 1.5, 3]`,
    })
    return []
  }
  if (value.length > MaxCount) {
    errors.push({
      path,
      message: `${value.length} times is above the maximum of 1,000,000; use fewer, or a rate`,
    })
    return []
  }
  value.forEach((item, i) => {
    const problem = numberProblem(item, Second)
    if (problem !== null) errors.push({ path: `${path}[${i}]`, message: problem })
  })
  return value.filter((item): item is number => typeof item === 'number')
}

function readSteps(errors: Errors, value: unknown, path: string) {
  const steps: { atSecond: number; ratePerSecond: number }[] = []
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({
      path,
      message: `${show(value)} is not a list of steps; use e.g. [{ "atSecond": 0, "ratePerSecond": 5 }]`,
    })
    return steps
  }
  value.forEach((item, i) => {
    const itemPath = `${path}[${i}]`
    if (!isObject(item)) {
      errors.push({
        path: itemPath,
        message: `${show(item)} is not a step; use { "atSecond", "ratePerSecond" }`,
      })
      return
    }
    checkKeys(errors, item, itemPath, ['atSecond', 'ratePerSecond'])
    const step = {
      atSecond: readNumber(errors, item, 'atSecond', itemPath, 0, Second, true),
      ratePerSecond: readNumber(errors, item, 'ratePerSecond', itemPath, 0, Rate, true),
    }
    const previous = steps[steps.length - 1]
    if (previous !== undefined && step.atSecond <= previous.atSecond) {
      errors.push({
        path: at(itemPath, 'atSecond'),
        message: `${step.atSecond} is not after the previous step's ${previous.atSecond}; list steps in increasing atSecond`,
      })
    }
    steps.push(step)
  })
  return steps
}
