import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import type { FunctionConfig } from '../../core/lambda/function-config'
import type { InvocationRecord, InvokeRejection } from '../types'
import { vmFrame } from './vm-frame'
import type { TestFrame } from './vm-frame'
import { createWebWorkerFunctionHost } from './index'
import type { FunctionHost } from '../types'
import { MEMORY_NOTICE } from './webworker-host'

const hosts: FunctionHost[] = []
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose()
})

async function deployed(
  code: string,
  config: Partial<FunctionConfig> = {},
  frame = vmFrame(vm),
): Promise<{ host: FunctionHost; frame: TestFrame }> {
  const host = createWebWorkerFunctionHost({ seed: 11, graceMs: 50, frame: () => frame })
  hosts.push(host)
  await host.deploy({
    config: { ...defaultFunctionConfig(), timeoutSeconds: 1, ...config },
    code,
    language: 'javascript',
  })
  return { host, frame }
}

function record(outcome: InvocationRecord | InvokeRejection): InvocationRecord {
  if (outcome.status === 'rejected') throw new Error(JSON.stringify(outcome.error))
  return outcome
}

const COUNTER = `let n = 0
exports.handler = async (event, context) => {
  n++
  console.log('call', n, event)
  return { n, remaining: context.getRemainingTimeInMillis() }
}`

