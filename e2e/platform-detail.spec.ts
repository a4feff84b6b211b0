import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { clockSeconds, openPlatform } from './pages/platform'

/** Plays at `speed` until the clock passes `after` virtual seconds, then pauses. */
async function runUntil(page: Page, speed: string, after: number): Promise<void> {
  await page.getByTestId('speed-select').selectOption(speed)
  await page.getByTestId('play-button').click()
  await expect.poll(() => clockSeconds(page), { timeout: 30_000 }).toBeGreaterThan(after)
  await page.getByTestId('pause-button').click()
  await expect(page.getByTestId('run-status')).toHaveText('Paused')
}

/** Serious and critical accessibility violations on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const RequestId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

test.describe('the Platform view’s live details', () => {
  test('a timeline bar opens its invocation: request id, facts, log lines; Escape closes it', async ({
    page,
  }) => {
    await openPlatform(page)
    await page.getByTestId('preset-spike').check()
    await page.getByTestId('chart-tab-timeline').click()
    await runUntil(page, '60', 230)
    const timeline = page.getByTestId('timeline')
    const caption = page.getByTestId('timeline-caption')
    const box = await timeline.boundingBox()
    if (box === null) throw new Error('the timeline is not drawn')
    // Sweep the first lane from right to left until the pointer is over a bar, then click it.
    let hovered = ''
    for (let x = box.width - 8; x > 60 && hovered === ''; x -= 5) {
      await page.mouse.move(box.x + x, box.y + 8)
      const text = await caption.innerText()
      if (/ run /.test(text)) hovered = text
    }
    expect(hovered).toMatch(/^[0-9a-f-]{36} at \d:\d\d:\d\d\.\d{3}: (INIT \d+ ms, )?run /)
    // The timeline (a focusable canvas with its caption) passes axe too.
    expect(await seriousViolations(page)).toEqual([])
    await page.mouse.down()
    await page.mouse.up()

    const detail = page.getByTestId('invocation-detail')
    await expect(detail).toBeVisible()
    const requestId = await detail.getByTestId('invocation-request-id').innerText()
    expect(requestId).toMatch(RequestId)
    expect(hovered.startsWith(requestId)).toBe(true)
    const facts = detail.getByTestId('invocation-facts')
    await expect(facts).toContainText(/Environment#\d+/)
    await expect(facts).toContainText(/Billed duration\d+ ms/)
    await expect(facts).toContainText('Statussucceeded')
    // Its CloudWatch lines, from the worker's log store: START … END … REPORT, this request only.
    const logs = detail.getByTestId('invocation-logs')
    await expect(logs).toContainText(`START RequestId: ${requestId}`)
    await expect(logs).toContainText(`REPORT RequestId: ${requestId}`)
    const text = await logs.innerText()
    expect(text.indexOf('START')).toBeLessThan(text.indexOf('END RequestId'))
    expect(text.indexOf('END RequestId')).toBeLessThan(text.indexOf('REPORT'))
    expect(text.match(/RequestId: (\S+)/g)?.every((m) => m.endsWith(requestId))).toBe(true)
    expect(await seriousViolations(page)).toEqual([])

    await page.keyboard.press('Escape')
    await expect(detail).toHaveCount(0)
    // Focus is back on the timeline: the keyboard opens the focused bar with Enter.
    await expect(timeline).toBeFocused()
    await page.keyboard.press('ArrowLeft')
    await expect(caption).toHaveText(/^[0-9a-f-]{36} at /)
    await page.keyboard.press('Enter')
    await expect(detail).toBeVisible()
    await expect(detail.getByTestId('invocation-logs')).toContainText('REPORT RequestId: ')
    await detail.getByRole('button', { name: /Close/ }).click()
    await expect(detail).toHaveCount(0)
  })

  test('a cold start opened from the timeline says why it was cold', async ({ page }) => {
    await openPlatform(page)
    await page.getByTestId('preset-steady').check()
    await page.getByTestId('chart-tab-timeline').click()
    // One virtual second: every environment so far started cold, seconds ago.
    await runUntil(page, '1', 0.8)
    const timeline = page.getByTestId('timeline')
    await timeline.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('invocation-detail')
    await expect(detail.getByTestId('invocation-facts')).toContainText(
      /Startcold \(new environment, INIT \d+ ms\)/,
    )
    await expect(detail.getByTestId('invocation-why')).toContainText(
      /cold: no idle environment \(\d+ busy\) → new environment #\d+/,
    )
    await expect(detail.getByTestId('invocation-logs')).toContainText('Init Duration')
    await page.keyboard.press('Escape')
    await expect(detail).toHaveCount(0)
  })

  test('a failed invocation shows its status and error, as its log lines say', async ({ page }) => {
    await openPlatform(page)
    await page.getByTestId('preset-steady').check()
    await page.getByTestId('error-rate-input').fill('100')
    await page.getByTestId('chart-tab-timeline').click()
    await runUntil(page, '10', 3)
    await page.getByTestId('timeline').focus()
    await page.keyboard.press('Enter')
    const facts = page.getByTestId('invocation-detail').getByTestId('invocation-facts')
    await expect(facts).toContainText('Statusfunction error (the handler threw)')
    await expect(facts).toContainText('ErrorError: Modeled function error (errorRate)')
    await page.keyboard.press('Escape')
  })

  test('an async scenario draws the queue chart; a synchronous one says it has none', async ({
    page,
  }) => {
    await openPlatform(page)
    await page.getByTestId('chart-tab-async').click()
    await expect(page.getByTestId('chart-async-empty')).toContainText('No asynchronous traffic')
    await expect(page.getByTestId('chart-async')).toHaveAttribute('data-empty', 'true')

    await page.getByTestId('preset-steady').check()
    await page.getByTestId('invocation-type-select').selectOption('Event')
    // Reserved concurrency 3 against 20 events/s of 691 ms: the queue backs up.
    await page.getByTestId('reserved-input').fill('3')
    await runUntil(page, '60', 40)
    await expect(page.getByTestId('chart-async-empty')).toHaveCount(0)
    const chart = page.getByTestId('chart-async')
    await expect(chart).not.toHaveAttribute('data-empty', 'true')
    await expect(chart.locator('canvas')).toBeVisible()
    expect(Number(await chart.getAttribute('data-peak'))).toBeGreaterThan(50)
    await expect(page.getByTestId('chart-title')).toContainText('Async queue: events waiting')

    await page.getByTestId('chart-tab-cold').click()
    await expect(page.getByTestId('chart-title')).toContainText('sliding 10 s window')
    await expect(page.getByTestId('chart-cold').locator('canvas')).toBeVisible()
  })

  test('reclaimed environments stay visible for a moment, faded, as “reclaimed”', async ({
    page,
  }) => {
    await openPlatform(page)
    await page.getByTestId('preset-spike').check()
    await page.getByTestId('idle-lifetime-input').fill('1')
    await page.getByTestId('speed-select').selectOption('60')
    await page.getByTestId('play-button').click()
    // The spike's extra environments go idle at 5:00 and are reclaimed a minute later.
    const reclaimed = page.locator('[data-testid="env-tile"][data-state="reclaimed"]')
    await expect(reclaimed.first()).toBeAttached({ timeout: 30_000 })
    // It lasts a moment only: read it at once, as a pointer entering it would.
    const seen = await reclaimed.first().evaluate((el) => {
      el.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }))
      return { title: el.getAttribute('title'), opacity: Number(getComputedStyle(el).opacity) }
    })
    expect(seen.title).toMatch(
      /^Environment \d+: reclaimed · lived \d+ s · [\d,]+ invocations? served · memory 128 MB configured$/,
    )
    expect(seen.opacity).toBeLessThan(1)
    await expect(page.getByTestId('env-count-reclaimed')).toContainText(/reclaimed \d+/)
    await page.getByTestId('pause-button').click()
    // A live one tells its age, invocations served and memory.
    const live = page.locator('[data-testid="env-tile"][data-state="idle"]').first()
    await live.hover()
    await expect(live).toHaveAttribute(
      'title',
      /^Environment \d+: idle · age \d+ s · [\d,]+ invocations? served · memory 128 MB configured$/,
    )
    // Then it goes: a moment, not for good (even while paused).
    await expect(reclaimed).toHaveCount(0, { timeout: 5_000 })
  })

  test('presentation mode at 1366×768: larger type, and every panel keeps a readable height', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await openPlatform(page)
    await page.keyboard.press('Alt+KeyP')
    await expect(page.getByTestId('presentation-toggle')).toHaveAttribute('aria-pressed', 'true')
    await runUntil(page, '60', 215)
    const height = (testId: string) =>
      page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().height)
    // Several rows of tiles, a chart taller than its legend, several log lines.
    expect(await height('env-view')).toBeGreaterThan(100)
    expect(await height('chart-concurrency')).toBeGreaterThan(200)
    expect(await height('platform-log-panel')).toBeGreaterThan(150)
    // Run controls on one row: Play and Reset side by side.
    const play = await page.getByTestId('play-button').boundingBox()
    const reset = await page.getByRole('button', { name: /Reset/ }).boundingBox()
    expect(Math.abs((play?.y ?? 0) - (reset?.y ?? 100))).toBeLessThan(20)
    // Log lines: larger than on the desk, and no taller than their 20 px rows (no overlap).
    const row = page.getByTestId('log-row').first()
    await expect(row).toBeVisible()
    const font = await row.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(font).toBeGreaterThan(12)
    expect(font).toBeLessThanOrEqual(18)
    // The panels below the fold are reached by scrolling, not clipped.
    await page.getByTestId('why-panel').scrollIntoViewIfNeeded()
    await expect(page.getByTestId('why-panel')).toBeInViewport()
    expect(await seriousViolations(page)).toEqual([])
  })
})
