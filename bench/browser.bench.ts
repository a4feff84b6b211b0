/**
 * Browser benchmark of the production build in headless Chromium: first paint, editor ready, the
 * JavaScript that loads before the editor, and what a cold and a warm invocation cost from a
 * click to the result on screen. Each figure comes with a baseline measured in the same run.
 *
 *   npm run bench -- browser          (builds first; BENCH_NO_BUILD=1 reuses dist/)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { buildUnlessAsked, launchChromium, root, startPreview } from './production-build'

const port = 4174
const origin = `http://127.0.0.1:${port}`
const RUNS = 5
const WARM_INVOCATIONS = 20

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Gzipped bytes of the JavaScript and CSS the entry loads statically (before any import()). */
function initialBundle(): { js: number; css: number; files: string[] } {
  type Chunk = { file: string; imports?: string[]; css?: string[] }
  const manifest = JSON.parse(
    readFileSync(join(root, 'dist/.vite/manifest.json'), 'utf8'),
  ) as Record<string, Chunk>
  const seen = new Set<string>()
  const files: string[] = []
  const css = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]!
    files.push(chunk.file)
    chunk.css?.forEach((file) => css.add(file))
    chunk.imports?.forEach(visit)
  }
  visit('index.html')
  const gz = (file: string) => gzipSync(readFileSync(join(root, 'dist', file))).length
  return {
    js: files.reduce((sum, file) => sum + gz(file), 0),
    css: [...css].reduce((sum, file) => sum + gz(file), 0),
    files,
  }
}

async function firstPaint(page: Page): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const entry = performance.getEntriesByName('first-contentful-paint')[0]
    if (entry) return resolve(entry.startTime)
    new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({
      type: 'paint',
      buffered: true,
    })
  })`)
}

// The page functions below are plain strings: tsx compiles this file with esbuild's keepNames,
// which wraps local functions in a `__name` helper that does not exist inside the page.

/** Clicks `testId` and resolves when the session has `rows` invocations, in page time (ms). */
async function timedClick(page: Page, testId: string, rows: number): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const tab = document.querySelector('[data-testid="history-tab"]')
    const start = performance.now()
    const observer = new MutationObserver(() => {
      if (Number((/\\((\\d+)\\)/.exec(tab?.textContent ?? '') ?? [0, 0])[1]) >= ${rows}) {
        observer.disconnect()
        resolve(performance.now() - start)
      }
    })
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    document.querySelector('[data-testid="${testId}"]').click()
  })`)
}

/** Round trip of a message to a bare worker and back: the floor under any sandboxed call. */
async function postMessageRoundTrip(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const source = 'onmessage = (e) => postMessage(e.data)'
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })))
    const once = () => new Promise((resolve) => {
      worker.onmessage = () => resolve()
      worker.postMessage('ping')
    })
    for (let i = 0; i < 50; i++) await once()
    const start = performance.now()
    for (let i = 0; i < 500; i++) await once()
    worker.terminate()
    return (performance.now() - start) / 500
  })()`)
}

async function main() {
  buildUnlessAsked()
  const bundle = initialBundle()
  const server = await startPreview(port)
  const browser = await launchChromium()
  try {
    const baselinePaint: number[] = []
    const paint: number[] = []
    const editorReady: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.route(`${origin}/__baseline`, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><h1>baseline</h1>' }),
      )
      await page.goto(`${origin}/__baseline`)
      baselinePaint.push(await firstPaint(page))
      await page.goto(origin)
      paint.push(await firstPaint(page))
      await page.locator('[data-testid="code-editor"] .view-lines').waitFor()
      editorReady.push(await page.evaluate(() => performance.now()))
      await context.close()
    }

    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(origin)
    await page.locator('[data-testid="code-editor"] .view-lines').waitFor()
    const firstInvocation = await timedClick(page, 'invoke-button', 1)
    const cold: number[] = []
    const warm: number[] = []
    let rows = 1
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('new-environment-button').click()
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="invoke-button"]')?.hasAttribute('disabled'),
      )
      cold.push(await timedClick(page, 'invoke-button', ++rows))
      for (let j = 0; j < WARM_INVOCATIONS / 5; j++)
        warm.push(await timedClick(page, 'invoke-button', ++rows))
    }
    const roundTrip = await postMessageRoundTrip(page)
    await context.close()

    const results = {
      firstContentfulPaintMs: median(paint),
      baselineFirstPaintMs: median(baselinePaint),
      editorReadyMs: median(editorReady),
      initialJsGzipKB: bundle.js / 1024,
      initialCssGzipKB: bundle.css / 1024,
      initialFiles: bundle.files,
      firstInvocationOfSessionMs: firstInvocation,
      coldInvocationMs: median(cold),
      warmInvocationMs: median(warm),
      postMessageRoundTripMs: roundTrip,
    }
    const rowsOut = [
      [
        'first contentful paint',
        `${results.firstContentfulPaintMs.toFixed(0)} ms`,
        `${(results.firstContentfulPaintMs / results.baselineFirstPaintMs).toFixed(2)}× a one-line page (${results.baselineFirstPaintMs.toFixed(0)} ms)`,
      ],
      ['editor ready (Monaco visible)', `${results.editorReadyMs.toFixed(0)} ms`, ''],
      [
        'JavaScript before the editor (gzip)',
        `${results.initialJsGzipKB.toFixed(1)} KB`,
        'goal ≤ 300 KB',
      ],
      [
        'first invocation of a session (spawns the worker, compiles the wasm)',
        `${results.firstInvocationOfSessionMs.toFixed(1)} ms`,
        '',
      ],
      [
        'cold invocation, click → result on screen',
        `${results.coldInvocationMs.toFixed(1)} ms`,
        `${(results.coldInvocationMs / roundTrip).toFixed(1)}× a bare worker round trip`,
      ],
      [
        'warm invocation, click → result on screen',
        `${results.warmInvocationMs.toFixed(1)} ms`,
        `${(results.warmInvocationMs / roundTrip).toFixed(1)}× a bare worker round trip (${roundTrip.toFixed(3)} ms)`,
      ],
    ]
    for (const [name, value, note] of rowsOut)
      console.log(`${name!.padEnd(72)} ${value!.padStart(10)}  ${note}`)
    mkdirSync(join(root, 'bench/results'), { recursive: true })
    writeFileSync(join(root, 'bench/results/browser.json'), JSON.stringify(results, null, 2))
  } finally {
    await browser.close()
    server.kill()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
