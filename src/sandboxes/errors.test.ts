import { afterEach, describe, expect, it } from 'vitest'
import { Limits } from '../core/lambda/limits'
import { appLines, deployed, disposeHosts, invoked, rejected } from './testing'

// Every environment a test created must free cleanly: a leaked QuickJS handle fails the test.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

describe('init errors', () => {
  it('a syntax error: Runtime.UserCodeSyntaxError with the line, logged as Uncaught Exception during INIT', async () => {
    const host = await deployed('export const handler = async () => {\n  return 1 +\n}')
    const record = await invoked(host)
    expect(record.status).toBe('failed')
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.errorMessage).toMatch(/^SyntaxError: /)
    expect(record.error?.trace?.[1]).toMatch(/^ {4}at file:\/\/\/var\/task\/index\.mjs:3$/)
    const [requestId, level, message] = appLines(record)[0] ?? []
    expect([requestId, level]).toEqual(['undefined', 'ERROR'])
    expect(message).toMatch(/^Uncaught Exception \t\{"errorType":"Runtime\.UserCodeSyntaxError"/)
    expect(record.environmentDiscarded).toBe('crash')
    expect((await invoked(host)).cold).toBe(true)
  })

  it('a CommonJS syntax error names index.js', async () => {
    const host = await deployed('exports.handler = async () => {\n  return )\n}')
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.trace?.[1]).toBe('    at /var/task/index.js:2')
  })

  it('no such export: Runtime.HandlerNotFound', async () => {
    const host = await deployed('export const handle = async () => 1')
    expect((await invoked(host)).error).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    })
  })

  it('an ES module import: Runtime.ImportModuleError with Node message', async () => {
    const host = await deployed("import _ from 'lodash'\nexport const handler = async () => 1")
    expect((await invoked(host)).error).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage:
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'lodash' imported from /var/task/index.mjs",
    })
  })

  it('a CommonJS require: Runtime.ImportModuleError with the require stack', async () => {
    const host = await deployed("const aws = require('aws-sdk')\nexports.handler = async () => 1")
    expect((await invoked(host)).error).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage:
        "Error: Cannot find module 'aws-sdk'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs",
    })
  })

  it('a throw at top level fails INIT with that error', async () => {
    const host = await deployed(
      'throw new TypeError("no config")\nexport const handler = async () => 1',
    )
    const record = await invoked(host)
    expect(record.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'no config' })
    expect(appLines(record)[0]?.[2]).toMatch(/^Uncaught Exception \t\{"errorType":"TypeError"/)
  })

  it('INIT is cut at 10 s (virtual): a top-level 20 s wait times out', async () => {
    const host = await deployed(
      'await new Promise((r) => setTimeout(r, 20000))\nexport const handler = async () => 1',
    )
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('Sandbox.Timedout')
    expect(record.initDurationMs).toBeGreaterThanOrEqual(Limits.InitTimeoutMs)
    expect(record.environmentDiscarded).toBe('timeout')
  })
})

describe('handler errors', () => {
  it('a thrown error: its type, message and a Node-style trace, plus an Invoke Error log line', async () => {
    const host = await deployed(
      'export const handler = async () => {\n  throw new TypeError("boom")\n}',
    )
    const record = await invoked(host)
    expect(record.error).toEqual({
      errorType: 'TypeError',
      errorMessage: 'boom',
      // QuickJS places the column at the call's parenthesis, where V8 would say 2:9.
      trace: ['TypeError: boom', '    at Runtime.handler (file:///var/task/index.mjs:2:22)'],
    })
    expect(appLines(record)[0]).toEqual([
      record.requestId,
      'ERROR',
      'Invoke Error \t{"errorType":"TypeError","errorMessage":"boom","stack":["TypeError: boom","    at Runtime.handler (file:///var/task/index.mjs:2:22)"]}',
    ])
    expect(record.environmentDiscarded).toBeUndefined()
  })

  it('CommonJS traces point at /var/task/index.js with columns of the user code', async () => {
    const host = await deployed('exports.handler = async () => { throw new Error("x") }')
    const record = await invoked(host)
    // Columns are the user's, not shifted by Node's module wrapper (QuickJS: the call's `(`).
    expect(record.error?.trace?.[1]).toBe('    at /var/task/index.js:1:48')
  })

  it('a rejected promise with a non-Error value: errorType is its typeof', async () => {
    const host = await deployed('export const handler = () => Promise.reject("just a string")')
    expect((await invoked(host)).error).toEqual({
      errorType: 'string',
      errorMessage: 'just a string',
      trace: [],
    })
  })

  it('deep recursion: RangeError Maximum call stack size exceeded, 10 frames', async () => {
    const host = await deployed(
      'function f() { return f() + 1 }\nexport const handler = async () => f()',
    )
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('RangeError')
    expect(record.error?.errorMessage).toBe('Maximum call stack size exceeded')
    expect(record.error?.trace).toHaveLength(11)
    expect(record.environmentDiscarded).toBeUndefined()
  })

  it('an uncaught exception in a timer crashes the environment with that error', async () => {
    const host = await deployed(
      'exports.handler = (e, c, cb) => { setTimeout(() => { throw new Error("late") }, 10); cb(null, 1) }',
    )
    const record = await invoked(host)
    expect(record.error).toMatchObject({ errorType: 'Error', errorMessage: 'late' })
    expect(record.environmentDiscarded).toBe('crash')
  })

  it('process.exit(1) ends the runtime: Runtime.ExitError, environment discarded', async () => {
    const host = await deployed(
      'export const handler = async () => { try { process.exit(1) } catch {} return 1 }',
    )
    const record = await invoked(host)
    expect(record.error?.errorType).toBe('Runtime.ExitError')
    expect(record.error?.errorMessage).toBe(
      `RequestId: ${record.requestId} Error: Runtime exited with error: exit status 1`,
    )
    expect(record.environmentDiscarded).toBe('crash')
  })
})

