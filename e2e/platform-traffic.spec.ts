import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { clockSeconds, openPlatform } from './pages/platform'

/** Plays until the clock passes `second`, then pauses (a frame in flight may still land). */
async function runPast(page: Page, second: number) {
  await page.getByTestId('play-button').click()
  await expect.poll(() => clockSeconds(page), { timeout: 30_000 }).toBeGreaterThan(second)
  await page.getByTestId('pause-button').click()
  await expect(page.getByTestId('run-status')).toHaveText('Paused')
  await page.waitForTimeout(200)
}

const peakConcurrency = async (page: Page) =>
  Number(await page.getByTestId('chart-concurrency').getAttribute('data-peak'))

/** The spike of the brief: 300/s from 1:00 for 30 s over the default 20/s. */
async function setSpike(page: Page) {
  await page.getByTestId('preset-spike').check()
  await page.getByTestId('spike-peak-input').fill('300')
  await page.getByTestId('spike-start-input').fill('60')
  await page.getByTestId('spike-duration-input').fill('30')
}

async function save(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('scenario-save').click(),
  ])
  return readFile(await download.path(), 'utf8')
}

test.describe('traffic presets and their parameters', () => {
  test('a spike of 300/s at 1:00 for 30 s: the preview follows, concurrency rises after 1:00', async ({
    page,
  }) => {
    await openPlatform(page)
    const preview = page.getByTestId('traffic-preview')
    await page.getByTestId('preset-spike').check()
    await expect(preview).toHaveAttribute('data-peak', '200')
    const before = await preview.locator('path').getAttribute('d')
    await setSpike(page)
    await expect(page.getByTestId('preset-description')).toHaveText(
      '20/s, then 300/s from 60 s for 30 s',
    )
    await expect(preview).toHaveAttribute('data-peak', '300')
    await expect(preview).toContainText('peak 300/s')
    expect(await preview.locator('path').getAttribute('d')).not.toBe(before)
    // Only the chosen preset's fields are shown.
    await expect(page.getByTestId('burst-count-input')).toHaveCount(0)
    await expect(page.getByTestId('diurnal-amplitude-input')).toHaveCount(0)

    // 10× up to the spike (a pause lands a little late on a busy machine), then 60× through it.
    await page.getByTestId('speed-select').selectOption('10')
    await runPast(page, 20)
    expect(await clockSeconds(page)).toBeLessThan(60)
    // 20/s × 691 ms at 128 MB: some 14 invocations at once before the spike.
    const calm = await peakConcurrency(page)
    expect(calm).toBeGreaterThan(0)
    expect(calm).toBeLessThan(60)
    await page.getByTestId('speed-select').selectOption('60')
    await runPast(page, 80)
    // 300/s × 691 ms: some 200 at once inside the spike.
    expect(await peakConcurrency(page)).toBeGreaterThan(120)
    expect(await page.getByTestId('env-view').getByTestId('env-tile').count()).toBeGreaterThan(120)
  })

  test('a value the core refuses shows its reason and the run keeps the old one', async ({
    page,
  }) => {
    await openPlatform(page)
    await setSpike(page)
    const peak = page.getByTestId('spike-peak-input')
    await peak.fill('300000')
    await expect(page.getByTestId('spike-peak-input-error')).toHaveText(
      'Not applied: Peak: 300000 is above the maximum of 100,000 requests/s; use a number 0–100,000 requests/s. The run keeps 300.',
    )
    await expect(peak).toHaveAttribute('aria-invalid', 'true')
    await expect(peak).toHaveValue('300000')
    await expect(page.getByTestId('traffic-preview')).toHaveAttribute('data-peak', '300')
    // Emptied: the core says what is missing.
    await page.getByTestId('spike-duration-input').fill('')
    await expect(page.getByTestId('spike-duration-input-error')).toContainText(
      'Not applied: Peak for: missing; add a number above 0 s. The run keeps 30.',
    )
    const saved = JSON.parse(await save(page))
    expect(saved.traffic[0].arrivals).toEqual({
      kind: 'spike',
      baseRatePerSecond: 20,
      spikeRatePerSecond: 300,
      spikeStartSecond: 60,
      spikeDurationSeconds: 30,
    })
    await peak.fill('250')
    await expect(page.getByTestId('spike-peak-input-error')).toHaveCount(0)
    await expect(page.getByTestId('traffic-preview')).toHaveAttribute('data-peak', '250')

    // Steps must rise; a burst after the end of the run is refused by the length.
    await page.getByTestId('preset-step').check()
    await page.getByTestId('step-at-2').fill('100')
    await expect(page.getByTestId('step-at-2-error')).toContainText(
      "Not applied: Step 3 from: 100 is not after the previous step's 200",
    )
    await page.getByTestId('preset-burst').check()
    await page.getByTestId('length-input').fill('100')
    await expect(page.getByTestId('length-input-error')).toContainText(
      'Not applied: Length: atSecond 150 is at or after the end of the run (durationSeconds 100)',
    )
    await expect(page.getByTestId('traffic-preview')).toContainText('600 s')
  })

  test('changing a parameter mid-run waits for a reset', async ({ page }) => {
    await openPlatform(page)
    await page.getByTestId('speed-select').selectOption('60')
    await runPast(page, 5)
    const reset = page.getByTestId('reset-button')
    await expect(reset).toHaveText('↺ Reset')
    await page.getByTestId('spike-start-input').fill('30')
    await expect(reset).toHaveText('↺ Reset to apply')
    await reset.click()
    await expect(reset).toHaveText('↺ Reset')
    await expect(page.getByTestId('sim-clock')).toHaveText('0:00:00.000')
  })

  test('save, then open: each preset’s parameters come back', async ({ page }) => {
    await openPlatform(page)
    await page.getByTestId('preset-step').check()
    await page.getByTestId('step-add').click()
    await expect(page.getByTestId('step-row')).toHaveCount(4)
    await page.getByTestId('rate-input').fill('3')
    await page.getByTestId('step-at-3').fill('500')
    await page.getByTestId('step-rate-3').fill('120')
    await page.getByTestId('step-remove-1').click()
    await expect(page.getByTestId('preset-description')).toHaveText(
      '3/s from 0 s, 20/s from 400 s, 120/s from 500 s',
    )
    const steps = await save(page)

    await setSpike(page)
    const spike = await save(page)

    await openPlatform(page)
    const open = (name: string, text: string) =>
      page.getByTestId('scenario-open').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      })
    await open('steps.json', steps)
    await expect(page.getByTestId('scenario-opened')).toHaveText('Opened steps.json.')
    await expect(page.getByTestId('preset-step')).toBeChecked()
    await expect(page.getByTestId('step-row')).toHaveCount(3)
    await expect(page.getByTestId('rate-input')).toHaveValue('3')
    await expect(page.getByTestId('step-at-2')).toHaveValue('500')
    await expect(page.getByTestId('step-rate-2')).toHaveValue('120')

    await open('spike.json', spike)
    await expect(page.getByTestId('scenario-opened')).toHaveText('Opened spike.json.')
    await expect(page.getByTestId('preset-spike')).toBeChecked()
    await expect(page.getByTestId('spike-peak-input')).toHaveValue('300')
    await expect(page.getByTestId('spike-start-input')).toHaveValue('60')
    await expect(page.getByTestId('spike-duration-input')).toHaveValue('30')
    await expect(page.getByTestId('traffic-preview')).toHaveAttribute('data-peak', '300')
    expect(`${await page.getByTestId('scenario-json').inputValue()}\n`).toBe(spike)
  })

  for (const presenting of [false, true]) {
    test(`at 1366×768 the spike’s fields fit the settings column (presentation ${presenting ? 'on' : 'off'})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1366, height: 768 })
      await openPlatform(page)
      if (presenting) await page.keyboard.press('Alt+KeyP')
      await setSpike(page)
      const group = page.locator('fieldset.pf-group', { hasText: 'Traffic' }).first()
      const fits = () =>
        group.evaluate((el) =>
          [...el.querySelectorAll('input[type="number"], button')].every((input) => {
            const box = input.getBoundingClientRect()
            const outer = el.getBoundingClientRect()
            return box.width >= 30 && box.left >= outer.left && box.right <= outer.right + 0.5
          }),
        )
      const shots = process.env.E2E_SHOTS
      const shoot = async (name: string, testId: string) => {
        if (!shots) return
        const path = `${shots}/traffic-${name}-${presenting ? 'pm' : 'normal'}.png`
        // The settings column scrolls: the part in view, as a person sees it at this size.
        await page.getByTestId(testId).scrollIntoViewIfNeeded()
        await page.screenshot({ path })
      }
      expect(await fits()).toBe(true)
      await shoot('spike', 'length-input')
      // Five steps, one refused with its reason: still inside the column.
      await page.getByTestId('preset-step').check()
      await page.getByTestId('step-add').click()
      await page.getByTestId('step-add').click()
      await expect(page.getByTestId('step-add')).toBeDisabled()
      await page.getByTestId('step-at-2').fill('100')
      await expect(page.getByTestId('step-at-2-error')).toBeVisible()
      expect(await fits()).toBe(true)
      await shoot('steps', 'step-rate-1')
    })
  }
})
