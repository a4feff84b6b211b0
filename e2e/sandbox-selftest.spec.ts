import { expect, test } from '@playwright/test'
import { SELFTEST_CHANNEL, browserHostileCases } from '../src/sandboxes/hostile/browser-cases'
import type { InvocationRecord } from '../src/sandboxes/types'

// The sandbox self-test page runs the contract and the browser's hostile battery on every kind
// of execution environment, in this Chromium, with the main thread watched. Each row must pass
// (or be skipped with its reason); the longest main-thread task is printed (the benchmark holds
// the 50 ms goal).

const KINDS = ['quickjs', 'webworker'] as const

test('sandbox self-test: every case passes on every kind', async ({ page }) => {
  test.setTimeout(300_000)
  await page.goto('/selftest.html')
  const status = page.getByTestId('selftest-status')
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 280_000 })

  const rows = page.getByTestId('selftest-case')
  const seen = await rows.evaluateAll((elements) =>
    elements.map((row) => ({
      kind: row.getAttribute('data-kind'),
      id: row.getAttribute('data-id'),
      result: row.getAttribute('data-result'),
      detail: row.querySelector('.selftest-detail')?.textContent ?? '',
    })),
  )
  for (const kind of KINDS) {
    const mine = seen.filter((row) => row.kind === kind)
    console.log(
      `${kind}: ${mine.filter((r) => r.result === 'pass').length} passed, ${mine.filter((r) => r.result === 'fail').length} failed, ${mine.filter((r) => r.result === 'skip').length} skipped`,
    )
    expect(mine.length, `${kind} ran no case`).toBeGreaterThan(0)
  }
  const failures = seen.filter((row) => row.result !== 'pass' && row.result !== 'skip')
  expect(failures, 'rows that did not pass').toEqual([])

  // The 50 ms goal is a speed target: `npm run bench -- webworker` measures it (a tight timed
  // assertion here would fail on a busy machine, not on a slow sandbox). What must hold here is
  // that no sandbox froze the page: a freeze lasts the whole timeout of its case (1 s or more).
  const longest = page.getByTestId('selftest-longest-task')
  const ms = Number(await longest.getAttribute('data-ms'))
  console.log(`longest main-thread task: ${ms} ms: ${await longest.innerText()}`)
  expect(ms).toBeLessThan(1000)
})

test('?kinds=quickjs runs only the QuickJS kind; Run again runs it again', async ({ page }) => {
  test.setTimeout(360_000)
  await page.goto('/selftest.html?kinds=quickjs')
  // The first row is enough to see which kinds run; no need to wait for the whole battery.
  const rows = page.getByTestId('selftest-case')
  await expect(rows.first()).toBeVisible({ timeout: 60_000 })
  await expect(page.locator('[data-testid="selftest-case"][data-kind="webworker"]')).toHaveCount(0)
  await expect(page.getByTestId('selftest-status')).toHaveAttribute('data-state', 'done', {
    timeout: 170_000,
  })
  await expect(page.locator('[data-testid="selftest-case"][data-kind="webworker"]')).toHaveCount(0)
  const rowCount = await rows.count()

  // "Run again" starts over with fresh hosts and ends with the same rows.
  await page.getByRole('button', { name: 'Run again' }).click()
  await expect(page.getByRole('button', { name: 'Run again' })).toBeDisabled()
  await expect(page.getByTestId('selftest-status')).toHaveAttribute('data-state', 'done', {
    timeout: 170_000,
  })
  await expect(rows).toHaveCount(rowCount)
  await expect(page.locator('[data-testid="selftest-case"][data-result="fail"]')).toHaveCount(0)
})

// The control: the same hostile handlers run unsandboxed, in the page itself, must be caught.
// This shows the reach checks can fail on a route that works, not just pass when all are gone.
test('the reach checks catch each route when the handler runs in the page itself', async ({
  page,
}) => {
  await page.goto('/selftest.html?kinds=none')
  const origin = new URL(page.url()).origin
  const app = { origin, script: `${origin}/favicon.svg` }
  const reach = browserHostileCases(app).filter((c) => c.group === 'hostile: reach')
  for (const c of reach) {
    const { responseJson, broadcasts } = await page.evaluate(
      async ({ code, channel }) => {
        const received: unknown[] = []
        const listener = new BroadcastChannel(channel)
        listener.onmessage = (message) => received.push(message.data)
        const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))
        const module = (await import(url)) as { handler(event: unknown): Promise<unknown> }
        const result = JSON.stringify(await module.handler({ hostile: true }))
        await new Promise((resolve) => setTimeout(resolve, 200))
        listener.close()
        return { responseJson: result, broadcasts: received }
      },
      { code: c.code, channel: SELFTEST_CHANNEL },
    )
    const record = { status: 'succeeded', responseJson } as InvocationRecord
    const failure = c.check([record], { broadcasts })
    console.log(`${c.id} unsandboxed: ${failure}`)
    expect(failure, c.id).toMatch(/^(reached: |the page received)/)
  }
})
