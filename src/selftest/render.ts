import type { CaseResult } from '../sandboxes/contract/cases'
import type { SandboxKind } from '../sandboxes/types'
import { KIND_NAMES } from './kinds'
import type { MainThreadReport } from './main-thread-watch'

/** The main-thread goal of the issue: no task longer than this while sandboxes run. */
export const LONG_TASK_GOAL_MS = 50

/** The parts of the page the run updates. */
export interface SelftestView {
  status: HTMLElement
  summary: HTMLElement
  longestTask: HTMLElement
  rows: HTMLTableSectionElement
  again: HTMLButtonElement
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  if (text) node.textContent = text
  return node
}

/** Builds the page: title, explanation, status, summary, main-thread figure, results table. */
export function renderShell(root: HTMLElement): SelftestView {
  const header = element('header', { class: 'selftest-header' })
  header.append(
    element('h1', {}, 'Sandbox self-test'),
    element(
      'p',
      { class: 'selftest-intro' },
      'Runs the sandbox contract and the hostile-code battery against each kind of execution environment in this browser: handler styles, the context object, virtual time, cold and warm state, Lambda’s errors, and handlers that try to reach the page, freeze it or exhaust it.',
    ),
  )
  const status = element('p', { 'data-testid': 'selftest-status', 'data-state': 'running' })
  const summary = element('p', { class: 'selftest-summary', 'data-testid': 'selftest-summary' })
  const longestTask = element('p', { 'data-testid': 'selftest-longest-task', 'data-ms': '0' })
  const again = element('button', { class: 'button primary', type: 'button' }, 'Run again')
  const controls = element('div', { class: 'selftest-controls' })
  controls.append(status, again)
  const table = element('table', { class: 'selftest-table' })
  const head = element('thead')
  const headRow = element('tr')
  for (const title of ['Case', 'Kind', 'Result', 'Detail', 'Wall ms'])
    headRow.append(element('th', { scope: 'col' }, title))
  head.append(headRow)
  const rows = element('tbody')
  table.append(head, rows)
  const main = element('main', { class: 'selftest' })
  main.append(header, controls, summary, longestTask, table)
  root.replaceChildren(main)
  return { status, summary, longestTask, rows, again }
}

/** Appends one result row, with the hooks Playwright reads. */
export function appendRow(view: SelftestView, result: CaseResult): void {
  const row = element('tr', {
    'data-testid': 'selftest-case',
    'data-kind': result.kind ?? '',
    'data-id': result.id,
    'data-result': result.result,
    class: `selftest-${result.result}`,
  })
  const name = element('td')
  name.append(
    element('code', {}, result.id),
    element('span', { class: 'selftest-title' }, result.title),
  )
  row.append(
    name,
    element('td', {}, result.kind ? KIND_NAMES[result.kind] : ''),
    element('td', { class: 'selftest-verdict' }, result.result),
    element('td', { class: 'selftest-detail' }, result.detail),
    element('td', { class: 'selftest-number' }, result.wallMs.toFixed(0)),
  )
  view.rows.append(row)
}

/** The summary line: counts per verdict, per kind, and the kinds this build lacks. */
export function summaryText(
  results: CaseResult[],
  kinds: SandboxKind[],
  missing: SandboxKind[],
): string {
  const perKind = kinds.map((kind) => {
    const mine = results.filter((r) => r.kind === kind)
    const count = (verdict: CaseResult['result']): number =>
      mine.filter((r) => r.result === verdict).length
    return `${KIND_NAMES[kind]}: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`
  })
  const absent = missing.map((kind) => `${KIND_NAMES[kind]}: not available in this build`)
  return [...perKind, ...absent].join(' · ') || 'No kind to run.'
}

/** The main-thread figure against the 50 ms goal. */
export function showLongestTask(
  view: SelftestView,
  report: MainThreadReport,
  during: string | undefined,
): void {
  const met = report.longestMs <= LONG_TASK_GOAL_MS
  view.longestTask.dataset.ms = report.longestMs.toFixed(1)
  view.longestTask.dataset.during = during ?? ''
  view.longestTask.className = met ? 'selftest-goal-met' : 'selftest-goal-missed'
  const measured =
    report.source === 'longtask'
      ? report.longTasks === 0
        ? 'no main-thread task over 50 ms'
        : `longest main-thread task ${report.longestTaskMs.toFixed(0)} ms (${report.longTasks} over 50 ms${during ? `; the longest during ${during}` : ''})`
      : `longest gap between frames ${report.longestFrameGapMs.toFixed(0)} ms (no Long Tasks API here)`
  view.longestTask.textContent = `${measured}; goal ≤ ${LONG_TASK_GOAL_MS} ms: ${met ? 'met' : 'missed'}. Longest gap between animation frames: ${report.longestFrameGapMs.toFixed(0)} ms.`
}

/** Sets the status line and its state hook. */
export function setStatus(view: SelftestView, state: 'running' | 'done', text: string): void {
  view.status.dataset.state = state
  view.status.textContent = text
  view.again.disabled = state === 'running'
}
