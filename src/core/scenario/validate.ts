/**
 * `parseScenario`: untrusted JSON in, a normalized `Scenario` (every default filled in) or the
 * complete list of field errors out. It never throws: a scenario comes from files, share links
 * and the UI, and a person fixing one wants to see all its problems at once.
 */
import { Limits } from '../lambda/limits'
import {
  DefaultAccount,
  DefaultDurationSeconds,
  DefaultPayloadBytes,
  DefaultPricing,
  DefaultSeed,
} from './defaults'
import {
  at,
  checkKeys,
  didYouMean,
  formatNumber,
  isObject,
  readBoolean,
  readChoice,
  readNumber,
  readObject,
  readString,
  show,
  type Errors,
  type JsonObject,
} from './fields'
import { migrateScenario } from './migrate'
import { checkUniqueNames, readFunction } from './validate-function'
import { arrivalStart, readArrivals } from './validate-random'
import type {
  AccountSpec,
  FunctionSpec,
  PricingSpec,
  Scenario,
  ScenarioError,
  TrafficSpec,
} from './types'

/** The outcome of `parseScenario`. */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] }

const TopKeys = [
  'version',
  'description',
  'seed',
  'durationSeconds',
  'account',
  'pricing',
  'functions',
  'traffic',
]

/** Longest simulated span, seconds: 31 days (a playground bound, enough for a monthly bill). */
export const MaxDurationSeconds = 2_678_400

/**
 * Validates and normalizes a scenario.
 *
 * @example
 * const result = parseScenario(JSON.parse(text))
 * if (!result.ok) for (const e of result.errors) console.error(formatScenarioError(e))
 */
export function parseScenario(json: unknown): ParseResult {
  if (!isObject(json)) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `${show(json)} is not a scenario; use a JSON object with "version": 1`,
        },
      ],
    }
  }
  const migrated = migrateScenario(json)
  if (!migrated.ok) {
    checkKeys(migrated.errors, json, '', TopKeys)
    return migrated
  }
  const raw = migrated.value
  const errors: Errors = []
  checkKeys(errors, raw, '', TopKeys)
  const description = readString(errors, raw, 'description', '', '', 'a few lines of text')
  const seed = readNumber(errors, raw, 'seed', '', DefaultSeed, {
    min: 0,
    max: 4_294_967_295,
    integer: true,
  })
  const durationSeconds = readNumber(errors, raw, 'durationSeconds', '', DefaultDurationSeconds, {
    min: 0,
    minExclusive: true,
    max: MaxDurationSeconds,
    unit: 's',
  })
  const account = readAccount(errors, raw)
  const pricing = readPricing(errors, raw)
  const functions = readFunctions(errors, raw, account)
  const traffic = readTrafficList(errors, raw, functions, durationSeconds)
  const scenario: Scenario = {
    version: 1,
    seed,
    durationSeconds,
    account,
    pricing,
    functions,
    traffic,
  }
  if (raw.description !== undefined) scenario.description = description
  return errors.length === 0 ? { ok: true, scenario } : { ok: false, errors }
}

