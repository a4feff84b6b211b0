import type { GuestVm, PhaseEnd } from './guest-vm'
import type { ShimHandles } from './shim-bridge'

/** Where a phase stands: the shim says whether its promise or callback has settled. */
export type PhaseStatus = 'pending' | 'done' | 'wait-empty'

/**
 * What one look at the phase found. `nextTimerAt` (the next timer's virtual epoch ms, -1 with
 * no timer keeping the loop alive) saves a guest call when the same call could answer it.
 */
export interface PhasePoll {
  state: PhaseStatus
  nextTimerAt?: number
}

const ignore = (): void => {}

/**
 * One turn of the event loop: the phase ended, or nothing can run before virtual time `until`
 * (the next timer; `Infinity` when only the deadline can end the wait).
 */
export type LoopStep = { kind: 'end'; end: PhaseEnd } | { kind: 'wait'; until: number }

/**
 * The guest's event loop on the virtual clock, in steps. `settle` runs everything runnable now
 * and says what the phase waits for; `fireNextTimer` is called when that moment has come. The
 * playground's host drives the steps itself (`run`, jumping the clock to each timer); the core's
 * executor yields each wait to the simulation, which resumes it when other invocations have had
 * their turn.
 */
export class GuestEventLoop {
  constructor(
    private readonly vm: GuestVm,
    private readonly shim: ShimHandles,
  ) {}

  /**
   * Drains microtasks and fires timers already due until the phase settles or must wait. With
   * nothing left to wait for, a handler waiting for an empty loop responds.
   */
  settle(poll: () => PhasePoll): LoopStep {
    const { vm } = this
    for (;;) {
      vm.drainJobs()
      const seen = vm.fault ? undefined : poll()
      if (vm.fault || !seen) return { kind: 'end', end: vm.fault?.kind ?? 'crash' }
      const { state } = seen
      if (state === 'done') return { kind: 'end', end: this.fireOverdueTimers(seen.nextTimerAt) }
      if (vm.clock.now() >= vm.deadline) return { kind: 'end', end: this.timeout() }
      const next = seen.nextTimerAt ?? this.nextTimerAt()
      if (next < 0 && state === 'pending') return { kind: 'wait', until: Infinity }
      if (next < 0) {
        this.callShim('finishOnEmptyLoop')
        continue
      }
      if (next > vm.clock.now()) return { kind: 'wait', until: next }
      this.callShim('fireNextTimer')
    }
  }

  /** Moves the clock to `at` (the moment the phase was waiting for) and fires the due timer. */
  wake(at: number): void {
    this.vm.clock.advanceTo(at)
    this.callShim('fireNextTimer')
  }

  /**
   * Runs the phase to its end on its own, jumping the clock over every wait; a wait past the
   * deadline (or one that nothing can end) is a timeout.
   */
  run(poll: () => PhasePoll): PhaseEnd {
    for (;;) {
      const step = this.settle(poll)
      if (step.kind === 'end') return step.end
      if (step.until > this.vm.deadline) return this.timeout()
      this.wake(step.until)
    }
  }

  /** The deadline passed: the phase ends there, and the environment is faulted. */
  timeout(): PhaseEnd {
    this.vm.clock.advanceTo(this.vm.deadline)
    this.vm.setFault({ kind: 'timeout' })
    return 'timeout'
  }

  /**
   * After the response, timers already due (frozen ones from an earlier invocation, after a
   * thaw) still run in this invocation, as Node's timers phase follows the handler's I/O.
   */
  private fireOverdueTimers(known?: number): PhaseEnd {
    const { vm } = this
    const respondedAt = vm.clock.now()
    for (
      let next = known ?? this.nextTimerAt();
      next >= 0 && next <= respondedAt;
      next = this.nextTimerAt()
    ) {
      this.callShim('fireNextTimer')
      vm.drainJobs()
      if (vm.fault) return vm.fault.kind
    }
    return 'done'
  }

  private nextTimerAt(): number {
    const handle = this.vm.call(this.shim.get('nextTimerAt'), [], ignore)
    const at = handle ? this.vm.ctx.getNumber(handle) : -1
    handle?.dispose()
    return at
  }

  private callShim(name: string): void {
    this.vm.call(this.shim.get(name), [], ignore)?.dispose()
  }
}
