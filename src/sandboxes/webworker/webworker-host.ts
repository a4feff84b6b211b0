import type { FunctionConfig } from '../../core/lambda/function-config'
import {
  lambdaEnvironment,
  logStreamName,
  validateFunctionConfig,
} from '../../core/lambda/function-config'
import { Limits } from '../../core/lambda/limits'
import { createRng, randomHex, randomUuid } from '../../core/sim/rng'
import type { Rng } from '../../core/sim/rng'
import { buildRecord, creationFailedRecord, initErrorRecord } from '../invocation-record'
import type { InvocationFacts } from '../invocation-record'
import { prepareModule } from '../prepare-module'
import type { PreparedModule } from '../prepare-module'
import { checkRequest } from '../request-checks'
import type {
  Deployment,
  EnvironmentSummary,
  FunctionHost,
  InvocationRecord,
  InvokeRejection,
} from '../types'
import { envWorkerSource } from './env-source'
import { SandboxFrame } from './frame-host'
import type { EnvironmentFrame } from './frame-host'
import type { PhaseReport } from './protocol'
import { initOutcome, invokeOutcome, phaseLines } from './reports'
import { WorkerEnvironment } from './worker-environment'
import { contextConstants, installOptions, moduleSpec, SpareWorker } from './setup'

/** How a Web Worker function host is built. */
export interface WebWorkerHostOptions {
  /** Seed for request ids and log stream names; random when absent. */
  seed?: number
  /** Wall ms the watchdog grants past a phase's budget before it terminates the worker. */
  graceMs?: number
  /** Epoch ms "now" for new invocations; the wall clock when absent. */
  now?: () => number
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

interface Slot {
  id: number
  config: FunctionConfig
  env: WorkerEnvironment
  createdAt: number
  invocations: number
  busy: boolean
  retired: boolean
}

interface Current {
  deployment: Deployment
  key: string
  prepared: Promise<PreparedModule>
  configProblem: InvokeRejection | undefined
  noticeGiven: boolean
}

/**
 * The Web Worker function host: the QuickJS host's semantics (warm reuse, cold starts with INIT,
 * discards after a timeout, crash or redeploy, the same records) with each execution
 * environment a dedicated worker in an opaque-origin sandboxed frame, running at native speed.
 * One spare worker, with the runtime shim installed, waits for the next cold start.
 */
export class WebWorkerFunctionHost implements FunctionHost {
  private current: Current | undefined
  private readonly slots = new Map<number, Slot>()
  private nextId = 1
  private readonly rng: Rng
  private readonly now: () => number
  private readonly graceMs: number
  private frame: EnvironmentFrame | undefined
  private readonly makeFrame: () => EnvironmentFrame
  private readonly source = envWorkerSource()
  private readonly spare: SpareWorker

  constructor(options: WebWorkerHostOptions = {}) {
    this.rng = createRng(options.seed ?? Math.floor(Math.random() * 2 ** 32))
    this.now = options.now ?? (() => Date.now())
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS
    this.makeFrame = options.frame ?? (() => new SandboxFrame())
    this.spare = new SpareWorker((config) =>
      WorkerEnvironment.spawn(this.framed(), this.source, installOptions(config), this.graceMs),
    )
  }

  async deploy(deployment: Deployment): Promise<void> {
    const key = JSON.stringify([deployment.config, deployment.code, deployment.language])
    if (this.current?.key === key) return
    this.retireAll()
    const prepared = prepareModule(deployment)
    const errors = validateFunctionConfig(deployment.config)
    const configProblem: InvokeRejection | undefined =
      errors.length > 0
        ? {
            status: 'rejected',
            error: {
              errorType: 'InvalidParameterValueException',
              errorMessage: errors.map((e) => e.message).join('\n'),
            },
          }
        : undefined
    const copy = structuredClone(deployment)
    this.current = { deployment: copy, key, prepared, configProblem, noticeGiven: false }
    if (!configProblem) this.spare.prepare(deployment.config)
    await prepared
  }

  async invoke(eventJson: string): Promise<InvocationRecord | InvokeRejection> {
    const current = this.current
    if (!current)
      return {
        status: 'rejected',
        error: { errorType: 'ResourceNotFoundException', errorMessage: 'No function is deployed.' },
      }
    const problem = current.configProblem ?? checkRequest(eventJson)
    if (problem) return problem
    const wallStart = performance.now()
    const prepared = await current.prepared
    const requestId = randomUuid(this.rng)
    const idle = [...this.slots.values()].find((s) => !s.busy && !s.retired && s.env.usable)
    const record = idle
      ? await this.run(idle, requestId, eventJson, wallStart, undefined)
      : await this.coldStart(current, prepared, requestId, eventJson, wallStart)
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

  private async coldStart(
    current: Current,
    prepared: PreparedModule,
    requestId: string,
    eventJson: string,
    wallStart: number,
  ): Promise<InvocationRecord> {
    const config = current.deployment.config
    const createdAt = this.now()
    const id = this.nextId++
    const early = { id, requestId, config, at: createdAt, wallStart }
    if (!prepared.ok) return initErrorRecord({ ...early, error: prepared.error })
    let env: WorkerEnvironment
    try {
      env = await this.spare.take(config)
    } catch (error) {
      return creationFailedRecord({ ...early, error })
    } finally {
      if (this.current === current) this.spare.prepare(config)
    }
    const slot: Slot = { id, config, env, createdAt, invocations: 0, busy: true, retired: false }
    this.slots.set(id, slot)
    if (this.current !== current) slot.retired = true
    const streamName = logStreamName(createdAt, randomHex(this.rng, 32))
    const module = moduleSpec(prepared.module)
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
    return this.run(slot, requestId, eventJson, wallStart, initFacts)
  }

  private async run(
    slot: Slot,
    requestId: string,
    eventJson: string,
    wallStart: number,
    init: InvocationFacts['init'],
  ): Promise<InvocationRecord> {
    slot.busy = true
    const { config } = slot
    const report = await slot.env.invoke(
      requestId,
      eventJson,
      this.now(),
      config.timeoutSeconds * 1000,
    )
    const outcome = invokeOutcome(report, requestId)
    slot.invocations++
    slot.busy = false
    const end = outcome.crashed ? 'crash' : report.end
    if (end !== 'done' || slot.retired) this.discard(slot)
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
    slot: Slot,
    requestId: string,
    init: PhaseReport,
    initFacts: NonNullable<InvocationFacts['init']>,
    error: InvocationFacts['error'],
    wallStart: number,
  ): InvocationRecord {
    this.discard(slot)
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

  private discard(slot: Slot): void {
    this.slots.delete(slot.id)
    slot.env.dispose()
  }

  private retireAll(): void {
    for (const slot of [...this.slots.values()]) {
      if (slot.busy) slot.retired = true
      else this.discard(slot)
    }
  }

  async resetEnvironments(): Promise<void> {
    this.retireAll()
  }

  async environments(): Promise<EnvironmentSummary[]> {
    return [...this.slots.values()].map((s) => ({
      environmentId: s.id,
      state: s.busy ? 'busy' : 'idle',
      createdAt: s.createdAt,
      invocations: s.invocations,
      maxMemoryUsedMB: UNMEASURED_MB,
    }))
  }

  async dispose(): Promise<void> {
    this.retireAll()
    this.current = undefined
    await this.spare.dispose()
    this.frame?.dispose()
    this.frame = undefined
  }
}
