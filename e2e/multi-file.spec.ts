import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { PlaygroundPage } from './pages/playground-page'

const lib = `export function greet(name) {
  return 'hello ' + name
}
`

const handler = `import { greet } from './lib.js'
export const handler = async (event) => {
  return { message: greet(event.name) }
}
`

/** Serious and critical axe violations outside Monaco's own widget. */
async function serious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test.describe('a function made of several files', () => {
  test('add lib.js, import it from the handler, invoke; a reload keeps both files', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    const tabs = page.getByTestId('file-tab')
    await expect(tabs).toHaveText(['index.mjs'])

    // A bad name is refused inline, with the reason; a good one opens the new file's tab.
    await page.getByTestId('add-file-button').click()
    const nameField = page.getByTestId('file-name-input')
    await nameField.fill('../lib.js')
    await expect(page.getByTestId('file-name-problem')).toHaveText(
      "A file name cannot contain '.' or '..' segments.",
    )
    await page.getByTestId('file-name-submit').click()
    await expect(tabs).toHaveText(['index.mjs'])
    await nameField.fill('lib.js')
    await expect(page.getByTestId('file-name-problem')).toHaveText('')
    await nameField.press('Enter')
    await expect(tabs).toHaveText(['index.mjs', 'lib.js'])
    await expect(tabs.nth(1)).toHaveAttribute('aria-current', 'true')

    await app.setCode(lib)
    await tabs.nth(0).click()
    await app.setCode(handler)
    await app.setEvent('{ "name": "workshop" }')
    await app.invoke(1)
    await expect(app.result).toContainText('Succeeded')
    await expect(app.result.getByTestId('result-body')).toContainText('"message": "hello workshop"')

    // Deleting asks first; keeping it loses nothing.
    await tabs.nth(1).click()
    await page.getByRole('button', { name: 'Delete lib.js' }).click()
    await expect(page.getByRole('alertdialog')).toContainText('Delete lib.js')
    await page.getByRole('button', { name: 'Keep it' }).click()
    await expect(tabs).toHaveText(['index.mjs', 'lib.js'])

    await page.reload()
    await app.waitForEditors()
    await expect(tabs).toHaveText(['index.mjs', 'lib.js'])
    await expect(app.codeEditor.locator('.view-lines')).toContainText('greet')
    await tabs.nth(1).click()
    await expect(app.codeEditor.locator('.view-lines')).toContainText("return\u00a0'hello\u00a0'")
    await app.invoke(1)
    await expect(app.result.getByTestId('result-body')).toContainText('"message": "hello workshop"')
  })

  test('a missing file is an ImportModuleError with Node’s message', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setCode("import { x } from './nope.js'\nexport const handler = async () => x\n")
    await app.invoke(1)
    await expect(app.result).toContainText('Runtime.ImportModuleError')
    await expect(app.result).toContainText(
      "Cannot find module '/var/task/nope.js' imported from /var/task/index.mjs",
    )
  })

  test('tabs, the name field with its reason and the delete question are accessible', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await page.getByTestId('add-file-button').click()
    await page.getByTestId('file-name-input').fill('utils/format.ts')
    await page.getByTestId('file-name-input').press('Enter')
    await page.getByRole('button', { name: 'Rename utils/format.ts' }).click()
    await page.getByTestId('file-name-input').fill('index.js')
    await expect(page.getByTestId('file-name-problem')).toContainText('clash')
    expect(await serious(page)).toEqual([])
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('button', { name: 'Delete utils/format.ts' }).click()
    expect(await serious(page)).toEqual([])
    await page.getByTestId('confirm-delete-file').click()
    await expect(page.getByTestId('file-tab')).toHaveText(['index.mjs'])
  })
})
