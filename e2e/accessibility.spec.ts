import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { PlaygroundPage } from './pages/playground-page'

/** Serious and critical violations only: what blocks a keyboard or screen-reader user. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    // Monaco's own DOM is a third-party widget with its own accessibility mode.
    .exclude('.monaco-editor')
    .analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    )
}

test.describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the workspace has no serious violations (${theme} theme, after an invocation)`, async ({
      page,
    }) => {
      const app = new PlaygroundPage(page)
      await app.openFresh()
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click()
      await app.invoke(1)
      await expect(app.result).toContainText('Succeeded')
      expect(await seriousViolations(page)).toEqual([])
      await page.getByTestId('history-tab').click()
      expect(await seriousViolations(page)).toEqual([])
    })
  }

  test('every control is reachable and usable from the keyboard', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.invokeButton.focus()
    await page.keyboard.press('Enter')
    await app.waitForInvocation(1)
    await app.newEnvironmentButton.focus()
    await page.keyboard.press('Enter')
    await expect(app.newEnvironmentButton).toContainText('next: cold')
    await app.memory.focus()
    await page.keyboard.press('ArrowUp')
    await expect(app.memory).toHaveValue('129')
  })
})
