import '../ui/styles.css'
import './selftest.css'
import { contractCases } from '../sandboxes/contract/cases'
import type { CaseResult } from '../sandboxes/contract/cases'
import { browserHostileCases } from '../sandboxes/hostile/browser-cases'
import type { SandboxKind } from '../sandboxes/types'
import { runBench } from './bench'
import { KIND_NAMES, availableKinds, requestedKinds } from './kinds'
import { watchMainThread } from './main-thread-watch'
import { appendRow, renderShell, setStatus, showLongestTask, summaryText } from './render'
import type { SelftestView } from './render'
import { runSuite } from './run-suite'

// The sandbox self-test page: the contract and the browser's hostile battery on every kind this
// build has, with the main thread watched while they run. Only the suite's own handlers run
// here; the app's user code is never involved. `?kinds=quickjs,webworker` picks the kinds and
// `?only=errors/,hostile/while-true` the cases (by id prefix).

const dark = window.matchMedia('(prefers-color-scheme: dark)')
const applyTheme = (): void => {
  document.documentElement.dataset.theme = dark.matches ? 'dark' : 'light'
}
applyTheme()
dark.addEventListener('change', applyTheme)

const ALL_KINDS: SandboxKind[] = ['quickjs', 'webworker']

async function run(view: SelftestView): Promise<void> {
  const available = availableKinds()
  const kinds = requestedKinds(location.search, available)
  const asked = requestedKinds(location.search, ALL_KINDS)
  const missing = asked.filter((kind) => !available.includes(kind))
  // The hostile handlers aim at this page: its origin, and its own entry module.
  const app = { origin: location.origin, script: import.meta.url }
  const only = new URLSearchParams(location.search).get('only')?.split(',')
  const cases = [...contractCases, ...browserHostileCases(app)].filter(
    (c) => !only || only.some((prefix) => c.id.startsWith(prefix)),
  )
  view.rows.replaceChildren()
  setStatus(view, 'running', 'Running…')
  const starts: { at: number; what: string }[] = []
  const watch = watchMainThread()
  const started = performance.now()
  const results: CaseResult[] = []
  await runSuite(kinds, cases, {
    starting: (kind, c) => {
      starts.push({ at: performance.now(), what: `${c.id} on ${KIND_NAMES[kind]}` })
      setStatus(view, 'running', `Running ${c.id} on ${KIND_NAMES[kind]}…`)
    },
    finished: (result) => {
      results.push(result)
      appendRow(view, result)
      view.summary.textContent = summaryText(results, kinds, missing)
    },
  })
  const report = watch.stop()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  view.summary.textContent = summaryText(results, kinds, missing)
  const during = starts.filter((start) => start.at <= report.longestAt).at(-1)?.what
  showLongestTask(view, report, during)
  const failed = results.filter((r) => r.result === 'fail').length
  setStatus(
    view,
    'done',
    `Done in ${seconds} s: ${failed === 0 ? 'all passed' : `${failed} failed`}.`,
  )
}

const root = document.getElementById('selftest')
if (!root) throw new Error('selftest.html has no #selftest element')
if (new URLSearchParams(location.search).has('bench')) {
  void runBench(root)
} else {
  const view = renderShell(root)
  view.again.addEventListener('click', () => void run(view))
  void run(view)
}
