import type { FunctionConfig } from '../core/lambda/function-config'
import { validateFunctionConfig } from '../core/lambda/function-config'
import type { ServiceCalls } from '../core/ports'
import { createRng, randomUuid } from '../core/sim/rng'
import type { Rng } from '../core/sim/rng'
import { prepareModule } from './prepare-module'
import type { PreparedModule } from './prepare-module'
import { checkRequest } from './request-checks'
import { createServiceDouble } from './services/service-double'
import type {
  Deployment,
  EnvironmentSummary,
  FunctionHost,
  InvocationRecord,
  InvokeRejection,
} from './types'

/**
 * What every kind of function host shares around its execution environments: the deployed
 * function (its code prepared once, its configuration checked once), the request checks, the
 * slots that hold the environments (idle or busy; retired by a redeploy while busy, discarded
 * once they finish) and the service double behind the SDK bridge (`SlotHost`). The kinds
 * differ only in what an environment is and how it runs.
 */

/** A rejection with Lambda's error type and message (nothing was invoked). */
export function rejection(errorType: string, errorMessage: string): InvokeRejection {
  return { status: 'rejected', error: { errorType, errorMessage } }
}

/** The answer to an invocation when nothing is deployed. */
export function notDeployed(): InvokeRejection {
  return rejection('ResourceNotFoundException', 'No function is deployed.')
}

/** The deployed function, as a host keeps it. */
export interface CurrentDeployment {
  /** A copy: the caller may change its object afterwards. */
  deployment: Deployment
  /** Identifies the deployment: deploying the same key again changes nothing. */
  key: string
  /** The code made runnable (TypeScript stripped, module kind decided), once. */
  prepared: Promise<PreparedModule>
  /** `validateFunctionConfig` of the deployment, checked once (it cannot change). */
  configProblem: InvokeRejection | undefined
}

/** The key that tells a new deployment from the one already there (extra files included). */
export function deploymentKey(deployment: Deployment): string {
  const { config, code, language, files } = deployment
  return JSON.stringify([config, code, language, files ?? []])
}

/** Starts preparing `deployment` and checks its configuration. */
export function openDeployment(deployment: Deployment): CurrentDeployment {
  const errors = validateFunctionConfig(deployment.config)
  const configProblem =
    errors.length > 0
      ? rejection('InvalidParameterValueException', errors.map((e) => e.message).join('\n'))
      : undefined
  return {
    deployment: structuredClone(deployment),
    key: deploymentKey(deployment),
    prepared: prepareModule(deployment),
    configProblem,
  }
}

/** One execution environment and what the host knows about it. */
export interface Slot<E> {
  /** 1 for the first environment the host created, 2 for the next, … */
  id: number
  config: FunctionConfig
  env: E
  createdAt: number
  invocations: number
  maxMemoryUsedMB: number
  busy: boolean
  /** A redeploy came while it was busy: discarded when its invocation ends. */
  retired: boolean
}

/** How a kind's environments are freed and told apart from dead ones. */
export interface SlotKind<E> {
  /** Frees an environment (never reused afterwards). */
  release(env: E): void
  /** False for an environment that can no longer serve (its worker died); default: all can. */
  usable?(env: E): boolean
}

/**
 * The environments of one host: warm pick, new slots, invocations counted, discards after a
 * failed invocation or a redeploy, the summaries the panel shows.
 */
export class EnvironmentSlots<E> {
  private readonly slots = new Map<number, Slot<E>>()
  private nextId = 1

  constructor(private readonly kind: SlotKind<E>) {}

  /** Numbers the next environment (a cold start that fails early still uses its number). */
  reserveId(): number {
    return this.nextId++
  }

  /** An idle environment that can serve now (a warm start), if there is one. */
  warm(): Slot<E> | undefined {
    const usable = this.kind.usable
    for (const slot of this.slots.values()) {
      if (!slot.busy && !slot.retired && (!usable || usable(slot.env))) return slot
    }
    return undefined
  }

  /** Adds a new environment, busy with its first invocation. */
  add(id: number, config: FunctionConfig, env: E, createdAt: number, memoryMB = 0): Slot<E> {
    const slot: Slot<E> = {
      ...{ id, config, env, createdAt, invocations: 0 },
      ...{ maxMemoryUsedMB: memoryMB, busy: true, retired: false },
    }
    this.slots.set(id, slot)
    return slot
  }

  /**
   * An invocation on `slot` ended: counted, its memory peak kept; the environment is discarded
   * when `failed` (timeout, out of memory, crash) or when a redeploy retired it meanwhile.
   */
  finish(slot: Slot<E>, maxMemoryUsedMB: number, failed: boolean): void {
    slot.invocations++
    slot.maxMemoryUsedMB = Math.max(slot.maxMemoryUsedMB, maxMemoryUsedMB)
    slot.busy = false
    if (failed || slot.retired) this.discard(slot)
  }

  /** Removes the environment and frees it. */
  discard(slot: Slot<E>): void {
    this.slots.delete(slot.id)
    this.kind.release(slot.env)
  }

