import type { EnvProgramConfig, EnvState, Finish, Loop, Phase, Status } from './env-types'
import type { Job, Primitives } from './lock-down'
import type { PhaseReport, WorkerFault, WorkerPhaseEnd } from './protocol'

/**
 * Makes the environment's event loop (turned into text for the worker: it may use nothing from
 * this module's scope). It runs a phase as the QuickJS kind's `GuestEventLoop.run` does: each
 * call into the shim is a job, a CPU segment that lasts until its microtasks have run (one
 * private macrotask later); then the loop polls the shim, fires a due timer or delivers a due
 * answer to an SDK call, or jumps the clock to the next of them; a wait past the deadline is a
 * timeout. While the page has not answered a call, the loop waits for it off the clock before
 * it moves time (the answer may be due before the next timer), as the QuickJS kind asks its
 * double before it moves on. A busy loop never yields, so it never reaches the loop again: the
 * page's watchdog terminates the worker.
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
  const { answers } = env.calls
  // The earlier of the next timer and the next answer, -1 for none.
  const nextAt = (timerAt: number): number => {
    const answerAt = answers.length > 0 ? (answers[0] as { at: number }).at : -1
    if (timerAt < 0) return answerAt
    return answerAt < 0 ? timerAt : Math.min(timerAt, answerAt)
  }
  // Fires the earlier of the next timer (at `timerAt`) and the next answer; a tie goes to the
  // timer, as in the QuickJS kind.
  const fireNext = (timerAt: number, then: () => Job | undefined): Job => {
    const answer = answers[0]
    if (answer && (timerAt < 0 || answer.at < timerAt)) {
      answers.shift()
      return job(env.shim?.completeCall, [answer.id, answer.ok, answer.text], then)
    }
    return job(env.shim?.fireNextTimer, [], then)
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
    const again = (): Job | undefined => turn(poll, finish)
    if (state === 'done') return fireOverdue(clock.at, finish)
    if (clock.at >= p.deadline) return end(finish, timeout())
    const timerAt = nextTimerAt()
    const next = nextAt(timerAt)
    const unanswered = env.calls.awaiting.size > 0
    if (next < 0 && state === 'pending' && !unanswered) return idle(p, again, finish)
    p.idleSince = undefined
    if (next >= 0 && next <= clock.at) return fireNext(timerAt, again)
    if (unanswered) return awaitPage(p, again)
    if (next > p.deadline) return end(finish, timeout())
    if (next < 0) return job(env.shim?.finishOnEmptyLoop, [], again)
    clock.advanceTo(next)
    return fireNext(timerAt, again)
  }

  // A call the page has not answered yet: its answer (and its moment) comes over the port,
  // which wakes the loop. The wait is the page's, not the guest's: no virtual time passes.
  const awaitPage = (p: Phase, again: () => Job | undefined): undefined => {
    p.wake = () => {
      p.wake = undefined
      io.later(again)
    }
    return undefined
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

  // Timers and answers already due when the handler responded still run in this invocation
  // (Node's timers phase follows the handler's I/O), as the QuickJS kind's loop does.
  const fireOverdue = (respondedAt: number, finish: Finish): Job | undefined => {
    const timerAt = nextTimerAt()
    const next = nextAt(timerAt)
    if (next < 0 || next > respondedAt) return end(finish, 'done')
    return fireNext(timerAt, () => {
      clock.end()
      if (env.phase?.fault) return end(finish, 'crash')
      return fireOverdue(respondedAt, finish)
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