describe('Web Worker host (environments in vm contexts)', () => {
  it('cold start, then warm: module state survives, INIT only once, notice only first', async () => {
    const { host } = await deployed(COUNTER)
    const first = record(await host.invoke('{"a":1}'))
    const second = record(await host.invoke('{}'))
    expect([first.cold, second.cold]).toEqual([true, false])
    expect([first.responseJson, second.responseJson].map((r) => JSON.parse(r ?? '').n)).toEqual([
      1, 2,
    ])
    expect(first.environmentId).toBe(second.environmentId)
    expect(first.sandbox).toBe('webworker')
    expect(first.initDurationMs).toBeGreaterThanOrEqual(0)
    expect(first.notices).toEqual([MEMORY_NOTICE])
    expect(second.notices).toBeUndefined()
    const report = second.logLines.at(-1)
    expect(report).toMatch(
      /^REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\t$/,
    )
    expect(second.logLines[1]).toMatch(/\tINFO\tcall 2 \{\}$/)
    expect(await host.environments()).toMatchObject([{ environmentId: 1, invocations: 2 }])
  })

  it('a 2 s setTimeout costs 2 s of virtual Duration, and the clock inside moves with it', async () => {
    const { host } = await deployed(
      `exports.handler = async () => {
        const t = Date.now()
        await new Promise((r) => setTimeout(r, 2000))
        return Date.now() - t
      }`,
      { timeoutSeconds: 5 },
    )
    const r = record(await host.invoke('{}'))
    const waited = Number(r.responseJson)
    expect(waited).toBeGreaterThanOrEqual(2000)
    expect(r.durationMs).toBeGreaterThanOrEqual(2000)
    expect(r.durationMs).toBeLessThan(5000)
  })

  it('a timer past the deadline is a timeout: Lambda message, environment gone, next is cold', async () => {
    const { host } = await deployed(
      'exports.handler = async () => new Promise((r) => setTimeout(r, 5000))',
    )
    const r = record(await host.invoke('{}'))
    expect(r.error?.errorType).toBe('Sandbox.Timedout')
    expect(r.error?.errorMessage).toMatch(/Task timed out after 1\.00 seconds$/)
    expect(r.durationMs).toBe(1000)
    expect(r.environmentDiscarded).toBe('timeout')
    expect(r.logLines.at(-1)).toMatch(/Task timed out after 1\.00 seconds$/)
    expect(record(await host.invoke('{}')).cold).toBe(true)
  })

  it('a busy loop that ends past the deadline is cut at the deadline when its segment ends', async () => {
    const { host } = await deployed(
      `exports.handler = async () => { const t = Date.now(); while (Date.now() - t < 1200) {} return 1 }`,
    )
    const r = record(await host.invoke('{}'))
    expect([r.error?.errorType, r.durationMs, r.environmentDiscarded]).toEqual([
      'Sandbox.Timedout',
      1000,
      'timeout',
    ])
  })

  it('a worker that never answers is terminated by the watchdog and reported as a timeout', async () => {
    const frame = vmFrame(vm)
    const { host } = await deployed(COUNTER, {}, frame)
    record(await host.invoke('{}'))
    frame.mute(1)
    const r = record(await host.invoke('{}'))
    expect([r.error?.errorType, r.durationMs, r.environmentDiscarded]).toEqual([
      'Sandbox.Timedout',
      1000,
      'timeout',
    ])
    const next = record(await host.invoke('{}'))
    expect([next.cold, next.environmentId, frame.spawned]).toEqual([true, 2, 3])
  })

  it('a worker that dies mid-invocation is a crash record in Lambda words', async () => {
    const frame = vmFrame(vm)
    const { host } = await deployed('exports.handler = () => new Promise(() => {})', {}, frame)
    const pending = host.invoke('{}')
    setTimeout(() => frame.kill(1), 50)
    const r = record(await pending)
    expect(r.error?.errorType).toBe('Runtime.ExitError')
    expect(r.error?.errorMessage).toMatch(
      /^RequestId: \S+ Error: Runtime exited with error: signal: killed$/,
    )
    expect(r.environmentDiscarded).toBe('crash')
  })

  it('callback style responds once the loop is empty', async () => {
    const { host } = await deployed(
      `exports.handler = (event, context, callback) => {
        setTimeout(() => console.log('later'), 300)
        callback(null, { ok: true })
      }`,
    )
    const r = record(await host.invoke('{}'))
    expect(r.responseJson).toBe('{"ok":true}')
    expect(r.durationMs).toBeGreaterThanOrEqual(300)
    expect(r.logLines.some((l) => l.endsWith('\tINFO\tlater'))).toBe(true)
  })

  it('process.exit ends the runtime: Runtime.ExitError, the exit line, environment discarded', async () => {
    const { host } = await deployed('exports.handler = async () => { process.exit(3) }')
    const r = record(await host.invoke('{}'))
    expect(r.error?.errorMessage).toMatch(/Runtime exited with error: exit status 3$/)
    expect(r.logLines.at(-1)).toMatch(
      /Runtime exited with error: exit status 3\nRuntime.ExitError$/,
    )
    expect(r.environmentDiscarded).toBe('crash')
  })

  it('INIT errors: missing module, missing handler, top-level throw', async () => {
    const missing = record(
      await (
        await deployed('const x = require("left-pad")\nexports.handler = 1')
      ).host.invoke('{}'),
    )
    expect(missing.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(missing.error?.errorMessage).toMatch(/^Error: Cannot find module 'left-pad'/)
    const noHandler = record(await (await deployed('exports.other = 1')).host.invoke('{}'))
    expect(noHandler.error?.errorMessage).toBe('index.handler is undefined or not exported')
    expect(noHandler.logLines[0]).toMatch(/\tundefined\tERROR\tUncaught Exception \t\{/)
    const thrown = record(await (await deployed('throw new TypeError("bad")')).host.invoke('{}'))
    expect([thrown.error?.errorType, thrown.error?.errorMessage]).toEqual(['TypeError', 'bad'])
    expect(thrown.error?.trace?.[1]).toMatch(
      /^ {4}at Object\.<anonymous> \(\/var\/task\/index\.js:1:7\)$/,
    )
  })

  it('a syntax error is Runtime.UserCodeSyntaxError with V8 wording and the line', async () => {
    const { host } = await deployed('exports.handler = async () => {\n  return 1 +\n}\n')
    const r = record(await host.invoke('{}'))
    expect(r.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(r.error?.errorMessage).toBe("SyntaxError: Unexpected token '}'")
    expect(r.error?.trace?.[1]).toBe('    at /var/task/index.js:3')
  })

  it('a console flood is cut at the log cap with the visible notice', async () => {
    const { host } = await deployed(
      `exports.handler = async () => { for (let i = 0; i < 50000; i++) console.log('line ' + i + ' '.repeat(40)); return 1 }`,
    )
    const r = record(await host.invoke('{}'))
    const notice = r.logLines.find((l) => l.includes('[playground] log output truncated'))
    expect(notice).toBeDefined()
    expect(r.logLines.length).toBeLessThan(10_000)
    expect(r.responseJson).toBe('1')
  })

  it('a response over 6 MB fails with Function.ResponseSizeTooLarge', async () => {
    const { host } = await deployed('exports.handler = async () => "é".repeat(3.5e6)')
    const r = record(await host.invoke('{}'))
    expect(r.error?.errorType).toBe('Function.ResponseSizeTooLarge')
    expect(r.error?.errorMessage).toContain('(7000002 bytes)')
  })

  it('checks the request and the configuration before any environment runs', async () => {
    const { host, frame } = await deployed(COUNTER)
    const bad = await host.invoke('{nope')
    expect(bad.status === 'rejected' && bad.error.errorType).toBe('InvalidRequestContentException')
    await host.deploy({
      config: { ...defaultFunctionConfig(), memoryMB: 64 },
      code: COUNTER,
      language: 'javascript',
    })
    const refused = await host.invoke('{}')
    expect(refused.status === 'rejected' && refused.error.errorType).toBe(
      'InvalidParameterValueException',
    )
    expect(frame.spawned).toBe(1)
  })

  it('a new deployment discards the environments: the next call is cold and sees the new code', async () => {
    const { host } = await deployed(COUNTER)
    record(await host.invoke('{}'))
    await host.deploy({
      config: { ...defaultFunctionConfig(), timeoutSeconds: 1 },
      code: 'exports.handler = async () => "v2"',
      language: 'javascript',
    })
    const r = record(await host.invoke('{}'))
    expect([r.cold, r.responseJson, r.notices]).toEqual([true, '"v2"', [MEMORY_NOTICE]])
    await host.resetEnvironments()
    expect(await host.environments()).toEqual([])
  })
})
