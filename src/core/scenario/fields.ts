/**
 * Readers for untrusted JSON fields. Each reader checks one field, records a `ScenarioError`
 * (path + what is allowed) when it is wrong, and returns a usable value anyway, so validation
 * carries on and reports every error of a file at once instead of stopping at the first.
 */
import type { ScenarioError } from './types'

/** A JSON object as parsed, values not yet checked. */
export type JsonObject = Record<string, unknown>

/** Where errors collect during one validation. */
export type Errors = ScenarioError[]

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `parent.key` or `key` at the root. */
export function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

/** 10240 → `10,240` (own grouping: core must not depend on the host's locale data). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const [whole = '', fraction] = String(Math.abs(n)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 ? '−' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

/** A short rendering of a bad value for a message: `20000`, `"fast"`, `null`, `an object`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (isObject(value)) return 'an object'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}…` : text
}

/** Levenshtein distance, for "did you mean" hints on misspelled keys and names. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** Length of the common start of two strings, ignoring case. */
function sharedPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i]?.toLowerCase() === b[i]?.toLowerCase()) i++
  return i
}

/**
 * The closest candidate to `word` when it is close enough to be a slip, else null: a small edit
 * distance (`sed` → `seed`), or a long shared start (`memorySize` → `memoryMB`, AWS's own name).
 */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestScore = Infinity
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === word.toLowerCase() ? 0 : distance(word, candidate)
    const close =
      d <= Math.max(2, Math.floor(word.length / 3)) || sharedPrefix(word, candidate) >= 5
    const score = d - sharedPrefix(word, candidate) / 100
    if (close && score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** Reports every key of `object` that is not in `allowed`, with a suggestion when one is close. */
export function checkKeys(
  errors: Errors,
  object: JsonObject,
  path: string,
  allowed: readonly string[],
) {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue
    const guess = didYouMean(key, allowed)
    const hint = guess === null ? `allowed keys: ${allowed.join(', ')}` : `did you mean "${guess}"?`
    errors.push({ path: at(path, key), message: `unknown key; ${hint}` })
  }
}

/** Bounds and unit of a number field, used both to check it and to say what is allowed. */
export interface NumberRule {
  min: number
  max?: number
  /** The minimum itself is not allowed (for example a rate that must be above 0). */
  minExclusive?: boolean
  integer?: boolean
  /** Unit for messages: `MB`, `s`, `ms`. */
  unit?: string
  /** Whose limit the bounds are: `Lambda's` for documented AWS limits, else the playground's. */
  owner?: string
}

/** `a whole number 128–10,240` / `a number above 0` / `a whole number 0 or more`. */
export function allowedNumbers(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number'
  const unit = rule.unit === undefined ? '' : ` ${rule.unit}`
  if (rule.max !== undefined)
    return `${kind} ${formatNumber(rule.min)}–${formatNumber(rule.max)}${unit}`
  if (rule.minExclusive) return `${kind} above ${formatNumber(rule.min)}${unit}`
  return `${kind} ${formatNumber(rule.min)}${unit} or more`
}

/** The problem with `value` under `rule`, or null when it is allowed. */
export function numberProblem(value: unknown, rule: NumberRule): string | null {
  const use = `use ${allowedNumbers(rule)}`
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `${show(value)} is not a number; ${use}`
  if (rule.integer && !Number.isInteger(value)) return `${value} is not a whole number; ${use}`
  const owner = rule.owner ?? 'the'
  const unit = rule.unit === undefined ? '' : ` ${rule.unit}`
  if (value < rule.min || (rule.minExclusive && value === rule.min)) {
    return `${value} is below ${owner} minimum of ${formatNumber(rule.min)}${unit}; ${use}`
  }
  if (rule.max !== undefined && value > rule.max) {
    return `${value} is above ${owner} maximum of ${formatNumber(rule.max)}${unit}; ${use}`
  }
  return null
}

/** A number field: `fallback` when absent (or `required` reports it), checked against `rule`. */
export function readNumber(
  errors: Errors,
  object: JsonObject,
  key: string,
  path: string,
  fallback: number,
  rule: NumberRule,
  required = false,
): number {
  const value = object[key]
  if (value === undefined) {
    if (required)
      errors.push({ path: at(path, key), message: `missing; add ${allowedNumbers(rule)}` })
    return fallback
  }
  const problem = numberProblem(value, rule)
  if (problem === null) return value as number
  errors.push({ path: at(path, key), message: problem })
  return fallback
}

/** One of a fixed set of strings. */
export function readChoice<T extends string>(
  errors: Errors,
  object: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = object[key]
  if (value === undefined) return fallback
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  const guess = typeof value === 'string' ? didYouMean(value, allowed) : null
  const hint = guess === null ? '' : ` (did you mean "${guess}"?)`
  const list = allowed.map((a) => `"${a}"`).join(', ')
  errors.push({
    path: at(path, key),
    message: `${show(value)} is not allowed${hint}; use one of ${list}`,
  })
  return fallback
}

/** true or false. */
export function readBoolean(
  errors: Errors,
  object: JsonObject,
  key: string,
  path: string,
  fallback: boolean,
) {
  const value = object[key]
  if (value === undefined || typeof value === 'boolean') return value ?? fallback
  errors.push({
    path: at(path, key),
    message: `${show(value)} is not a boolean; use true or false`,
  })
  return fallback
}

/** A string (optionally non-empty). */
export function readString(
  errors: Errors,
  object: JsonObject,
  key: string,
  path: string,
  fallback: string,
  what = 'a string',
): string {
  const value = object[key]
  if (value === undefined) return fallback
  if (typeof value === 'string') return value
  errors.push({ path: at(path, key), message: `${show(value)} is not text; use ${what}` })
  return fallback
}

/** A nested object: `undefined` when absent, reported (and `undefined`) when not an object. */
export function readObject(
  errors: Errors,
  object: JsonObject,
  key: string,
  path: string,
): JsonObject | undefined {
  const value = object[key]
  if (value === undefined) return undefined
  if (isObject(value)) return value
  errors.push({ path: at(path, key), message: `${show(value)} is not an object; use { … }` })
  return undefined
}
