import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { createFunctionHost } from '../function-host'
import { deployed, disposeHosts, invoked, response } from '../testing'
import { nodeWasmSource } from './load-quickjs-node'
import { QuickJSEnvironment } from './quickjs-environment'

afterEach(async () => {
  vi.restoreAllMocks()
  expect(await disposeHosts()).toBe(0)
})

const REPORTS_ITSELF = `const t0 = performance.now()
export const handler = async (event, context) => ({
  stream: context.logStreamName,
  envStream: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
  region: process.env.AWS_REGION,
  // performance.now() counts from the environment's opening, not from the spare's making.
  startsNearZero: t0 >= 0 && t0 < 1000,
  originIsNow: Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 2,
})`

describe('the function host’s spare sandbox', () => {
  it('a cold start opens the spare made after the deploy, configured for its own environment', async () => {
    const opened = vi.spyOn(QuickJSEnvironment, 'openPrepared')
    const built = vi.spyOn(QuickJSEnvironment, 'create')
    const host = await deployed(REPORTS_ITSELF)
    await host.spareReady()
    const record = await invoked(host)
    const seen = response(record) as Record<string, unknown>
    expect([opened.mock.calls.length, built.mock.calls.length, record.cold]).toEqual([1, 0, true])
    expect(seen).toEqual({
      stream: seen['envStream'],
      envStream: expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/),
      region: 'us-east-1',
      startsNearZero: true,
      originIsNow: true,
    })
  })

  it('after a cold start the next spare is made; the second environment opens it', async () => {
    const opened = vi.spyOn(QuickJSEnvironment, 'openPrepared')
    const host = await deployed(REPORTS_ITSELF)
    const first = await invoked(host)
    await host.resetEnvironments()
    await host.spareReady()
    const second = await invoked(host)
    const streams = [first, second].map((r) => (response(r) as { stream: string }).stream)
    expect([second.environmentId, second.cold, opened.mock.calls.length]).toEqual([2, true, 2])
    expect(streams[0]).not.toBe(streams[1])
  })

  it('a spare made for another memory size is dropped on redeploy, never opened', async () => {
    const opened = vi.spyOn(QuickJSEnvironment, 'openPrepared')
    const host = await deployed('export const handler = async () => 1')
    await host.spareReady()
    await host.deploy({
      config: { ...defaultFunctionConfig(), memoryMB: 512 },
      code: 'export const handler = async () => 2',
      language: 'javascript',
    })
    await host.spareReady()
    const record = await invoked(host)
    expect([record.memorySizeMB, response(record), opened.mock.calls.length]).toEqual([512, 2, 1])
  })

  it('with spare: false every cold start builds its sandbox on the spot, with the same results', async () => {
    const opened = vi.spyOn(QuickJSEnvironment, 'openPrepared')
    const host = createFunctionHost({ wasm: nodeWasmSource, seed: 7, spare: false })
    await host.deploy({
      config: defaultFunctionConfig(),
      code: 'export const handler = async () => 1',
      language: 'javascript',
    })
    const record = await invoked(host)
    expect([record.cold, response(record), opened.mock.calls.length]).toEqual([true, 1, 0])
    await host.dispose()
  })
})
