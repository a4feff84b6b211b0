import { requestTooLargeError } from '../core/lambda/errors'
import type { FunctionConfig } from '../core/lambda/function-config'
import { logStreamName, validateFunctionConfig } from '../core/lambda/function-config'
import { Limits, utf8Length } from '../core/lambda/limits'
import type { ServiceCalls } from '../core/ports'
import { createRng, randomHex, randomUuid } from '../core/sim/rng'
import type { Rng } from '../core/sim/rng'
import { buildRecord, creationFailedRecord, initErrorRecord } from './invocation-record'
import type { InvocationFacts } from './invocation-record'
import { QuickJSEnvironment } from './quickjs/quickjs-environment'
import type { InitReport, InvokeReport } from './quickjs/quickjs-environment'
import { runtimeExitError } from './runtime/init-errors'
import { SpareSandbox } from './quickjs/spare-sandbox'
import type { WasmSource } from './quickjs/wasm-module'
import { MAX_WASM_PAGES } from './quickjs/wasm-module'
import { prepareModule } from './prepare-module'
import { createServiceDouble } from './services/service-double'
import type { PreparedModule } from './prepare-module'
import type {
  Deployment,
  EnvironmentSummary,
  FunctionHost,
  InvocationRecord,
  InvokeRejection,
} from './types'

/** How a function host is built. */
export interface FunctionHostOptions {
  /** Where the QuickJS wasm comes from (`browserWasmSource` or `nodeWasmSource`). */
  wasm: WasmSource
  /** Seed for request ids and log stream names; random when absent. */
  seed?: number
  /** Epoch ms "now" for new invocations; the wall clock when absent. */
  now?: () => number
  /** Free each environment's QuickJS runtime explicitly and count refusals (tests: leak check). */
  verifyDisposal?: boolean
  /**
   * Keep one sandbox (wasm instance, runtime, context and runtime shim) prepared ahead of the
   * next cold start, made after a deploy and after each cold start that used it (default true).
   * A cold start then pays INIT and the invocation only; false makes every cold start build its
   * sandbox on the spot.
   */
  spare?: boolean
  /**
   * Answers the handlers' AWS SDK calls (`s3.send(…)`), for every environment of the host; a
   * fresh in-memory double (services/service-double.ts) when absent, so what one invocation
   * stores, the next one reads, warm or cold.
   */
  services?: ServiceCalls
}

interface Slot {
  id: number
  config: FunctionConfig
  env: QuickJSEnvironment
  createdAt: number
  invocations: number
  maxMemoryUsedMB: number
  busy: boolean
  retired: boolean
}

interface Current {
  deployment: Deployment
  key: string
  prepared: Promise<PreparedModule>
  /** `validateFunctionConfig` of the deployment, checked once (it cannot change). */
  configProblem: InvokeRejection | undefined
}

const MAX_HEAP_MB = MAX_WASM_PAGES / 16

function rejection(errorType: string, errorMessage: string): InvokeRejection {
  return { status: 'rejected', error: { errorType, errorMessage } }
}

/**
 * The QuickJS function host: one deployed function and its execution environments, invoked the
 * way Lambda does it. An idle environment serves the next invocation (warm); with none idle, a
 * new one is created and initialised (cold). A timeout, out-of-memory or crash discards the
 * environment; a new deployment or `resetEnvironments` discards them all.
 */
export class QuickJSFunctionHost implements FunctionHost {
  private current: Current | undefined
  private readonly slots = new Map<number, Slot>()
  private nextId = 1
  private leaks = 0
  private readonly rng: Rng
  private readonly now: () => number
  private readonly spare: SpareSandbox | undefined
  /** What answers the handlers' service calls (shared by all environments of this host). */
  readonly services: ServiceCalls

  constructor(private readonly options: FunctionHostOptions) {
    this.rng = createRng(options.seed ?? Math.floor(Math.random() * 2 ** 32))
    this.now = options.now ?? (() => Date.now())
    this.services =
      options.services ??
      // A seed of its own: its request ids must not repeat the invocations' ones.
      createServiceDouble({ now: this.now, seed: ((options.seed ?? 1) * 31 + 17) >>> 0 })
    if (options.spare !== false) {
      this.spare = new SpareSandbox(options.wasm, () => this.leaks++, options.verifyDisposal)
    }
  }

  /** Resolves once the spare sandbox for the deployed function is ready (benchmarks, tests). */
  async spareReady(): Promise<void> {
    await this.spare?.ready()
  }

  async deploy(deployment: Deployment): Promise<void> {
    const key = JSON.stringify([deployment.config, deployment.code, deployment.language])
    if (this.current?.key === key) return
    this.retireAll()
    const prepared = prepareModule(deployment)
    const errors = validateFunctionConfig(deployment.config)
    const configProblem =
      errors.length > 0
        ? rejection('InvalidParameterValueException', errors.map((e) => e.message).join('\n'))
        : undefined
    this.current = { deployment: structuredClone(deployment), key, prepared, configProblem }
    if (!configProblem) this.spare?.prepare(deployment.config)
    await prepared
  }

