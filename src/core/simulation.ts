/**
 * The simulation facade: a scenario in, a deterministic run out. The UI's driver calls
 * `run({ until })` once per animation frame and `flush()` to hand subscribers one snapshot;
 * the CLI and benchmarks call `run()` and `report()`.
 */
import { createMeter, type BillingReport, type Meter } from './billing/meter'
import { durationRuleOf, priceModel } from './billing/price-models'
import type { Executor, ServiceCalls } from './ports'
import type { Scenario, SimulationReport } from './scenario/types'
import type { DeliveredFailure } from './platform/async-events'
import { AsyncInvoker } from './platform/async-invoker'
import { ProvisionedBilling } from './platform/provisioned-billing'
import { startTraffic } from './platform/traffic-driver'
import { Platform } from './platform/platform'
import {
  EventSourceMapping,
  type EventSourceMappingConfig,
  type PolledSource,
} from './platform/event-source'
import { applyConfig, ConfigError, type ConfigChange } from './simulation-config'
import { SentRequests, type SentRequest } from './invoke-now'
import {
  buildReport,
  buildSnapshot,
  type Snapshot,
  type SnapshotLimits,
  type ViewContext,
} from './simulation-views'

/** Options of a simulation besides the scenario. */
export interface SimulationOptions {
  /** Runs functions that have `code` for real (issue #4: QuickJS). Without it, all are modeled. */
  executor?: Executor
  /** Answers real code's calls to simulated services. */
  services?: ServiceCalls
  /** Invocations kept for logs and spans (default 1,000). */
  logCapacity?: number
  /** Platform decisions kept with their explanation (default 1,000). */
  explanationCapacity?: number
  /** Points per metric series before down-sampling (default 512, even). */
  seriesCapacity?: number
  /** Virtual time 0 as epoch ms (default 2026-01-01T00:00:00Z), for timestamps. */
  epochMs?: number
  /** Deliveries to on-failure targets kept (default 100). */
  deliveredCapacity?: number
}

/** 2026-01-01T00:00:00Z. */
export const DEFAULT_EPOCH_MS = 1_767_225_600_000

/**
 * Builds a simulation of a normalized scenario (see scenario/validate.ts). Same scenario and
 * seed ⇒ the same run, event for event.
 *
 * @example
 * const sim = createSimulation(scenario)
 * sim.run()
 * sim.report().coldStartRatio
 */
export function createSimulation(scenario: Scenario, options: SimulationOptions = {}): Simulation {
  return new Simulation(scenario, options)
}

/** A running simulation (build one with {@link createSimulation}). */
export class Simulation {
  /** The platform model itself, for tests and tools that need the low-level API. */
  readonly platform: Platform
  /** Lambda's async queue, for tests and sources that invoke asynchronously. */
  readonly invoker: AsyncInvoker
  readonly #endMs: number
  readonly #meter: Meter
  readonly #provisioned: ProvisionedBilling
  readonly #ctx: ViewContext
  readonly #mappings: EventSourceMapping[] = []
  readonly #listeners = new Set<(snapshot: Snapshot) => void>()
  readonly #sent: SentRequests
  #dirty = true

  constructor(
    /** The scenario being run. */
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.#endMs = scenario.durationSeconds * 1000
    const epochMs = options.epochMs ?? DEFAULT_EPOCH_MS
    this.#meter = createMeter(scenario.pricing)
    const platform = new Platform({
      seed: scenario.seed,
      horizonMs: this.#endMs,
      account: scenario.account,
      functions: scenario.functions,
      meter: this.#meter,
      executor: options.executor ?? null,
      services: options.services ?? null,
      logCapacity: options.logCapacity,
      explanationCapacity: options.explanationCapacity,
      seriesCapacity: options.seriesCapacity,
      epochMs,
    })
    this.platform = platform
    this.invoker = new AsyncInvoker(platform, options.deliveredCapacity)
    this.#provisioned = new ProvisionedBilling(platform, this.#meter)
    startTraffic(platform, this.invoker, scenario, this.#endMs)
    this.#ctx = {
      functionName: (i) => platform.functions[i]?.name ?? '?',
      memoryMB: (i) => platform.functions[i]?.spec.memoryMB ?? 0,
      timeoutSeconds: (i) => platform.functions[i]?.spec.timeoutSeconds ?? 0,
      failureTarget: (i) => platform.functions[i]?.spec.onFailure?.target ?? null,
      requestId: (n) => platform.requestId(n),
      epochMs,
      // REPORT lines bill like the meter: cold starts are always on demand.
      durationRule: durationRuleOf(priceModel(scenario.pricing.model), false),
    }
    platform.onPoll = (i, at) => this.#mappings[i]?.poll(at)
    this.#sent = new SentRequests(platform, this.#ctx)
  }

