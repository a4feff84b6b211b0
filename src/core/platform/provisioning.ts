/**
 * Slow-path rules of the platform, kept apart from the per-invocation hot path in platform.ts:
 * provisioned concurrency (created ahead of traffic, retired on a decrease), retiring all
 * environments on a configuration update, and the explanation of a throttle.
 */
import { Why } from '../telemetry/explanations'
import { Refusal } from './concurrency'
import { EnvState, type ExecEnv } from './environment'
import { EventKind } from './event-kinds'
import type { FunctionRuntime } from './function-runtime'
import type { Platform } from './platform'

/**
 * Adds provisioned environments up to `target` (ready at once when `ready`, as at the start of a
 * run: initialized ahead of traffic; otherwise after their INIT), or retires the surplus: idle
 * and initializing ones at once, busy ones when their invocation ends.
 */
export function provision(p: Platform, fn: FunctionRuntime, target: number, ready: boolean): void {
  const now = p.kernel.now
  for (let n = fn.provisionedAlive; n < target; n++) {
    const env = p.create(fn, true)
    fn.provisionedAlive++
    env.initMs = fn.spec.runtimeInitMs + fn.sampleInit()
    if (ready) p.release(env, fn)
    else {
      env.state = EnvState.Initializing
      const at = now + Math.ceil(env.initMs)
      p.kernel.scheduleAt(at, EventKind.ProvisionedReady, env.slot, env.id)
    }
  }
  let surplus = fn.provisionedAlive - target
  for (const env of p.envs) {
    if (surplus <= 0) break
    if (env.fn !== fn.index || !env.provisioned || env.retire) continue
    if (env.state === EnvState.Reclaimed) continue
    if (env.state === EnvState.Busy) retire(env, fn)
    else p.destroy(env, Why.Retired)
    surplus--
  }
}

/**
 * Retires every environment of `fn`, because a configuration update (memory, timeout) sends
 * new requests to new environments on Lambda: idle ones now, busy ones when they finish. Then
 * provisioned concurrency is rebuilt.
 */
export function retireAll(p: Platform, fn: FunctionRuntime): void {
  for (const env of p.envs) {
    if (env.fn !== fn.index || env.retire || env.state === EnvState.Reclaimed) continue
    if (env.state === EnvState.Busy) retire(env, fn)
    else p.destroy(env, Why.Retired)
  }
  provision(p, fn, fn.provisioned, false)
}

function retire(env: ExecEnv, fn: FunctionRuntime): void {
  env.retire = true
  if (env.provisioned) fn.provisionedAlive--
}

/** A provisioned environment finished INIT: it joins the idle provisioned environments. */
export function provisionedReady(p: Platform, env: ExecEnv | null): void {
  if (env === null || env.state !== EnvState.Initializing) return
  const fn = p.functions[env.fn] as FunctionRuntime
  p.why.add(p.kernel.now, Why.ProvisionedReady, fn.index, -1, env.id)
  p.release(env, fn)
}

/** Records why a request was throttled, with the rule and its number. */
export function explainRefusal(
  p: Platform,
  fn: FunctionRuntime,
  reqNo: number,
  refusal: Refusal,
): void {
  const now = p.kernel.now
  const i = fn.index
  switch (refusal) {
    case Refusal.Stopped:
      return p.why.add(now, Why.ThrottleStopped, i, reqNo)
    case Refusal.Reserved:
      return p.why.add(now, Why.ThrottleReserved, i, reqNo, fn.reserved ?? 0)
    case Refusal.Account:
      return p.why.add(
        now,
        Why.ThrottleAccount,
        i,
        reqNo,
        p.concurrency.unreserved,
        p.concurrency.accountLimit,
      )
    default:
      if (p.legacy !== null) {
        return p.why.add(
          now,
          Why.ThrottleBurst,
          i,
          reqNo,
          p.legacy.ceiling(now, p.total.busy.value),
        )
      }
      return p.why.add(now, Why.ThrottleScalingRate, i, reqNo, fn.bucket.tokens)
  }
}