  /** A redeploy or reset: idle environments go now, busy ones once their invocation ends. */
  retireAll(): void {
    for (const slot of [...this.slots.values()]) {
      if (slot.busy) slot.retired = true
      else this.discard(slot)
    }
  }

  /** The live environments, for the panel. */
  summaries(): EnvironmentSummary[] {
    return [...this.slots.values()].map((s) => ({
      environmentId: s.id,
      state: s.busy ? 'busy' : 'idle',
      createdAt: s.createdAt,
      invocations: s.invocations,
      maxMemoryUsedMB: s.maxMemoryUsedMB,
    }))
  }
}

/** An invocation admitted (checks passed) and numbered, on its way to an environment. */
export interface Admitted {
  requestId: string
  eventJson: string
  /** `performance.now()` when it was admitted (the record's wall time counts from there). */
  wallStart: number
}

/** What every kind of host is built with. */
export interface SlotHostOptions {
  /** Seed for request ids and log stream names; random when absent. */
  seed?: number
  /** Epoch ms "now" for new invocations; the wall clock when absent. */
  now?: () => number
  /**
   * Answers the handlers' AWS SDK calls (`s3.send(…)`), for every environment of the host; a
   * fresh in-memory double (services/service-double.ts) when absent, so what one invocation
   * stores, the next one reads, warm or cold.
   */
  services?: ServiceCalls
}

/**
 * A function host's skeleton, shared by every kind of sandbox: deploy (a new deployment retires
 * the environments), invoke (the checks, then a warm environment or a cold start), reset,
 * summaries and dispose. A kind says what its deployment holds (`opened`), how an environment
 * runs warm and how one is made (`warmRun`, `coldStart`), and how one is freed.
 */
export abstract class SlotHost<
  E,
  C extends CurrentDeployment = CurrentDeployment,
> implements FunctionHost {
  protected current: C | undefined
  protected readonly slots = new EnvironmentSlots<E>({
    release: (env) => this.release(env),
    usable: (env) => this.usable(env),
  })
  protected readonly rng: Rng
  protected readonly now: () => number
  /** What answers the handlers' service calls (shared by all environments of this host). */
  readonly services: ServiceCalls

  constructor(options: SlotHostOptions) {
    this.rng = createRng(options.seed ?? Math.floor(Math.random() * 2 ** 32))
    this.now = options.now ?? (() => Date.now())
    this.services =
      options.services ??
      // A seed of its own: its request ids must not repeat the invocations' ones.
      createServiceDouble({ now: this.now, seed: ((options.seed ?? 1) * 31 + 17) >>> 0 })
  }

  /** The kind's record of a new deployment (what it adds to the shared one). */
  protected abstract opened(deployment: CurrentDeployment): C
  /** A new deployment passed its checks: the kind may prepare ahead (a spare sandbox). */
  protected abstract prepareAhead(config: FunctionConfig): void
  /** Runs the invocation on an idle environment. */
  protected abstract warmRun(slot: Slot<E>, request: Admitted): Promise<InvocationRecord>
  /** Makes a new environment, runs INIT, then the invocation. */
  protected abstract coldStart(
    current: C,
    prepared: PreparedModule,
    request: Admitted,
  ): Promise<InvocationRecord>
  /** Frees an environment. */
  protected abstract release(env: E): void
  /** Frees what the kind holds besides its environments. */
  protected abstract releaseAll(): Promise<void>

  /** False for an environment that can no longer serve (default: all can). */
  protected usable(_env: E): boolean {
    return true
  }

  /** What the kind adds to a record before it is returned (default: nothing). */
  protected finished(_current: C, record: InvocationRecord): InvocationRecord {
    return record
  }

  async deploy(deployment: Deployment): Promise<void> {
    if (this.current?.key === deploymentKey(deployment)) return
    this.slots.retireAll()
    const current = this.opened(openDeployment(deployment))
    this.current = current
    if (!current.configProblem) this.prepareAhead(deployment.config)
    await current.prepared
  }

  async invoke(eventJson: string): Promise<InvocationRecord | InvokeRejection> {
    const current = this.current
    if (!current) return notDeployed()
    const problem = current.configProblem ?? checkRequest(eventJson)
    if (problem) return problem
    const wallStart = performance.now()
    const prepared = await current.prepared
    const request = { requestId: randomUuid(this.rng), eventJson, wallStart }
    const idle = this.slots.warm()
    // Taken before anything awaits: a concurrent invocation must not pick it as well.
    if (idle) idle.busy = true
    const record = idle
      ? await this.warmRun(idle, request)
      : await this.coldStart(current, prepared, request)
    return this.finished(current, record)
  }

  async resetEnvironments(): Promise<void> {
    this.slots.retireAll()
  }

  async environments(): Promise<EnvironmentSummary[]> {
    return this.slots.summaries()
  }

  async dispose(): Promise<void> {
    this.slots.retireAll()
    this.current = undefined
    await this.releaseAll()
  }
}
