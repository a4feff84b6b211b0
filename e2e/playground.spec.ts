import { expect, test } from '@playwright/test'
import { PlaygroundPage } from './pages/playground-page'

const counterHandler = `let count = 0
export const handler = async (event, context) => {
  count += 1
  console.log('count is', count)
  return { count, name: event.name, fn: context.functionName }
}
`

test.describe('a handler in a Lambda-like environment', () => {
  test('cold start, then a warm invocation that keeps module state', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setCode(counterHandler)
    await app.setEvent('{ "name": "workshop" }')

    await app.invoke(1)
    await expect(app.result).toContainText('Succeeded')
    await expect(app.result).toContainText('cold start')
    await expect(app.result.getByTestId('result-body')).toContainText('"count": 1')
    await expect(app.result.getByTestId('result-body')).toContainText('"name": "workshop"')
    await expect(app.logs).toContainText(/START RequestId: [0-9a-f-]{36} Version: \$LATEST/)
    await expect(app.logs).toContainText(/\tINFO\tcount is 1/)
    await expect(app.logs).toContainText(
      /REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms/,
    )

    // The keyboard shortcut invokes again: same environment, warm, counter advanced.
    await app.codeEditor.locator('.view-lines').click()
    await page.keyboard.press('ControlOrMeta+Enter')
    await app.waitForInvocation(2)
    await expect(app.result).toContainText('warm')
    await expect(app.result.getByTestId('result-environment')).toContainText('#1')
    await expect(app.result.getByTestId('result-body')).toContainText('"count": 2')
    await expect(app.logs).toContainText('REPORT RequestId:')
    await expect(app.logs).not.toContainText('Init Duration')

    // A fresh environment: cold again, state gone.
    await app.newEnvironmentButton.click()
    await app.invoke(3)
    await expect(app.result).toContainText('cold start')
    await expect(app.result.getByTestId('result-environment')).toContainText('#2')
    await expect(app.result.getByTestId('result-body')).toContainText('"count": 1')
  })

  test('an infinite loop is cut at the timeout while the page stays responsive', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setNumber(app.timeout, 2)
    await app.setCode('export const handler = async () => {\n  while (true) {}\n}\n')
    await app.invokeButton.click()

    // While the sandbox spins, the page still answers: a frame renders and a field takes input,
    // all before the invocation ends.
    await expect(app.invokeButton).toHaveText(/Invoking/)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
    await app.memory.fill('256')
    await expect(app.memory).toHaveValue('256')
    await expect(app.invokeButton).toHaveText(/Invoking/)

    await app.waitForInvocation(1)
    await expect(app.result).toContainText('Sandbox.Timedout')
    await expect(app.result).toContainText('Task timed out after 2.00 seconds')
    await expect(app.logs).toContainText(/Task timed out after 2\.00 seconds/)
    await expect(app.result).toContainText('the next invocation is a cold start')

    await app.setCode('export const handler = async () => "recovered"\n')
    await app.invoke(2)
    await expect(app.result).toContainText('cold start')
    await expect(app.result.getByTestId('result-body')).toContainText('"recovered"')
  })

  test('a syntax error is reported as Runtime.UserCodeSyntaxError and marked in the editor', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    const broken = 'export const handler = async (event) => {\n  return { ok: true\n}\n'
    await app.setCode(broken)
    await app.invoke(1)
    await expect(app.result).toContainText('Runtime.UserCodeSyntaxError')
    await expect(app.codeEditor.locator('.squiggly-error').first()).toBeVisible()
    // The code is still there, untouched.
    await expect(app.codeEditor).toContainText('return { ok: true')
  })

  test('an invalid test event is refused inline and nothing is invoked', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setEvent('{\n  "key1": "value1"\n  "key2": 2\n}')
    await expect(page.getByTestId('event-error')).toContainText('line 3, column 3')
    await app.invokeButton.click()
    await expect(page.getByTestId('event-error')).toContainText('Not invoked')
    await expect(app.historyTab).toHaveText('Invocations (0)')
  })

  test('values outside Lambda limits are refused with the limit named', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setNumber(app.memory, 20000)
    await expect(page.getByRole('alert').first()).toContainText('less than or equal to 10240')
    await app.invoke(1)
    await expect(app.result).toContainText('InvalidParameterValueException')
    await app.setNumber(app.memory, 512)
    await expect(page.locator('.config-errors')).toHaveCount(0)
  })

  test('code, configuration and saved events survive a reload', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setCode('// kept across reloads\nexport const handler = async (event) => event\n')
    await app.setNumber(app.memory, 1024)
    await app.setEvent('{ "saved": true }')
    await page.getByRole('button', { name: 'Save…' }).click()
    await page.getByLabel('Name of the saved event').fill('my-event')
    await page.getByRole('button', { name: 'Save', exact: true }).click()

    await page.reload()
    await app.waitForEditors()
    await expect(app.codeEditor).toContainText('kept across reloads')
    await expect(app.memory).toHaveValue('1024')
    await page.getByTestId('event-template-select').selectOption({ label: 'Hello world' })
    await expect(app.eventEditor).toContainText('key1')
    await page.getByTestId('event-template-select').selectOption({ label: 'my-event' })
    await expect(app.eventEditor).toContainText('"saved": true')
    await app.invoke(1)
    await expect(app.result.getByTestId('result-body')).toContainText('"saved": true')
  })

  test('allocating past the configured memory kills the environment with Runtime.OutOfMemory', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setCode(
      'export const handler = async () => {\n  const keep = []\n  for (;;) keep.push(new Array(100000).fill(keep.length))\n}\n',
    )
    await app.invoke(1)
    await expect(app.result).toContainText('Runtime.OutOfMemory')
    await expect(app.result).toContainText('Error: Runtime exited with error: signal: killed')
    await expect(app.logs).toContainText('Max Memory Used: 128 MB')
    await expect(app.result).toContainText('the next invocation is a cold start')
  })

  test('the editor knows Lambda types: a misspelt event property is flagged', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await page.getByRole('radio', { name: 'TypeScript' }).click()
    await app.setCode(
      [
        "import type { APIGatewayProxyEventV2 as Event } from 'aws-lambda'",
        'export const handler = async (event: Event) => event.rawPathh',
        '',
      ].join('\n'),
    )
    const squiggle = app.codeEditor.locator('.squiggly-error')
    await expect(squiggle).toHaveCount(1, { timeout: 30_000 })
    // Hovering the underlined word shows the TypeScript service's message.
    const box = await squiggle.boundingBox()
    if (!box) throw new Error('the squiggle has no box')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await expect(page.locator('.monaco-hover').first()).toContainText(
      "Property 'rawPathh' does not exist on type 'APIGatewayProxyEventV2'",
    )
  })

  test('a TypeScript handler runs with its types stripped', async ({ page }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await page.getByRole('radio', { name: 'TypeScript' }).click()
    await app.setCode(
      [
        "import type { Context } from 'aws-lambda'",
        'interface Input { name: string }',
        'export const handler = async (event: Input, context: Context): Promise<string> => {',
        '  return `hello ${event.name} from ${context.functionName}`',
        '}',
        '',
      ].join('\n'),
    )
    await app.setEvent('{ "name": "ts" }')
    await app.invoke(1)
    await expect(app.result.getByTestId('result-body')).toContainText('hello ts from my-function')
  })

  test('nothing is fetched from anywhere but the app itself', async ({ page }) => {
    const foreign: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (
        !['127.0.0.1', 'localhost'].includes(url.hostname) &&
        !['blob:', 'data:'].includes(url.protocol)
      ) {
        foreign.push(request.url())
      }
    })
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.invoke(1)
    await expect(app.result).toContainText('Succeeded')
    expect(foreign).toEqual([])
  })
})
