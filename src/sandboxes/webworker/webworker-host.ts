import type { FunctionConfig } from '../../core/lambda/function-config'
import { lambdaEnvironment, logStreamName } from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import { randomHex } from '../../core/sim/rng'
import { SlotHost } from '../environment-slots'
import type { Admitted, CurrentDeployment, Slot, SlotHostOptions } from '../environment-slots'
import { buildRecord, creationFailedRecord, initErrorRecord } from '../invocation-record'
import type { InvocationFacts } from '../invocation-record'
import type { PreparedModule } from '../prepare-module'
import type { InvocationRecord } from '../types'
import { envWorkerSource } from './env-source'
import { SandboxFrame } from './frame-host'
import type { EnvironmentFrame } from './frame-host'
import { cycleError, planFiles } from './file-plan'
import type { FilePlan } from './file-plan'
import type { PhaseReport } from './protocol'
import { initOutcome, invokeOutcome, phaseLines } from './reports'
import { missingModuleError } from '../runtime/init-errors'
import { WorkerEnvironment } from './worker-environment'
import { contextConstants, installOptions, moduleSpec, SpareWorker } from './setup'

/** How a Web Worker function host is built. */
export interface WebWorkerHostOptions extends SlotHostOptions {
  /** Wall ms the watchdog grants past a phase's budget before it terminates the worker. */
  graceMs?: number
  /**
   * Makes the place where environment workers are spawned, on the first cold start (default: a
   * hidden sandboxed iframe in this document). Tests in Node pass a stand-in.
   */
  frame?: () => EnvironmentFrame
}

/** Wall ms past the budget before the watchdog acts: the worker cuts itself at its deadline. */
export const DEFAULT_GRACE_MS = 1_000

/** Max Memory Used reported for every invocation: nothing measures a worker's heap. */
const UNMEASURED_MB = 1

/** Said on the first record after each deploy. */
export const MEMORY_NOTICE =
  'Web Worker kind: the browser can neither cap nor measure a worker’s memory, so the configured memory is not enforced (no out-of-memory errors) and Max Memory Used is not measured (shown as 1 MB).'

interface Current extends CurrentDeployment {
  noticeGiven: boolean
  /** Where ES modules import the SDK subset and each other (found once per deployment). */
  plan: Promise<FilePlan>
}

/**
 * The Web Worker function host: the QuickJS host's semantics (warm reuse, cold starts with INIT,
 * discards after a timeout, crash or redeploy, the same records) with each execution
 * environment a dedicated worker in an opaque-origin sandboxed frame, running at native speed.
 * One spare worker, with the runtime shim installed, waits for the next cold start. The
 * handlers' AWS SDK calls are answered here, on the page, by the host's service double: the
 * worker only ever sees the answers.
 */
export class WebWorkerFunctionHost extends SlotHost<WorkerEnvironment, Current> {
  private readonly graceMs: number
  private frame: EnvironmentFrame | undefined
  private readonly makeFrame: () => EnvironmentFrame
  private readonly source = envWorkerSource()
  private readonly spare: SpareWorker

  constructor(options: WebWorkerHostOptions = {}) {
    super(options)
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS
    this.makeFrame = options.frame ?? (() => new SandboxFrame())
    this.spare = new SpareWorker((config) =>
      WorkerEnvironment.spawn(
        this.framed(),
        this.source,
        installOptions(config),
        this.graceMs,
        this.services,
      ),
    )
  }

  protected opened(opened: CurrentDeployment): Current {
    // Without it, an import of the subset or of a file fails as any unknown package does.
    const none: FilePlan = { sdkImports: [], fileImports: [] }
    const plan = opened.prepared.then((p) => (p.ok ? planFiles(p.module) : none)).catch(() => none)
    return { ...opened, noticeGiven: false, plan }
  }

  protected prepareAhead(config: FunctionConfig): void {
    this.spare.prepare(config)
  }

  protected override usable(env: WorkerEnvironment): boolean {
    return env.usable
  }

  protected release(env: WorkerEnvironment): void {
    env.dispose()
  }

  protected warmRun(slot: Slot<WorkerEnvironment>, request: Admitted): Promise<InvocationRecord> {
    return this.run(slot, request, undefined)
  }

