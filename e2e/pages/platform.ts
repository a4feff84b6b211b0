import { expect, type Page } from '@playwright/test'

/** Opens the app fresh (nothing saved) on the Platform view, loaded and paused at 0:00:00. */
export async function openPlatform(page: Page): Promise<void> {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await page.getByTestId('view-platform').click()
  await expect(page.getByTestId('run-status')).toHaveText('Paused')
}

/** Virtual seconds on the run's clock. */
export async function clockSeconds(page: Page): Promise<number> {
  const [h, m, s] = (await page.getByTestId('sim-clock').innerText()).split(':').map(Number)
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)
}
