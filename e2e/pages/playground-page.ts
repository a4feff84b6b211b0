import { expect, type Locator, type Page } from '@playwright/test'

/** The playground as a person drives it: through its editors, fields and buttons. */
export class PlaygroundPage {
  readonly codeEditor: Locator
  readonly eventEditor: Locator
  readonly invokeButton: Locator
  readonly newEnvironmentButton: Locator
  readonly result: Locator
  readonly logs: Locator
  readonly memory: Locator
  readonly timeout: Locator
  readonly history: Locator
  readonly historyTab: Locator

  constructor(readonly page: Page) {
    this.codeEditor = page.getByTestId('code-editor')
    this.eventEditor = page.getByTestId('event-editor')
    this.invokeButton = page.getByTestId('invoke-button')
    this.newEnvironmentButton = page.getByTestId('new-environment-button')
    this.result = page.getByTestId('result-panel')
    this.logs = page.getByTestId('log-panel')
    this.memory = page.getByTestId('memory-input')
    this.timeout = page.getByTestId('timeout-input')
    this.history = page.getByTestId('invocation-history')
    this.historyTab = page.getByTestId('history-tab')
  }

  /** Opens the app with nothing saved from earlier tests. */
  async openFresh(): Promise<void> {
    await this.page.goto('/')
    await this.page.evaluate(() => localStorage.clear())
    await this.page.reload()
    await this.waitForEditors()
  }

  async waitForEditors(): Promise<void> {
    await expect(this.codeEditor.locator('.view-lines')).toBeVisible()
    await expect(this.eventEditor.locator('.view-lines')).toBeVisible()
  }

  /**
   * Replaces the editor's whole text by select-all and paste, as a person pastes code (typing it
   * would let the editor auto-close brackets and auto-indent).
   */
  async replaceText(editor: Locator, text: string): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await this.page.evaluate((value) => navigator.clipboard.writeText(value), text)
    // Into the text at the editor's first visible line, past the line numbers (the middle of a
    // long text may be scrolled out of a short editor).
    await editor.click({ position: { x: 90, y: 10 } })
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.page.keyboard.press('ControlOrMeta+V')
    await expect(editor.locator('.view-lines')).toContainText(firstLine(text))
  }

  async setCode(code: string): Promise<void> {
    await this.replaceText(this.codeEditor, code)
  }

  async setEvent(json: string): Promise<void> {
    await this.replaceText(this.eventEditor, json)
  }

  /** Clicks Invoke and waits for invocation `n` (1-based) of the session to be shown. */
  async invoke(n: number): Promise<void> {
    await this.invokeButton.click()
    await this.waitForInvocation(n)
  }

  async waitForInvocation(n: number, timeout = 20_000): Promise<void> {
    await expect(this.historyTab).toHaveText(`Invocations (${n})`, { timeout })
    await expect(this.invokeButton).toBeEnabled({ timeout })
  }

  async setNumber(field: Locator, value: number): Promise<void> {
    await field.fill(String(value))
  }
}

/** The first non-blank line, as Monaco renders it (spaces become non-breaking). */
function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '')
    .trim()
    .replaceAll(' ', '\u00a0')
}
