/** Kinds of kernel events the platform dispatches (the `kind` of a kernel event). */
export const EventKind = {
  /** a = traffic stream (handled by the `onArrival` hook). */
  Arrival: 0,
  /** a = environment slot, b = environment id: the invocation ends. */
  End: 1,
  /** a = slot, b = id: check the idle deadline. */
  Expiry: 2,
  /** a = slot, b = id: a provisioned environment finished INIT. */
  ProvisionedReady: 3,
  /** a = async event slot, b = its generation: next attempt. */
  AsyncAttempt: 4,
  /** a = async event slot, b = its generation: maximum event age reached. */
  AsyncGiveUp: 5,
  /** a = slot, b = id: resume real code after a wait. */
  Resume: 6,
  /** a = event source mapping index, b = its poll time (handled by the `onPoll` hook). */
  Poll: 7,
  /** a = slot, b = id: real code's service call happens now. */
  Call: 8,
} as const
export type EventKind = (typeof EventKind)[keyof typeof EventKind]
