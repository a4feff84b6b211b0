import type { ServiceCalls } from '../../core/ports'
import type { GuestVm, PhaseEnd } from './guest-vm'
import type { ShimHandles } from './shim-bridge'
import { askServices, type CallResult } from '../services/ask-services'

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

/** A call the guest made to a simulated service through the SDK bridge (sdk-bridge.ts). */
export interface GuestCall {
  /** The shim's number for it (`completeCall(id, …)` answers it). */
  id: number
  service: string
  operation: string
  requestJson: string
  /** Virtual epoch ms at which the guest made it. */
  at: number
}

/** A service call's answer, as the core's port carries it. */
export type { CallResult }

/**
 * One turn of the event loop: the phase ended; or it made a service call that the driver must
 * answer (`resolveCall`) before settling again; or nothing can run before virtual time `until` (the
 * next timer or answered call; `Infinity` when only the deadline can end the wait).
 */
export type LoopStep =
  | { kind: 'end'; end: PhaseEnd }
  | { kind: 'call'; call: GuestCall }
  | { kind: 'wait'; until: number }

interface Answer {
  /** The call's id (its request is not kept: only the answer crosses back). */
  id: number
  result: CallResult
  /** Virtual epoch ms at which the answer reaches the guest. */
  at: number
}

const ignore = (): void => {}

/**
 * Limits of the playground (not Lambda's) on an environment's service calls not yet answered:
 * how many, and how much request JSON waits to be sent. A call past them is refused at once
 * (the SDK's promise rejects with an error that says so).
 */
export const MAX_OUTSTANDING_CALLS = 1000
export const MAX_UNSENT_REQUEST_CHARS = 32 * 1024 * 1024

/** The earliest of two moments, -1 standing for "none". */
function earliest(a: number, b: number): number {
  if (a < 0) return b
  if (b < 0) return a
  return Math.min(a, b)
}

/**
 * The guest's event loop on the virtual clock, in steps. `settle` runs everything runnable now
 * and says what the phase waits for: a moment (`wake` is called when it has come), or the answer
 * to a service call. A call's answer arrives like a timer, at the moment its latency ends
 * (`resolveCall`), so timers and calls fire in the order of their moments. The playground's host
 * drives the steps itself (`run`, answering calls with its service double and jumping the clock
 * to each moment), and calls made together (`Promise.all`) overlap as on Lambda; the core's
 * executor yields each wait to the simulation, which answers one call per wait, so there calls
 * made together are answered one after the other (the port carries one wait at a time).
 */
export class GuestEventLoop {
  /** Calls made by the guest and not yet handed to the driver, in order. */
  private readonly unsent: GuestCall[] = []
  /** Calls handed to the driver (a `call` step) and not yet answered. */
  private inFlight = 0
  /** Answers waiting for their moment, earliest first. */
  private readonly answers: Answer[] = []
  /** Characters of request JSON held in `unsent`. */
  private unsentBytes = 0

  constructor(
    private readonly vm: GuestVm,
    private readonly shim: ShimHandles,
    /** What answers calls when the loop runs itself (`run`); without it they fail. */
    private readonly services?: ServiceCalls,
  ) {}

  /**
   * The shim's `host.call`: records a call, or refuses it (false) past the limits on calls
   * outstanding, which keep a flood of calls from filling the host's memory (the guest's is
   * capped, the host's queue would not be). Never throws: it runs inside a guest call.
   */
  enqueue(id: number, service: string, operation: string, requestJson: string): boolean {
    const outstanding = this.unsent.length + this.inFlight + this.answers.length
    const bytes = this.unsentBytes + requestJson.length
    if (outstanding >= MAX_OUTSTANDING_CALLS || bytes > MAX_UNSENT_REQUEST_CHARS) return false
    this.unsentBytes = bytes
    this.unsent.push({ id, service, operation, requestJson, at: this.vm.clock.now() })
    return true
  }