describe('limits', () => {
  it('an infinite loop is cut at the timeout: Sandbox.Timedout, timeout line after REPORT, next invocation cold', async () => {
    const host = await deployed(
      'let n = 0\nexport const handler = async (event) => { n++; if (event.loop) while (true) {} return n }',
    )
    const record = await invoked(host, { loop: true })
    expect(record.error?.errorType).toBe('Sandbox.Timedout')
    expect(record.error?.errorMessage).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${record.requestId} Task timed out after 1\\.00 seconds$`,
      ),
    )
    expect(record.logLines.at(-2)).toMatch(/^REPORT /)
    expect(record.logLines.at(-1)).toBe(record.error?.errorMessage)
    expect(record.durationMs).toBeGreaterThanOrEqual(1000)
    expect(record.environmentDiscarded).toBe('timeout')
    const next = await invoked(host)
    expect([next.cold, next.responseJson]).toEqual([true, '1'])
  })

  it('a promise that never settles times out on the virtual clock at exactly the timeout', async () => {
    const host = await deployed('export const handler = () => new Promise(() => {})', {
      timeoutSeconds: 900,
    })
    const record = await invoked(host)
    expect(record.error?.errorMessage).toMatch(/Task timed out after 900\.00 seconds$/)
    expect(record.durationMs).toBe(900_000)
  })

  it('allocating past the memory: Runtime.OutOfMemory, Max Memory Used = Memory Size, even if the guest catches', async () => {
    const host = await deployed(
      `let n = 0
       export const handler = async (event) => {
         n++
         if (!event.hog) return n
         const keep = []
         for (;;) { try { keep.push(new Array(100000).fill(n)) } catch (e) {} }
       }`,
    )
    const record = await invoked(host, { hog: true })
    expect(record.error).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${record.requestId} Error: Runtime exited with error: signal: killed`,
    })
    expect(record.maxMemoryUsedMB).toBe(128)
    expect(record.logLines.find((l) => l.startsWith('REPORT'))).toContain('Max Memory Used: 128 MB')
    expect(record.environmentDiscarded).toBe('out-of-memory')
    const next = await invoked(host)
    expect([next.cold, next.responseJson]).toEqual([true, '1'])
  })

  it('a request over 6,291,456 bytes is refused before any environment sees it', async () => {
    const host = await deployed('export const handler = async () => 1')
    const body = JSON.stringify({ blob: 'x'.repeat(Limits.SyncRequestBytes) })
    const refusal = await rejected(host, body)
    expect(refusal.error.errorType).toBe('RequestEntityTooLargeException')
    expect(await host.environments()).toEqual([])
  })

  it('a response over 6 MB: Function.ResponseSizeTooLarge', async () => {
    // A non-async handler: after a large async result QuickJS's own JS_FreeRuntime can trip an
    // assertion (upstream quickjs-emscripten #269), which the leak check would take for ours.
    // A generous timeout: serializing 7 MB is tens of ms alone, but the machine is shared, and a
    // segment that overruns the deadline is a timeout.
    const host = await deployed(
      'exports.handler = (e, c, cb) => cb(null, "x".repeat(7 * 1024 * 1024))',
      { timeoutSeconds: 30 },
    )
    expect((await invoked(host)).error?.errorType).toBe('Function.ResponseSizeTooLarge')
  })

  it('an event that is not JSON, or an invalid configuration, is refused', async () => {
    const host = await deployed('export const handler = async () => 1')
    expect((await rejected(host, '{"a":')).error.errorType).toBe('InvalidRequestContentException')
    const bad = await deployed('export const handler = async () => 1', { memoryMB: 64 })
    expect((await rejected(bad, '{}')).error.errorMessage).toMatch(/greater than or equal to 128/)
  })
})
