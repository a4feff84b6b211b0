/**
 * Small builders for tests of the platform (here and in other folders): a normalized scenario
 * with round numbers, so traces read easily. Functions get 1,769 MB (durations unscaled), no
 * runtime bootstrap, 100 ms of INIT, 100 ms per invocation and a 10-minute idle lifetime.
 */
import { DefaultAccount, defaultFunctionSpec } from '../scenario/defaults'
import type { AccountSpec, FunctionSpec, InvocationType, Scenario } from '../scenario/types'

/** A function spec with test-friendly round numbers, overridden by `over`. */
export function testFunction(name: string, over: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    ...defaultFunctionSpec(name),
    memoryMB: 1769,
    runtimeInitMs: 0,
    init: { kind: 'constant', ms: 100 },
    duration: { kind: 'constant', ms: 100 },
    idleLifetime: { kind: 'constant', ms: 600_000 },
    ...over,
  }
}

/** Requests at explicit seconds. */
export interface TestTraffic {
  function: string
  type?: InvocationType
  seconds: number[]
}

/** A scenario of these functions and explicit arrivals. */
export function testScenario(
  functions: FunctionSpec[],
  traffic: TestTraffic[],
  over: { seed?: number; durationSeconds?: number; account?: Partial<AccountSpec> } = {},
): Scenario {
  return {
    version: 1,
    seed: over.seed ?? 1,
    durationSeconds: over.durationSeconds ?? 3600,
    account: { ...DefaultAccount, ...over.account },
    pricing: { model: 'current', freeTier: false },
    functions,
    traffic: traffic.map((t) => ({
      function: t.function,
      invocationType: t.type ?? 'RequestResponse',
      arrivals: { kind: 'list', seconds: t.seconds },
      payloadBytes: 1024,
    })),
  }
}

/** What tests read from a finished or paused simulation. */
export interface TraceSource {
  snapshot(limits: { spans?: number; logLines?: number; explanations?: number }): {
    explanations: { t: number; text: string }[]
    spans: {
      environmentId: number
      cold: boolean
      initStart: number
      runStart: number
      end: number
      outcome: string
    }[]
  }
}

/** The platform's decisions as `"<ms> <sentence>"`, oldest first. */
export function decisions(sim: TraceSource): string[] {
  return sim.snapshot({ explanations: 100_000 }).explanations.map((e) => `${e.t} ${e.text}`)
}

/** Invocations as `"#<env> cold|warm <start>→<run start>→<end> <outcome>"`, in order of ending. */
export function spans(sim: TraceSource): string[] {
  return sim
    .snapshot({ spans: 100_000 })
    .spans.map(
      (s) =>
        `#${s.environmentId} ${s.cold ? 'cold' : 'warm'} ${s.initStart}→${s.runStart}→${s.end} ${s.outcome}`,
    )
}
