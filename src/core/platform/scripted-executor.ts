/**
 * A test double of the executor port: each invocation replays a script of steps (CPU slices,
 * waits, a result) instead of running code, and records what the core fed back to it. Tests and
 * the CLI use it where no sandbox is available; a QuickJS executor implements the same port.
 */
import type {
  EnvironmentRef,
  Executor,
  ExecutorStep,
  InvocationCoroutine,
  WaitResult,
} from '../ports'

/** What one invocation does, step by step. */
export interface ScriptedInvocation {
  steps: ExecutorStep[]
}

/** The executor plus what it saw. */
export interface ScriptedExecutor extends Executor {
  /** Environments initialized, in order. */
  readonly inits: number[]
  /** Environments disposed, in order. */
  readonly disposed: number[]
  /** Results handed to `resume`, per request id. */
  readonly results: Map<string, (WaitResult | undefined)[]>
  /** Request ids aborted by the core (timeouts). */
  readonly aborted: string[]
}

/**
 * @param script the steps of each invocation, from its request id and event
 * @param init INIT's step per environment (default: 50 ms of CPU, success)
 * @example
 * const executor = createScriptedExecutor(() => ({
 *   steps: [
 *     { kind: 'wait', cpuMs: 5, wait: { kind: 'timer', ms: 200 } },
 *     { kind: 'done', cpuMs: 5, responseJson: '"ok"' },
 *   ],
 * }))
 */
export function createScriptedExecutor(
  script: (request: { requestId: string; eventJson: string }) => ScriptedInvocation,
  init: (env: EnvironmentRef) => ExecutorStep = () => ({
    kind: 'done',
    cpuMs: 50,
    responseJson: 'null',
  }),
): ScriptedExecutor {
  const inits: number[] = []
  const disposed: number[] = []
  const results = new Map<string, (WaitResult | undefined)[]>()
  const aborted: string[] = []
  return {
    inits,
    disposed,
    results,
    aborted,
    init(env) {
      inits.push(env.environmentId)
      return init(env)
    },
    invoke(_env, request): InvocationCoroutine {
      const steps = script(request).steps
      const seen: (WaitResult | undefined)[] = []
      results.set(request.requestId, seen)
      let i = 0
      return {
        resume(result) {
          seen.push(result)
          const step = steps[i++]
          return step ?? { kind: 'done', cpuMs: 0, responseJson: 'null' }
        },
        abort() {
          aborted.push(request.requestId)
        },
      }
    },
    dispose(environmentId) {
      disposed.push(environmentId)
    },
  }
}
