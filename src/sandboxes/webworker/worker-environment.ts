import { Limits } from '../../core/lambda/limits'
import type { ServiceCalls } from '../../core/ports'
import { MAX_UNSENT_REQUEST_CHARS } from '../quickjs/event-loop'
import { CallRelay } from './call-relay'
import type { EnvironmentFrame } from './frame-host'
import { readCall, readPhaseReport } from './protocol'
import type { InstallOptions, ModuleSpec, PageMessage, PhaseReport } from './protocol'
import { cutAtDeadline, diedDuring, phaseStart, watchdogDelayMs } from './watchdog'

interface Waiting {
  resolve(report: PhaseReport): void
  timer: ReturnType<typeof setTimeout>
  start: number
  deadline: number
  wallStart: number
  /** Wall ms (performance.now) at which the watchdog fires. */
  firesAt: number
  /** The latest the watchdog may ever fire for this phase, however many calls it answers. */
  lastFire: number
}

/** What INIT needs besides the module: the clock's start and the shim's configuration. */
export interface InitSpec {
  createdAt: number
  envJson: string
  contextJson: string
  module: ModuleSpec
}

/**
 * The page's side of one execution environment: a dedicated worker in the sandboxed frame and
 * the page's end of its port. One phase at a time; each is watched: no answer within its budget
 * plus the grace, and the worker is terminated and the phase reported as timed out. A worker
 * that dies, or answers with something that is not a report, ends the phase as a crash. Either
 * way the environment is dead and is never used again.
 *
 * The guest's AWS SDK calls come over the same port: the page answers each with the host's
 * service double (`CallRelay`) and the virtual moment it is due; the worker delivers it then.
 */
export class WorkerEnvironment {
  private waiting: Waiting | undefined
  private alive = true
  /** The environment's clock after its last phase (virtual epoch ms). */
  clock = 0

  private constructor(
    private readonly frame: EnvironmentFrame,
    private readonly id: number,
    private readonly port: MessagePort,
    private readonly graceMs: number,
    private readonly relay: CallRelay,
  ) {
    port.onmessage = (event) => this.receive(event.data)
  }

  /** Spawns the worker and installs the runtime shim in it (before any user code exists). */
  static async spawn(
    frame: EnvironmentFrame,
    source: string,
    install: InstallOptions,
    graceMs: number,
    services: ServiceCalls,
  ): Promise<WorkerEnvironment> {
    // A death is a later message event: the environment exists by then.
    const holder: { environment?: WorkerEnvironment } = {}
    const { id, port } = await frame.spawn(source, (reason) => holder.environment?.died(reason))
    const relay = new CallRelay(services)
    const environment = new WorkerEnvironment(frame, id, port, graceMs, relay)
    holder.environment = environment
    environment.send({ t: 'prepare', install })
    return environment
  }

  /** True until a phase ended badly or the environment was disposed. */
  get usable(): boolean {
    return this.alive
  }

  /** Runs INIT (cut at 10 s). */
  init(spec: InitSpec): Promise<PhaseReport> {
    const deadline = spec.createdAt + Limits.InitTimeoutMs
    return this.phase(spec.createdAt, deadline, { t: 'init', deadline, ...spec })
  }

  /** Invokes the handler; the phase starts at `requestedAt` or where the clock already is. */
  invoke(requestId: string, eventJson: string, requestedAt: number, timeoutMs: number) {
    const startAt = phaseStart(requestedAt, this.clock)
    const deadline = startAt + timeoutMs
    return this.phase(startAt, deadline, { t: 'invoke', requestId, eventJson, startAt, deadline })
  }

  private phase(start: number, deadline: number, message: PageMessage): Promise<PhaseReport> {
    if (!this.alive) return Promise.resolve(diedDuring(start, 0, 'signal: killed'))
    return new Promise<PhaseReport>((resolve) => {
      const delay = watchdogDelayMs(start, deadline, this.graceMs)
      const timer = setTimeout(() => this.cut(), delay)
      const wallStart = performance.now()
      // Waiting for the page's answers is not virtual time: each answered call may push the
      // watchdog back, up to twice the phase's budget in all.
      const lastFire = wallStart + delay + Math.max(0, deadline - start)
      const firesAt = wallStart + delay
      this.waiting = { resolve, timer, start, deadline, wallStart, firesAt, lastFire }
      this.send(message)
    })
  }

  private cut(): void {
    const waiting = this.waiting
    if (waiting) this.answer(cutAtDeadline(waiting.start, waiting.deadline), '')
  }

  /** A message from the worker: a service call, or the report that ends the phase. */
  private receive(data: unknown): void {
    if ((data as { t?: unknown } | null)?.t !== 'call') {
      this.answer(readPhaseReport(data), 'with error: signal: aborted')
      return
    }
    const call = readCall(data, MAX_UNSENT_REQUEST_CHARS)
    const reply = call && this.relay.answer(call)
    if (!call || !reply) return this.broken()
    this.send(reply)
    this.extendWatchdog(call.at)
  }

  /**
   * A call answered at virtual `at`: the phase's remaining budget counts from now, as the
   * worker waited for the page meanwhile (never past the phase's last moment to fire).
   */
  private extendWatchdog(at: number): void {
    const waiting = this.waiting
    if (!waiting) return
    const remaining = watchdogDelayMs(Math.max(at, waiting.start), waiting.deadline, this.graceMs)
    const firesAt = Math.min(performance.now() + remaining, waiting.lastFire)
    if (firesAt <= waiting.firesAt) return
    clearTimeout(waiting.timer)
    waiting.firesAt = firesAt
    waiting.timer = setTimeout(() => this.cut(), firesAt - performance.now())
  }

  /** The worker broke the protocol: the phase ends as a crash, the environment is gone. */
  private broken(): void {
    if (this.waiting) this.answer(undefined, 'with error: signal: aborted')
    else this.dispose()
  }

  private send(message: PageMessage): void {
    if (this.alive) this.port.postMessage(message)
  }

  /** A report came (or the watchdog or a death made one): the phase is over. */
  private answer(report: PhaseReport | undefined, unreadable: string): void {
    const waiting = this.waiting
    if (!waiting) return
    this.waiting = undefined
    clearTimeout(waiting.timer)
    const wallMs = performance.now() - waiting.wallStart
    const final = report ?? diedDuring(waiting.start, wallMs, unreadable)
    if (final.end !== 'done' || final.load) this.dispose()
    this.clock = Math.max(this.clock, final.clock)
    this.relay.observe(final.clock)
    waiting.resolve(final)
  }

  /** The frame saw the worker die (`reason` is the browser's, not Lambda's: not shown). */
  private died(_reason: string): void {
    const waiting = this.waiting
    this.dispose()
    if (!waiting) return
    const wallMs = performance.now() - waiting.wallStart
    this.answer(diedDuring(waiting.start, wallMs, 'signal: killed'), '')
  }

  /** Terminates the worker (never reused). */
  dispose(): void {
    if (!this.alive) return
    this.alive = false
    this.port.onmessage = null
    this.port.close()
    this.frame.terminate(this.id)
  }
}
