/**
 * How a price model rounds an invocation's time into billed milliseconds
 * (reference §1.1: 1 ms since December 2020, 100 ms before; INIT billed since 1 August 2025).
 */
export interface DurationRule {
  /** Rounding step, ms: 1 (current) or 100 (before December 2020). */
  granularityMs: 1 | 100
  /** Whether the INIT phase of a cold start is billed (true since 2025-08-01). */
  initBilled: boolean
}

/** The rule in force now. */
export const CurrentDurationRule: DurationRule = { granularityMs: 1, initBilled: true }

/**
 * Billed duration in whole ms: `ceil((duration + billed init) / step) * step`.
 *
 * @example
 * billedDurationMs(12.34, undefined, CurrentDurationRule) // 13
 * billedDurationMs(12.34, 45.67, CurrentDurationRule) // 59
 * billedDurationMs(12.34, 45.67, { granularityMs: 100, initBilled: false }) // 100
 */
export function billedDurationMs(
  durationMs: number,
  initDurationMs: number | undefined,
  rule: DurationRule,
): number {
  const billable = durationMs + (rule.initBilled ? (initDurationMs ?? 0) : 0)
  // Sub-nanosecond float noise (12.000000001) must not bump a whole ms.
  const units = Math.ceil(Math.round((billable / rule.granularityMs) * 1e6) / 1e6)
  return Math.max(1, units) * rule.granularityMs
}
