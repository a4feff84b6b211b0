import { readFile } from 'node:fs/promises'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { formatUsd } from '../cli/format'
import { createSimulation, parseScenario } from '../src/core'

/** The Platform view as a person drives it: view tab, presets, run controls, fields. */
class PlatformPage {
  readonly play: Locator
  readonly pause: Locator
  readonly speed: Locator
  readonly clock: Locator
  readonly status: Locator
  readonly tiles: Locator
  readonly throttles: Locator
  readonly why: Locator
  readonly billing: Locator
  readonly step: Locator

  constructor(readonly page: Page) {
    this.play = page.getByTestId('play-button')
    this.pause = page.getByTestId('pause-button')
    this.speed = page.getByTestId('speed-select')
    this.clock = page.getByTestId('sim-clock')
    this.status = page.getByTestId('run-status')
    this.tiles = page.getByTestId('env-view').getByTestId('env-tile')
    this.throttles = page.getByTestId('count-throttles')
    this.why = page.getByTestId('why-panel')
    this.billing = page.getByTestId('billing-total')
    this.step = page.getByTestId('step-button')
  }

  /** Opens the app fresh and switches to the Platform view, loaded and paused at 0:00:00. */
  async open(): Promise<void> {
    await this.page.goto('/')
    await this.page.evaluate(() => localStorage.clear())
    await this.page.reload()
    await this.page.getByTestId('view-platform').click()
    await expect(this.status).toHaveText('Paused')
    await expect(this.clock).toHaveText('0:00:00.000')
  }

  async choosePreset(name: string): Promise<void> {
    await this.page.getByTestId(`preset-${name}`).check()
  }

  /** Virtual seconds on the clock. */
  async seconds(): Promise<number> {
    const [h, m, s] = (await this.clock.innerText()).split(':').map(Number)
    return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)
  }

  async count(locator: Locator): Promise<number> {
    return Number((await locator.innerText()).replace(/,/g, ''))
  }
}

/** What `npm run simulate` reports for the scenario: the core run headless in Node. */
function cliTotal(scenarioJson: string): number {
  const parsed = parseScenario(JSON.parse(scenarioJson))
  if (!parsed.ok) throw new Error(`the saved scenario does not parse: ${JSON.stringify(parsed)}`)
  const simulation = createSimulation(parsed.scenario)
  simulation.run()
  return simulation.report().billing.usd.total
}

