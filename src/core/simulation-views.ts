/**
 * Plain-data views of a running simulation: the report (every field of `SimulationReport`) and
 * the snapshot the UI draws from. Nothing here changes the run.
 */
import type { BillingBreakdown, BillingReport } from './billing/report'
import type { RunSummary, SimulationReport } from './scenario/types'
import type { DeliveredFailure } from './platform/async-events'
import { EnvState } from './platform/environment'
import type { Counters, FunctionRuntime } from './platform/function-runtime'
import type { Platform } from './platform/platform'
import type { ExplainContext, Explanation } from './telemetry/explanations'
import type { LogContext, LogLine, Span } from './telemetry/invocation-log'
import type { SeriesData } from './telemetry/series'
import { BillingViews, type BillingView, type ProjectMonthly } from './snapshot-billing'

export type { BillingView, MonthlyProjectionView } from './snapshot-billing'

/** An execution environment as the UI shows it. */
export interface EnvironmentView {
  id: number
  state: 'initializing' | 'idle' | 'busy'
  provisioned: boolean
  createdAt: number
  invocations: number
  /** Idle: since when; busy: when the current invocation started. */
  since: number
  /** Idle on-demand: when it will be reclaimed if nothing arrives. */
  reclaimAt: number | null
}

/** Live counts of a function or the account. */
export interface CountsView {
  requests: number
  succeeded: number
  failed: number
  /** Synchronous requests refused with a 429. */
  throttled: number
  /** Every throttle decision: sync 429s and async attempts sent back to the queue (the report's `throttles`). */
  throttles: number
  deadLettered: number
  dropped: number
  invocations: number
  coldStarts: number
  errors: number
  retries: number
  busy: number
  alive: number
}

/** One function, now. */
export interface FunctionView {
  name: string
  memoryMB: number
  timeoutSeconds: number
  reservedConcurrency: number | null
  provisionedConcurrency: number
  environments: EnvironmentView[]
  counts: CountsView
}

/** Everything the UI needs for one frame. Plain, JSON-serializable data. */
export interface Snapshot {
  /** Virtual ms. */
  now: number
  account: {
    concurrencyLimit: number
    unreservedPool: number
    unreservedInUse: number
    scalingModel: 'current' | 'legacy'
  }
  functions: FunctionView[]
  total: CountsView
  /** Async events waiting for an attempt or running. */
  asyncInQueue: number
  spans: Span[]
  logs: LogLine[]
  explanations: Explanation[]
  /** Most recent decisions other than routine warm starts (cold, throttled, retried, reclaimed…). */
  notableExplanations: Explanation[]
  series: { total: SeriesData; functions: Record<string, SeriesData> }
  /** The bill so far. */
  cost: { requests: number; gbSeconds: number; usd: RunSummary['billing']['usd'] }
  /** The rest of the bill so far: INIT share, free tier used, monthly projection. */
  billing: BillingView
  deliveredFailures: DeliveredFailure[]
}

/** How much of the recent history a snapshot carries (each bounded by its ring buffer). */
export interface SnapshotLimits {
  /** Most recent invocation spans (default 200). */
  spans?: number
  /** Most recent CloudWatch lines (default 300). */
  logLines?: number
  /** Most recent platform decisions (default 100). */
  explanations?: number
  /** Most recent notable decisions, warm starts left out (default 100). */
  notableExplanations?: number
  /** Most recent points of each metric series (default: all, at most the series capacity). */
  seriesPoints?: number
}

const STATES = ['initializing', 'idle', 'busy'] as const

function counts(c: Counters): CountsView {
  return {
    requests: c.requests,
    succeeded: c.requestsSucceeded,
    failed: c.requestsFailed,
    throttled: c.requestsThrottled,
    throttles: c.throttles,
    deadLettered: c.deadLettered,
    dropped: c.dropped,
    invocations: c.invocations,
    coldStarts: c.coldStarts,
    errors: c.errors,
    retries: c.retries,
    busy: c.busy.value,
    alive: c.alive.value,
  }
}

/** The environments alive now, per function. */
export function environmentViews(p: Platform): EnvironmentView[][] {
  const out: EnvironmentView[][] = p.functions.map(() => [])
  for (const env of p.envs) {
    if (env.state === EnvState.Reclaimed) continue
    const idle = env.state === EnvState.Idle
    out[env.fn]?.push({
      id: env.id,
      state: STATES[env.state] ?? 'idle',
      provisioned: env.provisioned,
      createdAt: env.createdAt,
      invocations: env.invocations,
      since: idle ? env.releasedAt : env.state === EnvState.Busy ? env.startedAt : env.createdAt,
      reclaimAt: idle && !env.provisioned ? env.releasedAt + env.lifetimeMs : null,
    })
  }
  for (const list of out) list.sort((a, b) => a.id - b.id)
  return out
}

