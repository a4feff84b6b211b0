/**
 * The Web Worker sandbox in headless Chromium, on the production build: a warm invocation
 * through its function host against a bare `postMessage` round trip to a worker in the same
 * page, and a cold start of a Web Worker environment; the same two for the QuickJS worker host
 * for comparison. The page does the measuring (selftest.html?bench, src/selftest/bench.ts):
 * medians of 120 samples, each the mean of 50 calls for the warm figures (one call alone is
 * below the page's timer resolution), one call each for cold starts.
 *
 *   npm run bench -- webworker        (builds first; BENCH_NO_BUILD=1 reuses dist/;
 *                                     BENCH_DIST=/some/dir serves an existing build from there)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildUnlessAsked, launchChromium, root, startPreview } from './production-build'

const port = Number(process.env.BENCH_PORT ?? 4177)
const origin = `http://127.0.0.1:${port}`

interface KindFigures {
  warmInvokeMs: number
  coldInvokeMs: number
  coldRecordWallMs: number
  initDurationMs: number
}

interface PageResults {
  samples: number
  batch: number
  postMessageRoundTripMs: number
  kinds: Partial<Record<'quickjs' | 'webworker', KindFigures>>
  error?: string
}

function rows(results: PageResults): string[][] {
  const floor = results.postMessageRoundTripMs
  const out = [['bare postMessage round trip to a worker', `${floor.toFixed(3)} ms`, 'the floor']]
  const names = { webworker: 'Web Worker', quickjs: 'QuickJS worker' } as const
  for (const kind of ['webworker', 'quickjs'] as const) {
    const figures = results.kinds[kind]
    if (!figures) {
      out.push([`${names[kind]} host`, 'n/a', 'not in this build'])
      continue
    }
    out.push(
      [
        `${names[kind]}: warm invocation, page → host → page`,
        `${figures.warmInvokeMs.toFixed(3)} ms`,
        `${(figures.warmInvokeMs / floor).toFixed(1)}× the round trip`,
      ],
      [
        `${names[kind]}: cold start (new environment, INIT, invocation)`,
        `${figures.coldInvokeMs.toFixed(2)} ms`,
        `host's own wall ${figures.coldRecordWallMs.toFixed(2)} ms, Init Duration ${figures.initDurationMs.toFixed(2)} ms`,
      ],
    )
  }
  return out
}

/**
 * The responsiveness goal, measured rather than asserted in a test (the machine is
 * shared): the whole self-test (contract and hostile cases, both kinds) runs while the page
 * watches its main thread with the Long Tasks API and animation-frame gaps.
 */
async function mainThreadDuringSelfTest(
  browser: Awaited<ReturnType<typeof launchChromium>>,
): Promise<{ longestMs: number; failed: number; where: string }> {
  const page = await browser.newPage()
  try {
    await page.goto(`${origin}/selftest.html`)
    const status = page.locator('[data-testid="selftest-status"][data-state="done"]')
    await status.waitFor({ timeout: 600_000 })
    const longest = page.getByTestId('selftest-longest-task')
    return {
      longestMs: Number(await longest.getAttribute('data-ms')),
      failed: await page.locator('[data-testid="selftest-case"][data-result="fail"]').count(),
      where: (await longest.innerText()).replace(/\s+/g, ' ').trim(),
    }
  } finally {
    await page.close()
  }
}

async function main(): Promise<void> {
  buildUnlessAsked()
  const server = await startPreview(port)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.goto(`${origin}/selftest.html?bench`)
    const result = page.locator('[data-testid="bench-result"][data-state="done"]')
    await result.waitFor({ timeout: 600_000 })
    const results = JSON.parse(await result.innerText()) as PageResults
    if (results.error) throw new Error(`the bench page failed: ${results.error}`)
    const mainThread = await mainThreadDuringSelfTest(browser)
    const table = [
      ...rows(results),
      [
        'longest main-thread task while the self-test runs (both kinds)',
        `${mainThread.longestMs.toFixed(0)} ms`,
        `goal ≤ 50 ms; ${mainThread.failed} failed case(s); ${mainThread.where}`,
      ],
    ]
    for (const [name, value, note] of table)
      console.log(`${name!.padEnd(64)} ${value!.padStart(10)}  ${note}`)
    mkdirSync(join(root, 'bench/results'), { recursive: true })
    writeFileSync(
      join(root, 'bench/results/webworker.json'),
      JSON.stringify({ ...results, mainThread }, null, 2),
    )
  } finally {
    await browser.close()
    server.kill()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
