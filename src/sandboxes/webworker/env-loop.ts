import type { EnvProgramConfig, EnvState, Finish, Loop, Phase, Status } from './env-types'
import type { Job, Primitives } from './lock-down'
import type { PhaseReport, WorkerFault, WorkerPhaseEnd } from './protocol'

/**
 * Makes the environment's event loop (turned into text for the worker: it may use nothing from
 * this module's scope). It runs a phase as the QuickJS kind's `GuestEventLoop.run` does: each
 * call into the shim is a job, a CPU segment that lasts until its microtasks have run (one
 * private macrotask later); then the loop polls the shim, fires a due timer, or jumps the clock
 * to the next one; a wait past the deadline is a timeout. A busy loop never yields, so it never
 * reaches the loop again: the page's watchdog terminates the worker.
 */
export function makeLoop(env: EnvState, io: Primitives, cfg: EnvProgramConfig): Loop {
  const { clock } = env
  const safe = <T>(read: () => T, fallback: T): T => {
    try {
      return read()
    } catch {
      return fallback
    }
  }
  const setFault = (fault: WorkerFault | 'timeout'): void => {
    if (env.phase && !env.phase.fault) env.phase.fault = fault
  }
  const timeout = (): WorkerPhaseEnd => {
    clock.advanceTo((env.phase as Phase).deadline)
    setFault('timeout')
    return 'timeout'
  }
  const crashOnThrow = (error: unknown): void => {
    safe(() => env.shim?.uncaught(error), undefined)
    if (!env.phase?.fault) setFault({ exit: 'with error: signal: aborted' })
  }
  // A CPU segment: the tick runs `fn(...args)` (a shim function that may run user code), then,
  // once its microtasks have run, `then`.
  const job: Loop['job'] = (fn, args, then, handlers = { onThrow: crashOnThrow }) => {
    clock.begin()
    io.afterJob(then)
    return { fn, args, ...handlers }
  }
  const nextTimerAt = (): number => {
    const at = safe(() => env.shim?.nextTimerAt(), -1)
    return typeof at === 'number' ? at : -1
  }
  const end = (finish: Finish, how: WorkerPhaseEnd): undefined => {
    finish(how)
    return undefined
  }

  // One turn of the loop, once the last segment's microtasks have run.
  const turn = (poll: () => Status, finish: Finish): Job | undefined => {
    clock.end()
    const p = env.phase as Phase
    if (p.fault) return end(finish, p.fault === 'timeout' ? 'timeout' : 'crash')
    if (clock.at > p.deadline) return end(finish, timeout())
    const state = safe(poll, 'done' as Status)
    const next = nextTimerAt()
    const again = (): Job | undefined => turn(poll, finish)
    if (state === 'done') return fireOverdue(clock.at, next, finish)
    if (clock.at >= p.deadline) return end(finish, timeout())
    if (next < 0 && state === 'pending') return idle(p, again, finish)
    p.idleSince = undefined
    if (next > p.deadline) return end(finish, timeout())
    clock.advanceTo(next)
    const shim = env.shim
    return job(next < 0 ? shim?.finishOnEmptyLoop : shim?.fireNextTimer, [], again)
  }

  // Pending with no timer: real asynchronous work (a module loading, a native promise) may
  // still settle it. Waiting counts as time, except while a module is fetched and parsed.
  const idle = (p: Phase, again: () => Job | undefined, finish: Finish): undefined => {
    if (!p.loading) {
      p.idleSince ??= io.wallNow()
      if (io.wallNow() - p.idleSince > cfg.idleWaitMs) return end(finish, timeout())
      clock.begin()
    }
    const cancel = io.wait(1, () => {
      p.wake = undefined
      return again()
    })
    p.wake = () => {
      p.wake = undefined
      cancel()
      io.later(again)
    }
    return undefined
  }

  // Timers already due when the handler responded still run in this invocation (Node's timers
  // phase follows the handler's I/O), as the QuickJS kind's loop does.
  const fireOverdue = (respondedAt: number, next: number, finish: Finish): Job | undefined => {
    if (next < 0 || next > respondedAt) return end(finish, 'done')
    return job(env.shim?.fireNextTimer, [], () => {
      clock.end()
      if (env.phase?.fault) return end(finish, 'crash')
      return fireOverdue(respondedAt, nextTimerAt(), finish)
    })
  }

  const startPhase = (start: number, deadline: number): void => {
    clock.advanceTo(start)
    env.phase = { deadline, start: clock.at, logs: [], logChars: 0, runtimeLogged: false }
  }

  // The phase is over: one message to the page. A timeout lasted until the deadline, however
  // far past it the last segment ran.
  const report = (how: WorkerPhaseEnd, extra: Partial<PhaseReport>): void => {
    const p = env.phase as Phase
    clock.end()
    const at = how === 'timeout' ? Math.min(clock.at, p.deadline) : clock.at
    const fault = p.fault && p.fault !== 'timeout' ? { fault: p.fault } : {}
    const message: PhaseReport = {
      t: 'phase',
      end: how,
      startedAt: p.start,
      durationMs: at - p.start,
      clock: clock.at,
      logs: p.logs,
      ...fault,
      ...extra,
    }
    env.phase = undefined
    env.send?.(message)
  }

  return { safe, setFault, timeout, crashOnThrow, job, turn, startPhase, report }
}
