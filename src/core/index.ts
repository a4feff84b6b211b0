/**
 * The core's public surface: the only import path for code outside `src/core` (sandboxes, stores,
 * UI, CLI). Everything here is pure TypeScript and runs in Node, workers and browsers alike.
 */
export { createSimulation, DEFAULT_EPOCH_MS } from './simulation'
export type { Simulation, SimulationOptions } from './simulation'
export { ConfigError } from './simulation-config'
export type { ConfigChange } from './simulation-config'
export type {
  CountsView,
  EnvironmentView,
  FunctionView,
  Snapshot,
  SnapshotLimits,
} from './simulation-views'
export type {
  EnvironmentRef,
  Executor,
  ExecutorStep,
  InvocationCoroutine,
  ServiceCalls,
  VirtualClock,
  Wait,
  WaitResult,
} from './ports'
export { createScriptedExecutor } from './platform/scripted-executor'
export type { ScriptedInvocation } from './platform/scripted-executor'
export { Kernel, Priority } from './sim/kernel'
export type { EventHandler } from './sim/kernel'
export {
  EmptyScheduleError,
  InvalidTimeError,
  NegativeDelayError,
  UntilInPastError,
} from './sim/errors'
export { createRng } from './sim/rng'
export type { Rng } from './sim/rng'
export {
  ProvisionedConcurrencyError,
  ReservedConcurrencyError,
  UnreservedProvisionedError,
} from './platform/concurrency'
export type { DeliveredFailure, DestinationRecord } from './platform/async-events'
export type {
  EventSourceMappingConfig,
  MappingStats,
  PolledMessage,
  PolledSource,
} from './platform/event-source'
export { createMemoryQueue } from './platform/memory-queue'
export type { MemoryQueue } from './platform/memory-queue'
export type { Explanation } from './telemetry/explanations'
export type { LogLine, Span } from './telemetry/invocation-log'
export type { SeriesData } from './telemetry/series'
export { MetricNames } from './telemetry/series'
export { parseScenario, formatScenarioError } from './scenario/validate'
export type * from './scenario/types'
export type { BillingReport } from './billing/meter'