  /** Every record says which kind ran it; the first after a deploy carries the memory notice. */
  protected override finished(current: Current, record: InvocationRecord): InvocationRecord {
    record.sandbox = 'webworker'
    if (!current.noticeGiven && this.current === current) {
      current.noticeGiven = true
      record.notices = [...(record.notices ?? []), MEMORY_NOTICE]
    }
    return record
  }

  private framed(): EnvironmentFrame {
    this.frame ??= this.makeFrame()
    return this.frame
  }

  protected async coldStart(
    current: Current,
    prepared: PreparedModule,
    request: Admitted,
  ): Promise<InvocationRecord> {
    const { requestId, wallStart } = request
    const config = current.deployment.config
    const createdAt = this.now()
    const id = this.slots.reserveId()
    const early = { id, requestId, config, at: createdAt, wallStart }
    if (!prepared.ok) return initErrorRecord({ ...early, error: prepared.error })
    const plan = await current.plan
    // Both fail before any code runs: Node links the static graph first.
    if (plan.cycle) return initErrorRecord({ ...early, error: cycleError(plan.cycle) })
    if (plan.missing) {
      const { specifier, importer, hint } = plan.missing
      return initErrorRecord({
        ...early,
        error: missingModuleError(specifier, importer, true, hint),
      })
    }
    let env: WorkerEnvironment
    try {
      env = await this.spare.take(config)
    } catch (error) {
      return creationFailedRecord({ ...early, error })
    } finally {
      if (this.current === current) this.spare.prepare(config)
    }
    const slot = this.slots.add(id, config, env, createdAt, UNMEASURED_MB)
    if (this.current !== current) slot.retired = true
    const streamName = logStreamName(createdAt, randomHex(this.rng, 32))
    const module = moduleSpec(prepared.module, plan)
    const init = await env.init({
      createdAt,
      envJson: JSON.stringify(lambdaEnvironment(config, streamName)),
      contextJson: JSON.stringify(contextConstants(config, streamName)),
      module,
    })
    const outcome = await initOutcome(init, module, config.handler)
    const initFacts = { durationMs: init.durationMs, logLines: outcome.lines }
    if (init.end !== 'done' || outcome.error) {
      return this.initFailed(slot, requestId, init, initFacts, outcome.error, wallStart)
    }
    return this.run(slot, request, initFacts)
  }

  private async run(
    slot: Slot<WorkerEnvironment>,
    { requestId, eventJson, wallStart }: Admitted,
    init: InvocationFacts['init'],
  ): Promise<InvocationRecord> {
    const { config } = slot
    const report = await slot.env.invoke(
      requestId,
      eventJson,
      this.now(),
      config.timeoutSeconds * 1000,
    )
    const outcome = invokeOutcome(report, requestId)
    const end = outcome.crashed ? 'crash' : report.end
    this.slots.finish(slot, UNMEASURED_MB, end !== 'done')
    const facts: InvocationFacts = {
      requestId,
      environmentId: slot.id,
      config,
      end,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      maxMemoryUsedMB: UNMEASURED_MB,
      appLines: phaseLines(report.logs, requestId),
      wallMs: performance.now() - wallStart,
      notices: [],
    }
    if (outcome.responseJson !== undefined) facts.responseJson = outcome.responseJson
    if (outcome.error) facts.error = outcome.error
    if (init) facts.init = init
    return buildRecord(facts)
  }

  private initFailed(
    slot: Slot<WorkerEnvironment>,
    requestId: string,
    init: PhaseReport,
    initFacts: NonNullable<InvocationFacts['init']>,
    error: InvocationFacts['error'],
    wallStart: number,
  ): InvocationRecord {
    this.slots.discard(slot)
    const end = init.end === 'done' ? 'crash' : init.end
    const facts: InvocationFacts = {
      requestId,
      environmentId: slot.id,
      config: slot.config,
      end,
      startedAt: slot.createdAt + init.durationMs,
      durationMs: 0,
      maxMemoryUsedMB: UNMEASURED_MB,
      init: initFacts,
      appLines: [],
      wallMs: performance.now() - wallStart,
      notices: [],
    }
    if (error) facts.error = error
    if (end === 'timeout')
      facts.config = { ...slot.config, timeoutSeconds: Limits.InitTimeoutMs / 1000 }
    return buildRecord(facts)
  }

  protected async releaseAll(): Promise<void> {
    await this.spare.dispose()
    this.frame?.dispose()
    this.frame = undefined
  }
}