  /** Current virtual time, ms. */
  get now(): number {
    return this.platform.kernel.now
  }

  /** Fires one event; false when nothing is scheduled. */
  step(): boolean {
    const kernel = this.platform.kernel
    if (kernel.pending === 0) return false
    kernel.step()
    this.#dirty = true
    return true
  }

  /**
   * With `until`: fires every event before `until` and moves the clock there (SimPy's rule).
   * Without: runs the whole scenario, then lets running invocations and queued async events
   * finish (idle environments are left to expire unobserved). Returns events fired.
   */
  run(opts: { until?: number } = {}): number {
    const kernel = this.platform.kernel
    this.#dirty = true
    if (opts.until !== undefined) return kernel.run({ until: opts.until })
    let fired = kernel.now < this.#endMs ? kernel.run({ until: this.#endMs }) : 0
    while (this.#busy() && kernel.pending > 0) {
      kernel.step()
      fired++
    }
    return fired
  }

  /** The report so far (all fields of `SimulationReport`). */
  report(): SimulationReport {
    return buildReport(
      this.platform,
      this.#bill(),
      this.scenario.seed,
      this.scenario.durationSeconds,
    )
  }

  /** Plain, JSON-serializable data for the UI. */
  snapshot(limits: SnapshotLimits = {}): Snapshot {
    const extras = {
      asyncInQueue: this.invoker.inQueue,
      delivered: this.invoker.delivered,
      ctx: this.#ctx,
    }
    return buildSnapshot(this.platform, this.#bill(), extras, limits)
  }

  /** Hands `listener` a snapshot on each `flush()` after the run moved. Returns unsubscribe. */
  subscribe(listener: (snapshot: Snapshot) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Hands every subscriber one snapshot if anything happened since the last flush. */
  flush(limits: SnapshotLimits = {}): void {
    if (!this.#dirty || this.#listeners.size === 0) return
    this.#dirty = false
    const snapshot = this.snapshot(limits)
    for (const listener of this.#listeners) listener(snapshot)
  }

  /** Changes a function's or the account's settings now (throws on invalid values). */
  setConfig(change: ConfigChange): void {
    applyConfig(this.platform, change, this.scenario.seed, this.#provisioned)
    this.#dirty = true
  }

  /**
   * Sends one synchronous request to `functionName` at the current virtual time, with `payload`
   * as its event ("send one request now"; real code receives it, a modeled function ignores
   * it). It is routed, counted, billed and logged like a scenario's request; the returned
   * record is a copy: read its progress with {@link sentRequests}. Throws a `ConfigError` for an
   * unknown function. A function with code needs its executor ready for a cold start now (a
   * QuickJS driver refills its pool first).
   */
  invokeNow(functionName: string, payload: unknown): SentRequest {
    const fn = this.platform.byName.get(functionName)
    if (fn === undefined) throw new ConfigError(`No function named ${functionName}`)
    this.#dirty = true
    return this.#sent.send(fn, payload)
  }

  /** The requests sent with {@link invokeNow} (the last 20), oldest first. */
  sentRequests(): SentRequest[] {
    return this.#sent.all()
  }

  /** Connects a polled source (queue, stream) to a function; pollers start now. */
  addEventSource(source: PolledSource, config: EventSourceMappingConfig): EventSourceMapping {
    const mapping = new EventSourceMapping(this.platform, this.#mappings.length, source, config)
    this.#mappings.push(mapping)
    return mapping
  }

  /** The delivered on-failure records (most recent last). */
  deliveredFailures(): DeliveredFailure[] {
    return this.invoker.delivered.slice()
  }

  /** The bill so far, with Provisioned Concurrency periods still open priced up to now. */
  #bill(): BillingReport {
    return this.#meter.report({ open: this.#provisioned.open() })
  }

  /** Unfinished work: invocations running or async events waiting. */
  #busy(): boolean {
    return this.platform.total.busy.value > 0 || this.invoker.inQueue > 0
  }
}