/** A function's (or the account's) figures for the report. */
export function runSummary(
  c: Counters,
  now: number,
  bill: BillingBreakdown | undefined,
): RunSummary {
  return {
    invocations: c.invocations,
    coldStarts: c.coldStarts,
    coldStartRatio: c.invocations === 0 ? 0 : c.coldStarts / c.invocations,
    throttles: c.throttles,
    errors: c.errors,
    retries: c.retries,
    deadLettered: c.deadLettered,
    dropped: c.dropped,
    durationMs: {
      p50: c.durations.quantile(0.5),
      p90: c.durations.quantile(0.9),
      p99: c.durations.quantile(0.99),
    },
    maxConcurrency: c.maxConcurrency,
    avgInstances: c.alive.average(now),
    avgBusy: c.busy.average(now),
    billing: {
      requests: bill?.requests ?? 0,
      gbSeconds: bill?.gbSeconds ?? 0,
      usd: bill?.usd ?? { requests: 0, compute: 0, provisioned: 0, total: 0 },
    },
  }
}

/** The whole report. */
export function buildReport(
  p: Platform,
  bill: BillingReport,
  seed: number,
  durationSeconds: number,
): SimulationReport {
  const now = p.kernel.now
  const functions: Record<string, RunSummary> = {}
  for (const fn of p.functions)
    functions[fn.name] = runSummary(fn.counters, now, bill.functions[fn.name])
  return { ...runSummary(p.total, now, bill), seed, durationSeconds, functions }
}

/** One billing view builder per platform, so its cached projection lives as long as the run. */
const billingViews = new WeakMap<Platform, BillingViews>()

function billingView(p: Platform, bill: BillingReport, project?: ProjectMonthly): BillingView {
  let views = billingViews.get(p)
  if (views === undefined) {
    const meter = p.meter
    const fallback = meter === null ? null : (span: number) => meter.projectMonthly(span)
    views = new BillingViews(project ?? fallback)
    billingViews.set(p, views)
  }
  return views.view(bill, p.kernel.now)
}

/** What a snapshot needs besides the platform and the bill. */
export interface SnapshotExtras {
  asyncInQueue: number
  delivered: DeliveredFailure[]
  ctx: ViewContext
  /** The monthly projection (default: the platform's meter, `projectMonthly`). */
  projectMonthly?: ProjectMonthly
}

/** One frame's worth of plain data. */
export function buildSnapshot(
  p: Platform,
  bill: BillingReport,
  extras: SnapshotExtras,
  limits: SnapshotLimits,
): Snapshot {
  const envs = environmentViews(p)
  const points = limits.seriesPoints ?? Infinity
  const series: Snapshot['series'] = { total: p.total.series.export(points), functions: {} }
  for (const fn of p.functions) series.functions[fn.name] = fn.counters.series.export(points)
  return {
    now: p.kernel.now,
    account: {
      concurrencyLimit: p.concurrency.accountLimit,
      unreservedPool: p.concurrency.unreserved,
      unreservedInUse: p.concurrency.unreservedInUse,
      scalingModel: p.legacy === null ? 'current' : 'legacy',
    },
    functions: p.functions.map((fn: FunctionRuntime, i) => ({
      name: fn.name,
      memoryMB: fn.spec.memoryMB,
      timeoutSeconds: fn.spec.timeoutSeconds,
      reservedConcurrency: fn.reserved,
      provisionedConcurrency: fn.provisioned,
      environments: envs[i] ?? [],
      counts: counts(fn.counters),
    })),
    total: counts(p.total),
    asyncInQueue: extras.asyncInQueue,
    spans: p.log.spans(extras.ctx, limits.spans ?? 200),
    // An invocation has three or four lines (more with application lines): take enough, trim.
    logs: p.log
      .lines(extras.ctx, Math.ceil((limits.logLines ?? 300) / 3))
      .slice(-(limits.logLines ?? 300)),
    explanations: p.why.list(extras.ctx, limits.explanations ?? 100),
    notableExplanations: p.why.listNotable(extras.ctx, limits.notableExplanations ?? 100),
    series,
    cost: { requests: bill.requests, gbSeconds: bill.gbSeconds, usd: bill.usd },
    billing: billingView(p, bill, extras.projectMonthly),
    deliveredFailures: extras.delivered.slice(),
  }
}

/** Names and formats the views need (see telemetry/). */
export type ViewContext = LogContext & ExplainContext