  async invoke(eventJson: string): Promise<InvocationRecord | InvokeRejection> {
    const current = this.current
    if (!current) return rejection('ResourceNotFoundException', 'No function is deployed.')
    const problem = current.configProblem ?? this.check(eventJson)
    if (problem) return problem
    const wallStart = performance.now()
    const prepared = await current.prepared
    const requestId = randomUuid(this.rng)
    const idle = [...this.slots.values()].find((s) => !s.busy && !s.retired)
    if (idle) return this.run(idle, requestId, eventJson, wallStart, undefined)
    return this.coldStart(current, prepared, requestId, eventJson, wallStart)
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
    if (!prepared.ok)
      return initErrorRecord({
        id,
        requestId,
        config,
        error: prepared.error,
        at: this.now(),
        wallStart,
      })
    const streamName = logStreamName(createdAt, randomHex(this.rng, 32))
    const spec = {
      config,
      module: prepared.module,
      logStreamName: streamName,
      createdAt,
      services: this.services,
    }
    let env: QuickJSEnvironment
    try {
      const sandbox = await this.spare?.take(config)
      env = sandbox
        ? QuickJSEnvironment.openPrepared(spec, sandbox)
        : await QuickJSEnvironment.create(spec, this.options.wasm)
    } catch (error) {
      return creationFailedRecord({ id, requestId, config, error, at: this.now(), wallStart })
    } finally {
      // The next spare is made once this invocation has returned (off its critical path).
      if (this.current === current) this.spare?.prepareLater(config)
    }
    const slot: Slot = {
      id,
      config,
      env,
      createdAt,
      invocations: 0,
      maxMemoryUsedMB: 0,
      busy: true,
      retired: false,
    }
    this.slots.set(id, slot)
    // A deploy while this environment was being created makes it stale: serve, then discard.
    if (this.current !== current) slot.retired = true
    const init = env.init()
    if (init.end !== 'done') return this.initCrashed(slot, requestId, config, init, wallStart)
    return this.run(slot, requestId, eventJson, wallStart, init)
  }

  private check(eventJson: string): InvokeRejection | undefined {
    const bytes = utf8Length(eventJson)
    if (bytes > Limits.SyncRequestBytes) {
      return { status: 'rejected', error: requestTooLargeError(bytes) }
    }
    try {
      JSON.parse(eventJson)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return rejection(
        'InvalidRequestContentException',
        `Could not parse request body into json: ${reason}`,
      )
    }
    return undefined
  }

  private run(
    slot: Slot,
    requestId: string,
    eventJson: string,
    wallStart: number,
    init: InitReport | undefined,
  ): InvocationRecord {
    slot.busy = true
    const { config } = slot
    const report = invokeOrCrash(slot.env, requestId, eventJson, this.now())
    slot.invocations++
    slot.maxMemoryUsedMB = Math.max(slot.maxMemoryUsedMB, report.maxMemoryUsedMB)
    slot.busy = false
    if (report.end !== 'done' || slot.retired) this.discard(slot)
    const facts: InvocationFacts = {
      requestId,
      environmentId: slot.id,
      config,
      end: report.end,
      startedAt: report.startedAt,
      durationMs: report.durationMs,
      maxMemoryUsedMB: report.maxMemoryUsedMB,
      appLines: report.logLines,
      wallMs: performance.now() - wallStart,
      notices: this.notices(config, slot.env),
    }
    if (report.responseJson !== undefined) facts.responseJson = report.responseJson
    if (report.error) facts.error = report.error
    if (init) facts.init = { durationMs: init.initDurationMs, logLines: init.logLines }
    return buildRecord(facts)
  }

  private initCrashed(
    slot: Slot,
    requestId: string,
    config: FunctionConfig,
    init: InitReport,
    wallStart: number,
  ): InvocationRecord {
    this.discard(slot)
    const facts: InvocationFacts = {
      requestId,
      environmentId: slot.id,
      config,
      end: init.end,
      startedAt: slot.createdAt + init.initDurationMs,
      durationMs: 0,
      maxMemoryUsedMB: init.end === 'out-of-memory' ? config.memoryMB : 1,
      init: { durationMs: init.initDurationMs, logLines: init.logLines },
      appLines: [],
      wallMs: performance.now() - wallStart,
      notices: this.notices(config, slot.env),
    }
    if (init.error) facts.error = init.error
    if (init.end === 'timeout')
      facts.config = { ...config, timeoutSeconds: Limits.InitTimeoutMs / 1000 }
    return buildRecord(facts)
  }

  private notices(config: FunctionConfig, env: QuickJSEnvironment): string[] {
    if (!env.memoryCapped) return []
    return [
      `Memory is capped at ${MAX_HEAP_MB} MB in this sandbox: a 32-bit QuickJS heap cannot hold the configured ${config.memoryMB} MB.`,
    ]
  }

  private discard(slot: Slot): void {
    this.slots.delete(slot.id)
    if (!slot.env.dispose(this.options.verifyDisposal)) this.leaks++
  }

  /** Environments whose QuickJS runtime refused to free (objects still referenced): a bug. */
  get leakedEnvironments(): number {
    return this.leaks
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
      maxMemoryUsedMB: s.maxMemoryUsedMB,
    }))
  }

  async dispose(): Promise<void> {
    this.retireAll()
    this.current = undefined
    await this.spare?.dispose()
  }
}

/**
 * Invokes, and turns an exception escaping the environment (a bug in the host glue) into a crash
 * report, so the host answers with a record and the environment is discarded, never left busy.
 */
function invokeOrCrash(
  env: QuickJSEnvironment,
  requestId: string,
  eventJson: string,
  at: number,
): InvokeReport {
  try {
    return env.invoke(requestId, eventJson, at)
  } catch (thrown) {
    const reason = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)
    const exit = runtimeExitError(requestId, 'with error: signal: aborted')
    const error = { ...exit, trace: [`Host fault: ${reason}`] }
    return { end: 'crash', error, startedAt: at, durationMs: 0, logLines: [], maxMemoryUsedMB: 1 }
  }
}

/** Creates a QuickJS function host (Node: `nodeWasmSource`; browser: `browserWasmSource`). */
export function createFunctionHost(options: FunctionHostOptions): QuickJSFunctionHost {
  return new QuickJSFunctionHost(options)
}