test.describe('the Platform view', () => {
  test('a spike makes environments appear, the clock advance and concurrency rise', async ({
    page,
  }) => {
    const app = new PlatformPage(page)
    await app.open()
    await app.choosePreset('spike')
    await expect(page.getByTestId('modeled-note')).toContainText('691 ms at 128 MB')
    // 60×: the ten-minute scenario takes ten seconds, time enough to pause inside the spike.
    await app.speed.selectOption('60')
    await app.play.click()
    await expect(app.status).toHaveText('Running')
    await expect(app.tiles.first()).toBeVisible()
    // The spike starts at 0:03:20 and lasts 100 s: wait for the clock to pass into it.
    await expect.poll(() => app.seconds(), { timeout: 20_000 }).toBeGreaterThan(230)
    await app.pause.click()
    await expect(app.status).toHaveText('Paused')
    // A frame already computing when Pause was pressed still lands (a few ms at most).
    await page.waitForTimeout(200)
    const paused = await app.seconds()
    // Ten times the base rate needs many more environments than the base rate alone.
    expect(await app.tiles.count()).toBeGreaterThan(40)
    await expect(page.locator('[data-testid="env-tile"][data-state="busy"]').first()).toBeVisible()
    const peak = Number(await page.getByTestId('chart-concurrency').getAttribute('data-peak'))
    expect(peak).toBeGreaterThan(40)
    // Paused means paused: the clock stays where it stopped.
    await page.waitForTimeout(300)
    expect(await app.seconds()).toBe(paused)
  })

  test('lowering reserved concurrency mid-run throttles, and "Why?" says so', async ({ page }) => {
    const app = new PlatformPage(page)
    await app.open()
    await app.choosePreset('steady')
    await app.speed.selectOption('60')
    await app.play.click()
    await expect.poll(() => app.seconds(), { timeout: 20_000 }).toBeGreaterThan(20)
    expect(await app.count(app.throttles)).toBe(0)
    await page.getByTestId('reserved-input').fill('3')
    await expect.poll(() => app.count(app.throttles), { timeout: 20_000 }).toBeGreaterThan(0)
    await expect(app.why).toContainText('throttled: reserved concurrency 3 was in use')
    await expect(page.getByTestId('platform-log-panel')).toContainText('REPORT RequestId')
  })

  test('the timeline shows each environment’s invocations; hovering one names it', async ({
    page,
  }) => {
    const app = new PlatformPage(page)
    await app.open()
    await page.getByTestId('chart-tab-timeline').click()
    await app.speed.selectOption('10')
    await app.play.click()
    await expect.poll(() => app.seconds(), { timeout: 20_000 }).toBeGreaterThan(5)
    await app.pause.click()
    const box = await page.getByTestId('timeline').boundingBox()
    expect(box).not.toBeNull()
    const caption = page.getByTestId('timeline-caption')
    // Sweep the first lane from right to left until the pointer is over a bar.
    for (let x = (box?.width ?? 0) - 8; x > 60; x -= 6) {
      await page.mouse.move((box?.x ?? 0) + x, (box?.y ?? 0) + 5)
      if (/ run /.test(await caption.innerText())) break
    }
    await expect(caption).toHaveText(
      /^[0-9a-f-]{36} at 0:00:\d\d\.\d{3}: (INIT \d+ ms, )?run \d+ ms, success$/,
    )
  })

  const billingCases = [
    { preset: 'spike', seed: '42', speed: '3600', async: false, errors: '0' },
    // Asynchronous with errors: retries are billed too. At "Max" the frames are uneven chunks.
    { preset: 'poisson', seed: '7', speed: 'Infinity', async: true, errors: '10' },
  ]
  for (const c of billingCases) {
    test(`the bill at the end equals the CLI total for the saved scenario (${c.preset}, seed ${c.seed}, ${c.async ? 'async' : 'sync'})`, async ({
      page,
    }) => {
      const app = new PlatformPage(page)
      await app.open()
      await app.choosePreset(c.preset)
      await page.getByTestId('seed-input').fill(c.seed)
      await page.getByTestId('error-rate-input').fill(c.errors)
      if (c.async) await page.getByTestId('invocation-type-select').selectOption('Event')
      await app.speed.selectOption(c.speed)
      await app.play.click()
      await expect(app.status).toHaveText('Finished', { timeout: 30_000 })
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('scenario-save').click(),
      ])
      const saved = await readFile(await download.path(), 'utf8')
      expect(JSON.parse(saved)).toMatchObject({
        seed: Number(c.seed),
        traffic: [{ arrivals: { kind: c.preset } }],
      })
      const expected = cliTotal(saved)
      expect(expected).toBeGreaterThan(0)
      expect(Number(await app.billing.getAttribute('data-usd'))).toBe(expected)
      await expect(app.billing).toHaveText(formatUsd(expected))
    })
  }

  test('opening a saved scenario file restores the workspace', async ({ page }) => {
    const app = new PlatformPage(page)
    await app.open()
    await app.choosePreset('step')
    await page.getByTestId('rate-input').fill('7')
    await page.getByTestId('seed-input').fill('5')
    await page.getByTestId('reserved-input').fill('9')
    await page.getByTestId('pf-memory-input').fill('256')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('scenario-save').click(),
    ])
    const saved = await readFile(await download.path(), 'utf8')

    await app.open()
    await expect(page.getByTestId('preset-spike')).toBeChecked()
    await page.getByTestId('scenario-open').setInputFiles({
      name: 'saved.json',
      mimeType: 'application/json',
      buffer: Buffer.from(saved),
    })
    await expect(page.getByTestId('scenario-opened')).toHaveText('Opened saved.json.')
    await expect(page.getByTestId('preset-step')).toBeChecked()
    await expect(page.getByTestId('rate-input')).toHaveValue('7')
    await expect(page.getByTestId('seed-input')).toHaveValue('5')
    await expect(page.getByTestId('reserved-input')).toHaveValue('9')
    await expect(page.getByTestId('pf-memory-input')).toHaveValue('256')
    expect(`${await page.getByTestId('scenario-json').inputValue()}\n`).toBe(saved)
    await expect(app.status).toHaveText('Paused')
    await expect(app.clock).toHaveText('0:00:00.000')

    // A file Lambda would refuse is refused with the field and the rule, and changes nothing.
    await page.getByTestId('scenario-open').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"version":1,"functions":[{"name":"api","memoryMB":64}]}'),
    })
    await expect(page.getByTestId('platform-errors')).toContainText(
      'broken.json: functions[0].memoryMB',
    )
    await expect(page.getByTestId('rate-input')).toHaveValue('7')
  })

  for (const theme of ['light', 'dark'] as const) {
    test(`mid-run, the view has no serious accessibility violations (${theme})`, async ({
      page,
    }) => {
      const app = new PlatformPage(page)
      await app.open()
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click()
      await app.speed.selectOption('600')
      await app.play.click()
      await expect(app.tiles.first()).toBeVisible()
      await app.pause.click()
      const results = await new AxeBuilder({ page }).analyze()
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      expect(serious).toEqual([])
    })
  }

  test('the run is keyboard-operable: Space plays and pauses, Enter on Step fires one event', async ({
    page,
  }) => {
    const app = new PlatformPage(page)
    await app.open()
    await app.step.focus()
    await page.keyboard.press('Enter')
    await expect(app.clock).not.toHaveText('0:00:00.000')
    await expect(page.getByTestId('count-requests')).toHaveText('1')
    await page.locator('body').click({ position: { x: 5, y: 700 } })
    await page.keyboard.press('Space')
    await expect(app.status).toHaveText('Running')
    await page.keyboard.press('Space')
    await expect(app.status).toHaveText('Paused')
  })

  test('the run survives a visit to the Function view, and a memory change there applies', async ({
    page,
  }) => {
    const app = new PlatformPage(page)
    await app.open()
    await app.play.click()
    await expect.poll(() => app.seconds(), { timeout: 20_000 }).toBeGreaterThan(30)
    await app.pause.click()
    await expect(app.status).toHaveText('Paused')
    await page.waitForTimeout(200)
    const paused = await app.clock.innerText()
    await page.getByTestId('view-function').click()
    await expect(page.getByTestId('invoke-button')).toBeVisible()
    await expect(page.getByTestId('code-editor').locator('.view-lines')).toBeVisible()
    await page.getByTestId('memory-input').fill('256')
    await page.getByTestId('view-platform').click()
    await expect(app.clock).toHaveText(paused)
    await expect(page.getByTestId('modeled-note')).toContainText('346 ms at 256 MB')
    // A value Lambda would refuse is kept in the field, named, and not applied.
    await page.getByTestId('pf-memory-input').fill('20000')
    await expect(page.getByTestId('pf-memory-input-error')).toContainText(
      'Memory must be a whole number from 128 to 10,240; the run keeps 256.',
    )
    await page.getByTestId('pf-memory-input').fill('256')
    await expect(page.getByTestId('pf-memory-input-error')).toHaveCount(0)
    // Applied at the current virtual time: the environments now run with 256 MB (hover names it).
    await app.tiles.first().hover()
    await expect(app.tiles.first()).toHaveAttribute('title', /256 MB/)
  })
})