/** `functions[0].memoryMB: 20000 is above Lambda's maximum of 10,240 MB; use 128–10,240 MB` */
export function formatScenarioError(error: ScenarioError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`
}

function readAccount(errors: Errors, raw: JsonObject): AccountSpec {
  const account = { ...DefaultAccount }
  const value = readObject(errors, raw, 'account', '')
  if (value === undefined) return account
  checkKeys(errors, value, 'account', ['concurrencyLimit', 'scalingModel', 'burst'])
  account.concurrencyLimit = readNumber(
    errors,
    value,
    'concurrencyLimit',
    'account',
    account.concurrencyLimit,
    {
      min: 1,
      max: 1_000_000,
      integer: true,
    },
  )
  account.scalingModel = readChoice(
    errors,
    value,
    'scalingModel',
    'account',
    ['current', 'legacy'] as const,
    'current',
  )
  if (value.burst !== undefined && ![500, 1_000, 3_000].includes(value.burst as number)) {
    // The three regional bursts of the legacy model (reference §3.1, invocation-scaling.md).
    errors.push({
      path: 'account.burst',
      message: `${show(value.burst)} is not a regional burst Lambda had; use 500, 1000 or 3000`,
    })
  } else if (value.burst !== undefined) account.burst = value.burst as number
  return account
}

function readPricing(errors: Errors, raw: JsonObject): PricingSpec {
  const pricing = { ...DefaultPricing }
  const value = readObject(errors, raw, 'pricing', '')
  if (value === undefined) return pricing
  checkKeys(errors, value, 'pricing', ['model', 'freeTier'])
  pricing.model = readChoice(
    errors,
    value,
    'model',
    'pricing',
    ['current', '2025-07', '2020-11'] as const,
    'current',
  )
  pricing.freeTier = readBoolean(errors, value, 'freeTier', 'pricing', true)
  return pricing
}

function readFunctions(errors: Errors, raw: JsonObject, account: AccountSpec): FunctionSpec[] {
  const value = raw.functions
  if (!Array.isArray(value) || value.length === 0) {
    const message = value === undefined ? 'missing' : `${show(value)} is not a non-empty list`
    errors.push({
      path: 'functions',
      message: `${message}; add at least one function, e.g. [{ "name": "api" }]`,
    })
    return []
  }
  const functions = value.map((item, i) => readFunction(errors, item, `functions[${i}]`, account))
  checkUniqueNames(errors, functions)
  const reserved = functions.reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0)
  const limit = account.concurrencyLimit
  if (functions.length > 1 && reserved > limit - 100) {
    errors.push({
      path: 'functions',
      message: `reserved concurrency adds up to ${formatNumber(reserved)}, more than the account limit ${formatNumber(limit)} minus the 100 Lambda keeps unreserved; lower some reservedConcurrency`,
    })
  } else checkSharedProvisioned(errors, functions, limit - reserved)
  return functions
}

/** Provisioned environments of functions without a reservation must leave 100 unreserved. */
function checkSharedProvisioned(errors: ScenarioError[], functions: FunctionSpec[], pool: number) {
  const shared = functions.filter((fn) => fn.reservedConcurrency === null)
  const provisioned = shared.reduce((sum, fn) => sum + fn.provisionedConcurrency, 0)
  // A function whose own value was refused counts 0 here, so a field is never reported twice.
  if (provisioned > 0 && pool - provisioned < 100) {
    errors.push({
      path: 'functions',
      message: `provisioned concurrency of the functions without reservedConcurrency adds up to ${formatNumber(provisioned)}, more than the unreserved pool ${formatNumber(pool)} minus the 100 Lambda keeps free; lower some provisionedConcurrency`,
    })
  }
}

function readTrafficList(
  errors: Errors,
  raw: JsonObject,
  functions: readonly FunctionSpec[],
  durationSeconds: number,
): TrafficSpec[] {
  const value = raw.traffic
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    errors.push({
      path: 'traffic',
      message: `${show(value)} is not a list; use [{ "function": …, "arrivals": … }]`,
    })
    return []
  }
  const names = functions.map((fn) => fn.name)
  const traffic: TrafficSpec[] = []
  value.forEach((item, i) => {
    const spec = readTraffic(errors, item, `traffic[${i}]`, names)
    if (spec !== null) checkStart(errors, spec, `traffic[${i}].arrivals`, durationSeconds)
    if (spec !== null) traffic.push(spec)
  })
  return traffic
}

function readTraffic(
  errors: Errors,
  value: unknown,
  path: string,
  names: readonly string[],
): TrafficSpec | null {
  if (!isObject(value)) {
    errors.push({
      path,
      message: `${show(value)} is not a traffic entry; use { "function": …, "arrivals": … }`,
    })
    return null
  }
  checkKeys(errors, value, path, ['function', 'invocationType', 'arrivals', 'payloadBytes'])
  const fn = readString(errors, value, 'function', path, '', 'the name of a function')
  if (value.function === undefined)
    errors.push({ path: at(path, 'function'), message: 'missing; add the name of a function' })
  else if (typeof value.function === 'string' && !names.includes(fn)) {
    const guess = didYouMean(fn, names)
    const hint =
      guess === null
        ? `use one of ${names.map((n) => `"${n}"`).join(', ')}`
        : `did you mean "${guess}"?`
    errors.push({
      path: at(path, 'function'),
      message: `"${fn}" is not a function of this scenario; ${hint}`,
    })
  }
  const invocationType = readChoice(
    errors,
    value,
    'invocationType',
    path,
    ['RequestResponse', 'Event'] as const,
    'RequestResponse',
  )
  // 6 MB synchronous, 1 MB asynchronous (reference §2.3).
  const async = invocationType === 'Event'
  const maxBytes = async ? Limits.AsyncRequestBytes : Limits.SyncRequestBytes
  const payloadBytes = readNumber(errors, value, 'payloadBytes', path, DefaultPayloadBytes, {
    min: 0,
    max: maxBytes,
    integer: true,
    unit: `bytes (${async ? '1 MB for Event' : '6 MB for RequestResponse'} invocations)`,
    owner: "Lambda's",
  })
  const arrivals = readArrivals(errors, value.arrivals, at(path, 'arrivals'))
  return arrivals === null ? null : { function: fn, invocationType, arrivals, payloadBytes }
}

/** Traffic that would start at or after the end of the run sends nothing: almost surely a slip. */
function checkStart(errors: Errors, spec: TrafficSpec, path: string, durationSeconds: number) {
  const start = arrivalStart(spec.arrivals)
  if (start === null || start.second < durationSeconds) return
  errors.push({
    path: `${path}.${start.key}`,
    message: `${start.second} is at or after the end of the run (durationSeconds ${durationSeconds}), so no request would arrive; use a time below ${durationSeconds}`,
  })
}
