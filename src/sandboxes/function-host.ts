import type { FunctionConfig } from '../core/lambda/function-config'
import { logStreamName } from '../core/lambda/function-config'
import { Limits } from '../core/lambda/limits'
import { randomHex } from '../core/sim/rng'
import { SlotHost } from './environment-slots'
import type { Admitted, CurrentDeployment, Slot, SlotHostOptions } from './environment-slots'
import { buildRecord, creationFailedRecord, initErrorRecord } from './invocation-record'
import type { InvocationFacts } from './invocation-record'
import { QuickJSEnvironment } from './quickjs/quickjs-environment'
import type { InitReport, InvokeReport } from './quickjs/quickjs-environment'
import { runtimeExitError } from './runtime/init-errors'
import { SpareSandbox } from './quickjs/spare-sandbox'
import type { WasmSource } from './quickjs/wasm-module'
import { MAX_WASM_PAGES } from './quickjs/wasm-module'
import type { PreparedModule } from './prepare-module'
import type { InvocationRecord } from './types'

/** How a function host is built. */
export interface FunctionHostOptions extends SlotHostOptions {
  /** Where the QuickJS wasm comes from (`browserWasmSource` or `nodeWasmSource`). */
  wasm: WasmSource
  /** Free each environment's QuickJS runtime explicitly and count refusals (tests: leak check). */
  verifyDisposal?: boolean
  /**
   * Keep one sandbox (wasm instance, runtime, context and runtime shim) prepared ahead of the
   * next cold start, made after a deploy and after each cold start that used it (default true).
   * A cold start then pays INIT and the invocation only; false makes every cold start build its
   * sandbox on the spot.
   */
  spare?: boolean
}

const MAX_HEAP_MB = MAX_WASM_PAGES / 16

/**
 * The QuickJS function host: one deployed function and its execution environments, invoked the
 * way Lambda does it. An idle environment serves the next invocation (warm); with none idle, a
 * new one is created and initialised (cold). A timeout, out-of-memory or crash discards the
 * environment; a new deployment or `resetEnvironments` discards them all.
 */
export class QuickJSFunctionHost extends SlotHost<QuickJSEnvironment> {
  private leaks = 0
  private readonly spare: SpareSandbox | undefined

  constructor(private readonly options: FunctionHostOptions) {
    super(options)
    if (options.spare !== false) {
      this.spare = new SpareSandbox(options.wasm, () => this.leaks++, options.verifyDisposal)
    }
  }

  /** Resolves once the spare sandbox for the deployed function is ready (benchmarks, tests). */
  async spareReady(): Promise<void> {
    await this.spare?.ready()
  }

  protected opened(deployment: CurrentDeployment): CurrentDeployment {
    return deployment
  }

  protected prepareAhead(config: FunctionConfig): void {
    this.spare?.prepare(config)
  }

  protected async warmRun(
    slot: Slot<QuickJSEnvironment>,
    request: Admitted,
  ): Promise<InvocationRecord> {
    return this.run(slot, request, undefined)
  }

  protected async coldStart(
    current: CurrentDeployment,
    prepared: PreparedModule,
    request: Admitted,
  ): Promise<InvocationRecord> {
    const { requestId, wallStart } = request
    const config = current.deployment.config
    const createdAt = this.now()
    const id = this.slots.reserveId()
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
    const slot = this.slots.add(id, config, env, createdAt)
    // A deploy while this environment was being created makes it stale: serve, then discard.
    if (this.current !== current) slot.retired = true
    const init = env.init()
    if (init.end !== 'done') return this.initCrashed(slot, requestId, config, init, wallStart)
    return this.run(slot, request, init)
  }

  private run(
    slot: Slot<QuickJSEnvironment>,
    { requestId, eventJson, wallStart }: Admitted,
    init: InitReport | undefined,
  ): InvocationRecord {
    const { config } = slot
    const report = invokeOrCrash(slot.env, requestId, eventJson, this.now())
    this.slots.finish(slot, report.maxMemoryUsedMB, report.end !== 'done')
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
    slot: Slot<QuickJSEnvironment>,
    requestId: string,
    config: FunctionConfig,
    init: InitReport,
    wallStart: number,
  ): InvocationRecord {
    this.slots.discard(slot)
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

  /** Environments whose QuickJS runtime refused to free (objects still referenced): a bug. */
  get leakedEnvironments(): number {
    return this.leaks
  }

  protected release(env: QuickJSEnvironment): void {
    if (!env.dispose(this.options.verifyDisposal)) this.leaks++
  }

  protected async releaseAll(): Promise<void> {
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
