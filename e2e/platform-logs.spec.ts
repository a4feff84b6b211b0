import { expect, test, type Page } from '@playwright/test'
import { openPlatform } from './pages/platform'

/** Lines that match the current filter, as the count above the list says. */
async function lineCount(page: Page): Promise<number> {
  const text = await page.getByTestId('log-count').innerText()
  return Number(/^([\d,]+) line/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

test.describe('the Platform view’s logs', () => {
  test('filters by level, by a request id read off a line, and to cold starts only', async ({
    page,
  }) => {
    await openPlatform(page)
    await page.getByTestId('preset-steady').check()
    await page.getByTestId('error-rate-input').fill('20')
    await page.getByTestId('speed-select').selectOption('60')
    await page.getByTestId('play-button').click()
    const clock = page.getByTestId('sim-clock')
    await expect
      .poll(async () => (await clock.innerText()) > '0:00:30', { timeout: 20_000 })
      .toBe(true)
    await page.getByTestId('pause-button').click()
    await expect(page.getByTestId('log-count')).toContainText('last 200,000 lines kept')
    const rows = page.getByTestId('platform-log-panel').getByTestId('log-row')
    await expect.poll(() => lineCount(page)).toBeGreaterThan(100)

    // ERROR: only the failed invocations' error lines remain.
    await page.getByTestId('log-filter-level').selectOption('ERROR')
    await expect(rows.first()).toContainText('Invoke Error')
    const levels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))
    expect(levels.length).toBeGreaterThan(0)
    expect(new Set(levels)).toEqual(new Set(['ERROR']))

    // The request id of a visible line: its invocation's lines, and nothing else.
    const id = UUID.exec(await rows.last().innerText())?.[0] ?? ''
    expect(id).not.toBe('')
    await page.getByTestId('log-filter-level').selectOption('')
    await page.getByTestId('log-filter-request').fill(id)
    await expect.poll(() => lineCount(page)).toBe(4)
    const lines = await rows.allInnerTexts()
    expect(lines.map((l) => l.split(/\s+/)[1])).toEqual([
      'START',
      expect.stringMatching(/^\d{4}-/),
      'END',
      'REPORT',
    ])
    expect(lines.every((l) => l.includes(id))).toBe(true)

    // Cold starts only: every line shown belongs to a cold invocation, REPORTs carry INIT.
    await page.getByTestId('log-filter-request').fill('')
    await page.getByTestId('log-filter-cold').check()
    await page.getByTestId('log-filter-text').fill('REPORT')
    await expect(rows.first()).toContainText('Init Duration')
    const cold = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-cold')))
    expect(new Set(cold)).toEqual(new Set(['true']))
    const reports = await rows.allInnerTexts()
    expect(reports.every((l) => l.includes('Init Duration'))).toBe(true)
  })

  test('scrolled far into a long run, the rows there render and only those', async ({ page }) => {
    await openPlatform(page)
    await page.getByTestId('preset-steady').check()
    await page.getByTestId('rate-input').fill('200')
    await page.getByTestId('speed-select').selectOption('Infinity')
    await page.getByTestId('play-button').click()
    await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 30_000 })
    // At Max speed some runs go by too fast to log (the view says how many), so the exact count
    // depends on the machine; the last pull alone brings 10,000 invocations, some 35,000 lines.
    await expect.poll(() => lineCount(page), { timeout: 10_000 }).toBeGreaterThan(20_000)
    const total = await lineCount(page)
    const panel = page.getByTestId('platform-log-panel')
    const rows = panel.getByTestId('log-row')
    // Following shows the tail; scrolling up stops following and reads the middle.
    await expect(page.getByTestId('log-follow')).toBeChecked()
    await panel.hover()
    await page.mouse.wheel(0, -400)
    await expect(page.getByTestId('log-follow')).not.toBeChecked()
    await panel.evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
    // The rows drawn are those around the scroll position, far from both ends.
    const inView = () =>
      panel.evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('[data-testid="log-row"]')].some((row) => {
          const top = parseFloat(row.style.top)
          return top >= el.scrollTop && top < el.scrollTop + el.clientHeight
        }),
      )
    await expect.poll(inView).toBe(true)
    expect(await panel.evaluate((el) => el.scrollTop / 20)).toBeGreaterThan(total / 4)
    await expect(rows.first()).toContainText(/RequestId: /)
    // Virtualized: a few dozen rows exist in the page, not tens of thousands.
    expect(await rows.count()).toBeLessThan(100)
    // The position is kept: a later query does not jump back to the tail.
    await page.waitForTimeout(600)
    expect(await panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    expect(await panel.evaluate((el) => el.scrollTop < el.scrollHeight / 2 + 100)).toBe(true)
  })
})
