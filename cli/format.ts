/**
 * What `npm run simulate` prints: the human report (a one-line summary, then a table per
 * function) and failures in the house CLI style (a one-line summary, then "Details" and
 * "How to fix"). Pure string functions, tested without running anything.
 */
import { formatScenarioError } from '../src/core/scenario/validate'
import type { RunSummary, ScenarioError, SimulationReport } from '../src/core/scenario/types'

/** 12345 → `12,345`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

/** Dollars: cents for sums of a dollar or more, otherwise enough digits to see a few micro-dollars. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0'
  if (Math.abs(usd) >= 1)
    return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
  return `$${usd.toFixed(6)}`
}

function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.001 ? 2 : 1)}%`
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)
}

/**
 * The one-line summary of a run.
 *
 * @example
 * // steady-api.json (seed 42, 1 h): 3,245 invocations, 12 cold (0.4%), 0 throttles, 0 errors, p99 190 ms, $0.001234
 */
export function summaryLine(name: string, report: SimulationReport): string {
  const parts = [
    `${formatCount(report.invocations)} invocations`,
    `${formatCount(report.coldStarts)} cold (${formatPercent(report.coldStartRatio)})`,
    `${formatCount(report.throttles)} throttles`,
    `${formatCount(report.errors)} errors`,
  ]
  if (report.retries > 0) parts.push(`${formatCount(report.retries)} retries`)
  if (report.deadLettered > 0) parts.push(`${formatCount(report.deadLettered)} dead-lettered`)
  if (report.dropped > 0) parts.push(`${formatCount(report.dropped)} dropped`)
  parts.push(`p99 ${formatMs(report.durationMs.p99)} ms`, formatUsd(report.billing.usd.total))
  return `${name} (seed ${report.seed}, ${formatSpan(report.durationSeconds)}): ${parts.join(', ')}`
}

function formatSpan(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}

const Columns = [
  'function',
  'invocations',
  'cold',
  'throttles',
  'errors',
  'p50 ms',
  'p99 ms',
  'max conc',
  'cost',
] as const

function row(name: string, s: RunSummary): string[] {
  return [
    name,
    formatCount(s.invocations),
    formatCount(s.coldStarts),
    formatCount(s.throttles),
    formatCount(s.errors),
    formatMs(s.durationMs.p50),
    formatMs(s.durationMs.p99),
    formatCount(s.maxConcurrency),
    formatUsd(s.billing.usd.total),
  ]
}

/** Left-aligns the first column and right-aligns the numbers, as a terminal reader expects. */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  '),
    )
    .join('\n')
}

/**
 * The human report: the summary line, a blank line, then one row per function (and a total),
 * and which functions ran their code for real (the others follow their duration model).
 */
export function formatReport(
  name: string,
  report: SimulationReport,
  realCode: readonly string[] = [],
  sandboxes?: { created: number },
): string {
  const names = Object.keys(report.functions)
  const rows = [[...Columns], ...names.map((fn) => row(fn, report.functions[fn] as RunSummary))]
  if (names.length > 1) rows.push(row('(all)', report))
  const real =
    realCode.length === 0
      ? ''
      : `\nReal code: ${realCode.join(', ')} ran in QuickJS sandboxes` +
        (sandboxes
          ? ` (${formatCount(sandboxes.created)} environment${sandboxes.created === 1 ? '' : 's'} created)`
          : '') +
        '; any other function follows its duration model.\n'
  return `${summaryLine(name, report)}\n\n${table(rows)}\n${real}`
}

/** An invalid scenario: which file, every field error, and what to do about it. */
export function formatScenarioErrors(file: string, errors: readonly ScenarioError[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`
  return [
    `✘ ${file} is not a valid scenario (${count}).`,
    '',
    'Details:',
    ...errors.map((e) => `  ${formatScenarioError(e)}`),
    '',
    'How to fix: correct the fields above and run again. docs/scenario.md lists every key with its',
    'default and allowed values; scenarios/ has working examples.',
  ].join('\n')
}

/** A file that cannot be read or is not JSON. */
export function formatReadError(file: string, reason: string, fix: string): string {
  return [
    `✘ Could not read the scenario ${file}.`,
    '',
    'Details:',
    `  ${reason}`,
    '',
    `How to fix: ${fix}`,
  ].join('\n')
}

/** A valid scenario that the simulation refused to run: a bug, since validation should catch it. */
export function formatRunError(file: string, reason: string): string {
  return [
    `✘ The simulation of ${file} stopped with an error.`,
    '',
    'Details:',
    `  ${reason}`,
    '',
    'How to fix: the scenario passed validation, so this is a bug in the playground; please report',
    'it with the scenario file.',
  ].join('\n')
}

/** The sandbox that runs the scenario's code could not load: nothing ran. */
export function formatSandboxError(file: string, functions: readonly string[], reason: string) {
  return [
    `✘ ${file} has code to run (${functions.join(', ')}), but the QuickJS sandbox did not load.`,
    '',
    'Details:',
    `  ${reason}`,
    '',
    'How to fix: check that @jitl/quickjs-wasmfile-release-sync is installed (npm ci) and that',
    'Node can instantiate WebAssembly; or remove `code` from those functions to model them instead.',
  ].join('\n')
}