  /**
   * Drains microtasks and fires timers and answers already due until the phase settles, makes a
   * call, or must wait. With nothing left to wait for, a handler waiting for an empty loop
   * responds.
   */
  settle(poll: () => PhasePoll): LoopStep {
    const { vm } = this
    for (;;) {
      vm.drainJobs()
      const seen = vm.fault ? undefined : poll()
      if (vm.fault || !seen) return { kind: 'end', end: vm.fault?.kind ?? 'crash' }
      const { state } = seen
      if (state === 'done') return { kind: 'end', end: this.fireOverdue(seen.nextTimerAt) }
      if (vm.clock.now() >= vm.deadline) return { kind: 'end', end: this.timeout() }
      const timerAt = seen.nextTimerAt ?? this.nextTimerAt()
      const next = earliest(timerAt, this.answers[0]?.at ?? -1)
      if (next >= 0 && next <= vm.clock.now()) {
        this.fireNext(timerAt)
        continue
      }
      const call = this.unsent.shift()
      if (call) {
        this.unsentBytes -= call.requestJson.length
        this.inFlight++
        return { kind: 'call', call }
      }
      if (next < 0 && (state === 'pending' || this.inFlight > 0))
        return { kind: 'wait', until: Infinity }
      if (next < 0) {
        this.callShim('finishOnEmptyLoop')
        continue
      }
      return { kind: 'wait', until: next }
    }
  }

  /** The answer to a call of a `call` step reaches the guest at virtual time `at`. */
  resolveCall(call: GuestCall, result: CallResult, at: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1)
    const index = this.answers.findIndex((a) => a.at > at)
    const entry = { id: call.id, result, at }
    if (index < 0) this.answers.push(entry)
    else this.answers.splice(index, 0, entry)
  }

  /** Moves the clock to `at` (the moment the phase was waiting for) and fires what is due. */
  wake(at: number): void {
    this.vm.clock.advanceTo(at)
    const answer = this.answers[0]
    if (answer === undefined || answer.at > at) this.callShim('fireNextTimer')
    else this.fireNext(this.nextTimerAt())
  }

  /**
   * Fires, each at its own moment, the timers and answers due by `to`, then moves the clock
   * there: the core resumes an invocation when its call's latency is over, and a timer set to
   * fire before that has fired by then.
   */
  catchUp(to: number): void {
    for (;;) {
      if (this.vm.fault) return
      const timerAt = this.nextTimerAt()
      const next = earliest(timerAt, this.answers[0]?.at ?? -1)
      if (next < 0 || next > to) break
      this.vm.clock.advanceTo(next)
      this.fireNext(timerAt)
      this.vm.drainJobs()
    }
    this.vm.clock.advanceTo(to)
  }

  /**
   * Runs the phase to its end on its own, answering calls with the service double and jumping
   * the clock over every wait; a wait past the deadline (or one that nothing can end) is a
   * timeout.
   */
  run(poll: () => PhasePoll): PhaseEnd {
    for (;;) {
      const step = this.settle(poll)
      if (step.kind === 'end') return step.end
      if (step.kind === 'call') {
        this.answerNow(step.call)
        continue
      }
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

  /** Asks the service double, and schedules the answer when the call's latency is over. */
  private answerNow(call: GuestCall): void {
    const services = this.services
    if (!services) {
      const error = { errorType: 'UnknownService', errorMessage: `No simulated ${call.service}` }
      return this.resolveCall(call, { kind: 'call', ok: false, error }, call.at)
    }
    const { latencyMs, result } = askServices(services, call)
    this.resolveCall(call, result, call.at + latencyMs)
  }

  /** Fires the earlier of the next timer (at `timerAt`) and the next answer; a tie goes to the timer. */
  private fireNext(timerAt: number): void {
    const answer = this.answers[0]
    if (answer && (timerAt < 0 || answer.at < timerAt)) {
      this.answers.shift()
      this.deliver(answer)
    } else this.callShim('fireNextTimer')
  }

  private deliver({ id, result }: Answer): void {
    const { ctx } = this.vm
    const text = result.ok ? result.responseJson : JSON.stringify(result.error)
    const args = [ctx.newNumber(id), result.ok ? ctx.true : ctx.false, ctx.newString(text)]
    this.vm.call(this.shim.get('completeCall'), args, ignore)?.dispose()
    for (const h of args) h.dispose()
  }

  /**
   * After the response, timers and answers already due (frozen ones from an earlier invocation,
   * after a thaw) still run in this invocation, as Node's timers phase follows the handler's I/O.
   */
  private fireOverdue(known?: number): PhaseEnd {
    const { vm } = this
    const respondedAt = vm.clock.now()
    for (let timerAt = known ?? this.nextTimerAt(); ; timerAt = this.nextTimerAt()) {
      const next = earliest(timerAt, this.answers[0]?.at ?? -1)
      if (next < 0 || next > respondedAt) return 'done'
      this.fireNext(timerAt)
      vm.drainJobs()
      if (vm.fault) return vm.fault.kind
    }
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

/** A double that answered with something other than a call's result (a bug): a 500. */
