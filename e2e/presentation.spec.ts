import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

/** Serious and critical violations only (Monaco's own DOM excluded, as in accessibility.spec). */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

/** Opens the app with nothing saved, once the editors have loaded (axe reads a settled page). */
async function openFresh(page: Page) {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await expect(page.getByTestId('code-editor').locator('.view-lines')).toBeVisible()
  await expect(page.getByTestId('event-editor').locator('.view-lines')).toBeVisible()
}

const presenting = (page: Page) =>
  page.evaluate(() => document.documentElement.hasAttribute('data-presentation'))

const bodyFontPx = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

test.describe('presentation mode', () => {
  test('Alt+P and the header toggle switch it in the Function view, in both themes', async ({
    page,
  }) => {
    await openFresh(page)
    const toggle = page.getByTestId('presentation-toggle')
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await page.keyboard.press('Alt+KeyP')
    await expect(toggle).toHaveAttribute('aria-pressed', 'true')
    expect(await presenting(page)).toBe(true)
    expect(await bodyFontPx(page, '[data-testid="result-panel"]')).toBeGreaterThan(19.5)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click()
    expect(await seriousViolations(page)).toEqual([])
    // Remembered across a reload, and off again from the keyboard on the focused toggle.
    await page.reload()
    expect(await presenting(page)).toBe(true)
    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    expect(await presenting(page)).toBe(false)
  })

  test('the Platform view presents the bill: monthly projection, free tier, editable fleet', async ({
    page,
  }) => {
    await openFresh(page)
    await page.getByTestId('view-platform').click()
    await expect(page.getByTestId('run-status')).toHaveText('Paused')
    await page.getByTestId('presentation-toggle').click()
    expect(await presenting(page)).toBe(true)
    expect(await bodyFontPx(page, '.pf-counter dt')).toBeGreaterThan(19.5)
    expect(await bodyFontPx(page, '[data-testid="billing-total"]')).toBeGreaterThan(30)

    await page.getByTestId('free-tier-checkbox').check()
    await page.getByTestId('speed-select').selectOption('60')
    await page.getByTestId('play-button').click()
    await expect(page.getByTestId('billing-monthly')).toContainText('per month at this rate')
    await expect(page.getByTestId('billing-free-tier')).toContainText('of 1,000,000 requests')
    await expect(page.getByTestId('billing-free-tier')).toContainText('of 400,000 GB-s')
    await page.getByTestId('pause-button').click()
    await expect(page.getByTestId('run-status')).toHaveText('Paused')
    const monthly = Number(await page.getByTestId('billing-monthly').getAttribute('data-usd'))
    expect(monthly).toBeGreaterThanOrEqual(0)

    // The fleet follows the instance type and the edited price, and remembers both.
    const fleetUsd = page.getByTestId('fleet-span-usd')
    await page.getByTestId('fleet-instance').selectOption('m7g.large')
    await expect(page.getByTestId('fleet-price')).toHaveValue('0.0816')
    const before = await fleetUsd.innerText()
    await page.getByTestId('fleet-price').fill('1.5')
    await expect(fleetUsd).not.toHaveText(before)
    await expect(page.getByTestId('fleet-compare')).toContainText(
      'm7g.large (2 vCPU, 8 GiB) at $1.5000/h',
    )

    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click()
    expect(await seriousViolations(page)).toEqual([])

    await page.reload()
    await page.getByTestId('view-platform').click()
    await page.getByTestId('step-button').click()
    await expect(page.getByTestId('fleet-instance')).toHaveValue('m7g.large')
    await expect(page.getByTestId('fleet-price')).toHaveValue('1.5')
  })
})
