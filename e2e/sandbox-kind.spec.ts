import { expect, test } from '@playwright/test'
import { PlaygroundPage } from './pages/playground-page'

/** CPU-bound work: an interpreter and a JIT differ by an order of magnitude on it. */
const busyHandler = `let count = 0
export const handler = async () => {
  count += 1
  let sum = 0
  for (let i = 0; i < 3_000_000; i++) sum = (sum + i * i) % 1_000_003
  return { count, sum }
}
`

const durationIn = (report: string): number => Number(/\tDuration: ([\d.]+) ms/.exec(report)?.[1])

test.describe('choosing the sandbox kind', () => {
  test('the same function runs in QuickJS and in a Web Worker, and the REPORT lines show the difference', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await app.setCode(busyHandler)
    const sandbox = page.getByTestId('sandbox-select')
    await expect(sandbox).toHaveValue('quickjs')

    await app.invoke(1)
    await expect(app.result).toContainText('Succeeded')
    await expect(app.result.getByTestId('result-sandbox')).toContainText('QuickJS')
    const quickjsReport = (await app.logs.getByText(/^REPORT RequestId/).textContent()) ?? ''
    const quickjsBody = await app.result.getByTestId('result-body').textContent()

    // Switching kind is a new deployment: a cold start in a fresh environment, same answer.
    await sandbox.selectOption('webworker')
    await app.invoke(2)
    await expect(app.result).toContainText('Succeeded')
    await expect(app.result).toContainText('cold start')
    await expect(app.result.getByTestId('result-sandbox')).toContainText('Web Worker')
    await expect(app.result.getByTestId('result-body')).toHaveText(quickjsBody ?? '')
    const workerReport = (await app.logs.getByText(/^REPORT RequestId/).textContent()) ?? ''
    expect(workerReport).toMatch(/Init Duration: [\d.]+ ms/)

    // Native speed: the loop takes a fraction of the interpreter's time.
    expect(durationIn(workerReport)).toBeGreaterThan(0)
    expect(durationIn(workerReport)).toBeLessThan(durationIn(quickjsReport) / 3)

    // Warm in the Web Worker: module state kept.
    await app.invoke(3)
    await expect(app.result).toContainText('warm')
    await expect(app.result.getByTestId('result-body')).toContainText('"count": 2')

    // The choice is part of the project: it survives a reload.
    await page.reload()
    await app.waitForEditors()
    await expect(page.getByTestId('sandbox-select')).toHaveValue('webworker')
  })

  test('a Web Worker environment that loops forever is terminated at the timeout', async ({
    page,
  }) => {
    const app = new PlaygroundPage(page)
    await app.openFresh()
    await page.getByTestId('sandbox-select').selectOption('webworker')
    await app.setNumber(app.timeout, 2)
    await app.setCode('export const handler = async () => {\n  while (true) {}\n}\n')
    await app.invoke(1)
    await expect(app.result).toContainText('Sandbox.Timedout')
    await expect(app.result).toContainText('Task timed out after 2.00 seconds')
    await expect(app.result).toContainText('the next invocation is a cold start')

    await app.setCode('export const handler = async () => typeof window + "/" + typeof fetch\n')
    await app.invoke(2)
    await expect(app.result).toContainText('cold start')
    await expect(app.result.getByTestId('result-body')).toHaveText('"undefined/undefined"')
  })
})
