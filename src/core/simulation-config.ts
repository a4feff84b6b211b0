/**
 * Configuration changes in the middle of a run, effective at the current virtual time: a
 * function's reserved or provisioned concurrency, memory, timeout, duration model or error rate,
 * or the account's limit and scaling model. Invalid values throw a `ConfigError` and change
 * nothing.
 */
import { Limits } from './lambda/limits'
import type { AccountSpec, DistributionSpec, FunctionSpec } from './scenario/types'
import { LegacyBurst } from './platform/scaling'
import type { FunctionRuntime } from './platform/function-runtime'
import type { Platform } from './platform/platform'
import { provision, retireAll } from './platform/provisioning'

/** A change to one function, or to the account. */
export type ConfigChange =
  | {
      function: string
      reservedConcurrency?: number | null
      provisionedConcurrency?: number
      memoryMB?: number
      timeoutSeconds?: number
      duration?: DistributionSpec
      idleLifetime?: DistributionSpec
      errorRate?: number
    }
  | { account: Partial<AccountSpec> }

/** A change that names an unknown function or an out-of-range value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Hooks around a function change (the facade closes and opens billing periods). */
export interface ConfigHooks {
  before(fn: FunctionRuntime): void
  after(fn: FunctionRuntime): void
}

function checkInt(label: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${label} must be an integer from ${min} to ${max}, got ${value}`)
  }
}

/** Applies `change` to the platform now. */
export function applyConfig(
  p: Platform,
  change: ConfigChange,
  seed: number,
  hooks: ConfigHooks,
): void {
  if ('account' in change) return applyAccount(p, change.account)
  const fn = p.byName.get(change.function)
  if (fn === undefined) throw new ConfigError(`No function named ${change.function}`)
  const next = nextSpec(fn.spec, change)
  setConcurrency(p, fn, change)
  next.reservedConcurrency = fn.reserved
  next.provisionedConcurrency = fn.provisioned
  hooks.before(fn)
  const redeploy =
    next.memoryMB !== fn.spec.memoryMB || next.timeoutSeconds !== fn.spec.timeoutSeconds
  fn.configure(next, seed)
  // Lambda sends requests after a configuration update to new environments.
  if (redeploy) retireAll(p, fn)
  else provision(p, fn, fn.provisioned, false)
  hooks.after(fn)
}

type FunctionChange = Extract<ConfigChange, { function: string }>

/** The spec with the change's settings applied (concurrency aside); throws if one is invalid. */
function nextSpec(spec: FunctionSpec, change: FunctionChange): FunctionSpec {
  const next: FunctionSpec = { ...spec }
  if (change.memoryMB !== undefined) {
    checkInt('memoryMB', change.memoryMB, Limits.MinMemoryMB, Limits.MaxMemoryMB)
    next.memoryMB = change.memoryMB
  }
  if (change.timeoutSeconds !== undefined) {
    checkInt(
      'timeoutSeconds',
      change.timeoutSeconds,
      Limits.MinTimeoutSeconds,
      Limits.MaxTimeoutSeconds,
    )
    next.timeoutSeconds = change.timeoutSeconds
  }
  if (change.errorRate !== undefined) {
    if (!(change.errorRate >= 0 && change.errorRate <= 1))
      throw new ConfigError('errorRate must be 0–1')
    next.errorRate = change.errorRate
  }
  if (change.duration) next.duration = change.duration
  if (change.idleLifetime) next.idleLifetime = change.idleLifetime
  return next
}

/** Sets reserved and provisioned concurrency, or throws and leaves both as they were. */
function setConcurrency(p: Platform, fn: FunctionRuntime, change: FunctionChange): void {
  const reserved =
    change.reservedConcurrency === undefined ? fn.reserved : change.reservedConcurrency
  const provisioned = change.provisionedConcurrency ?? fn.provisioned
  if (reserved !== null) checkInt('reservedConcurrency', reserved, 0, p.concurrency.accountLimit)
  checkInt('provisionedConcurrency', provisioned, 0, p.concurrency.accountLimit)
  const old = { reserved: fn.reserved, provisioned: fn.provisioned }
  fn.reserved = reserved
  fn.provisioned = provisioned
  try {
    p.concurrency.configure(p.concurrency.accountLimit)
  } catch (error) {
    fn.reserved = old.reserved
    fn.provisioned = old.provisioned
    throw error
  }
}

function applyAccount(p: Platform, account: Partial<AccountSpec>): void {
  const limit = account.concurrencyLimit ?? p.concurrency.accountLimit
  checkInt('concurrencyLimit', limit, 1, 1_000_000)
  p.concurrency.configure(limit)
  const model = account.scalingModel ?? (p.legacy === null ? 'current' : 'legacy')
  const burst = account.burst ?? p.legacy?.burst ?? p.options.account.burst
  checkInt('burst', burst, 1, 1_000_000)
  p.legacy = model === 'legacy' ? (p.legacy ?? new LegacyBurst(burst)) : null
  if (p.legacy !== null) p.legacy.burst = burst
}
