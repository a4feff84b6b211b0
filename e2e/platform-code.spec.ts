import { readFile } from 'node:fs/promises'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { runScenario } from '../cli/run-scenario'
import { parseScenario } from '../src/core'
import { PlaygroundPage } from './pages/playground-page'
import { clockSeconds } from './pages/platform'

/** A handler whose module-level counter shows warm reuse, with a console line of its own. */
const handler = `let served = 0

export const handler = async (event) => {
  served += 1
  console.log('hello from my handler, call', served)
  return { statusCode: 200, body: JSON.stringify({ served, name: event.name ?? null }) }
}
`

/** Writes the handler and the test event in the Function tab, then opens the Platform view. */
async function withHandler(page: Page): Promise<void> {
  const playground = new PlaygroundPage(page)
  await playground.openFresh()
  await playground.setCode(handler)
  await playground.setEvent('{ "name": "e2e" }')
  await page.getByTestId('view-platform').click()
  await expect(page.getByTestId('run-status')).toHaveText('Paused')
}

/** Steady traffic, then "my handler" on (the run reloads with the code at 0:00:00). */
async function steadyWithCode(page: Page, rate: number, seconds: number): Promise<void> {
  await page.getByTestId('preset-steady').check()
  await page.getByTestId('rate-input').fill(String(rate))
  await page.getByTestId('length-input').fill(String(seconds))
  await page.getByTestId('run-mode-handler').check()
  await expect(page.getByTestId('modeled-note')).toContainText('Your handler runs')
  await expect(page.getByTestId('run-status')).toHaveText('Paused')
  await expect(page.getByTestId('scenario-json')).toHaveValue(/hello from my handler/)
}

test.describe('the Platform view runs my handler', () => {
  test('its console lines and cold starts in the logs; one request sent by hand answers', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await withHandler(page)
    await steadyWithCode(page, 5, 600)
    await page.getByTestId('speed-select').selectOption('10')
    await page.getByTestId('play-button').click()
    await expect.poll(() => clockSeconds(page), { timeout: 30_000 }).toBeGreaterThan(20)

    // The handler's own line, formatted by the runtime (timestamp, request id, INFO).
    const panel = page.getByTestId('platform-log-panel')
    await expect(panel).toContainText('hello from my handler, call')
    await page.screenshot({ path: test.info().outputPath('platform-code-1366x768.png') })
    await page.getByTestId('pause-button').click()

    const rows = panel.getByTestId('log-row')
    await page.getByTestId('log-filter-text').fill('hello from my handler')
    await expect(rows.first()).toContainText(/INFO\s+hello from my handler, call \d+/)
    await page.getByTestId('log-filter-text').fill('')
    await page.getByTestId('log-filter-cold').check()
    await expect(panel).toContainText(/Init Duration: \d+\.\d\d ms/)
    await page.getByTestId('log-filter-cold').uncheck()

    // Paused: the request starts now; steps take it to its end.
    await page.getByTestId('send-now-button').click()
    const result = page.getByTestId('send-result')
    await expect(result).toBeVisible()
    for (let i = 0; i < 20; i++) {
      if ((await page.getByTestId('send-status').innerText()).startsWith('200 OK')) break
      await page.getByTestId('step-button').click()
    }
    await expect(page.getByTestId('send-status')).toContainText('200 OK')
    const response = JSON.parse(await page.getByTestId('send-response').innerText()) as {
      statusCode: number
      body: string
    }
    expect(response.statusCode).toBe(200)
    // Warm: the environment's counter kept counting; the test event reached the handler.
    const body = JSON.parse(response.body) as { served: number; name: string }
    expect(body.name).toBe('e2e')
    expect(body.served).toBeGreaterThan(1)
    await expect(page.getByTestId('send-lines')).toContainText('hello from my handler, call')
    await expect(page.getByTestId('send-lines')).toContainText('REPORT RequestId')
    await page.screenshot({ path: test.info().outputPath('send-result-1366x768.png') })

    // The run-mode choice and the open result pass axe like the rest of the view.
    const axe = await new AxeBuilder({ page }).include('[data-testid="platform-view"]').analyze()
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([])
  })

  test('while playing, a request sent by hand answers; a broken handler shows its errors', async ({
    page,
  }) => {
    await withHandler(page)
    await steadyWithCode(page, 2, 600)
    await page.getByTestId('speed-select').selectOption('1')
    await page.getByTestId('play-button').click()
    await page.getByTestId('send-now-button').click()
    await expect(page.getByTestId('send-status')).toContainText('200 OK', { timeout: 20_000 })
    await page.getByTestId('pause-button').click()

    // A handler that throws: every invocation is an error, with the runtime's ERROR line.
    await page.getByTestId('view-function').click()
    await new PlaygroundPage(page).setCode(
      "export const handler = async () => { throw new Error('boom from my handler') }\n",
    )
    await page.getByTestId('view-platform').click()
    await page.getByTestId('reset-button').click()
    await expect(page.getByTestId('sim-clock')).toHaveText('0:00:00.000')
    await page.getByTestId('speed-select').selectOption('60')
    await page.getByTestId('play-button').click()
    await expect
      .poll(async () => Number(await page.getByTestId('count-errors').innerText()), {
        timeout: 20_000,
      })
      .toBeGreaterThan(3)
    await expect(page.getByTestId('platform-log-panel')).toContainText('boom from my handler')
  })

  test('a saved scenario carries the code; the CLI counts the same for the same seed', async ({
    page,
  }) => {
    await withHandler(page)
    await page.getByTestId('pf-memory-input').fill('1769')
    await steadyWithCode(page, 1, 30)
    await page.getByTestId('speed-select').selectOption('Infinity')
    await page.getByTestId('play-button').click()
    await expect(page.getByTestId('run-status')).toHaveText('Finished', { timeout: 30_000 })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('scenario-save').click(),
    ])
    const file = test.info().outputPath('saved-scenario.json')
    await download.saveAs(file)
    const saved = JSON.parse(await readFile(file, 'utf8')) as unknown
    const parsed = parseScenario(saved)
    if (!parsed.ok) throw new Error('the saved scenario does not parse')
    expect(parsed.scenario.functions[0]?.code).toContain('hello from my handler')
    const cli = await runScenario(parsed.scenario)
    expect(cli.realCode).toEqual(['my-function'])
    const count = async (id: string) => Number(await page.getByTestId(id).innerText())
    expect({
      invocations: await count('count-invocations'),
      coldStarts: await count('count-cold'),
      errors: await count('count-errors'),
    }).toEqual({
      invocations: cli.report.invocations,
      coldStarts: cli.report.coldStarts,
      errors: cli.report.errors,
    })
    expect(cli.report).toMatchObject({ invocations: 30, coldStarts: 1, errors: 0 })
  })
})
