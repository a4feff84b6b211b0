import { Limits } from '../../core/lambda/limits'
import type { ContractCase } from './types'
import {
  appLines,
  coldAfter,
  failedWith,
  invocation,
  matches,
  refusal,
  responded,
  same,
  timedOut,
  verify,
  warmAfter,
  within,
} from './verify'

const OK_OTHERWISE = "  if (!event.bad) return 'ok'"

function errorCase(
  name: string,
  title: string,
  fields: Omit<ContractCase, 'id' | 'group' | 'title'>,
): ContractCase {
  return { id: `errors/${name}`, group: 'errors', title, ...fields }
}

/** Every error of the foundation: Lambda's error types, messages and what happens next. */
export const errorCases: ContractCase[] = [
  errorCase('syntax', 'a syntax error: Runtime.UserCodeSyntaxError with its line', {
    code: 'export const handler = async () => {\n  return 1 +\n}',
    events: ['{}', '{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const error = failedWith('syntax error', record, 'Runtime.UserCodeSyntaxError')
      matches('errorMessage', error.errorMessage, /^SyntaxError: /)
      matches('trace[1]', error.trace?.[1], /^ {4}at file:\/\/\/var\/task\/index\.mjs:3$/)
      const [requestId, level, message] = appLines(record)[0] ?? []
      same('INIT log line [request id, level]', [requestId, level], ['undefined', 'ERROR'])
      matches(
        'INIT log line',
        message,
        /^Uncaught Exception \t\{"errorType":"Runtime\.UserCodeSyntaxError"/,
      )
      same('environmentDiscarded', record.environmentDiscarded, 'crash')
      same('next cold', invocation(outcomes, 1).cold, true)
    }),
  }),
  errorCase('handler-not-found', 'no such export: Runtime.HandlerNotFound', {
    code: 'export const handle = async () => 1',
    events: ['{}'],
    check: verify((outcomes) => {
      const error = failedWith('missing export', invocation(outcomes, 0), 'Runtime.HandlerNotFound')
      same('errorMessage', error.errorMessage, 'index.handler is undefined or not exported')
    }),
  }),
  errorCase('import-missing', 'importing a package that is not there: Runtime.ImportModuleError', {
    code: "import _ from 'lodash'\nexport const handler = async () => 1",
    events: ['{}'],
    check: verify((outcomes) => {
      const error = failedWith('import', invocation(outcomes, 0), 'Runtime.ImportModuleError')
      same(
        'errorMessage',
        error.errorMessage,
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'lodash' imported from /var/task/index.mjs",
      )
    }),
  }),
  errorCase('init-throw', 'a throw at top level fails INIT with that error', {
    code: 'throw new TypeError("no config")\nexport const handler = async () => 1',
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      same('error', failedWith('INIT', record, 'TypeError').errorMessage, 'no config')
      matches(
        'log line',
        appLines(record)[0]?.[2],
        /^Uncaught Exception \t\{"errorType":"TypeError"/,
      )
    }),
  }),
  errorCase('thrown', 'a thrown error: errorType, errorMessage, trace, Invoke Error line', {
    code: `export const handler = async (event) => {
${OK_OTHERWISE}
  throw new TypeError("boom")
}`,
    events: ['{"bad":true}', '{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const error = failedWith('thrown', record, 'TypeError')
      same('errorMessage', error.errorMessage, 'boom')
      same('trace[0]', error.trace?.[0], 'TypeError: boom')
      matches('trace[1]', error.trace?.[1], /^ {4}at .*file:\/\/\/var\/task\/index\.mjs:3:\d+\)?$/)
      const [requestId, level, message] = appLines(record)[0] ?? []
      same('log line [request id, level]', [requestId, level], [record.requestId, 'ERROR'])
      matches(
        'log line',
        message,
        /^Invoke Error \t\{"errorType":"TypeError","errorMessage":"boom","stack":\[/,
      )
      same('environmentDiscarded', record.environmentDiscarded, undefined)
      warmAfter('next', invocation(outcomes, 1), record)
    }),
  }),
  errorCase('rejected', 'a rejected promise: an Error keeps its type; a string is typeof', {
    code: `export const handler = (event) =>
  event.error ? Promise.reject(new RangeError('nope')) : Promise.reject('just a string')`,
    events: ['{"error":true}', '{}'],
    check: verify((outcomes) => {
      const error = failedWith('rejected Error', invocation(outcomes, 0), 'RangeError')
      same('errorMessage', error.errorMessage, 'nope')
      const body = failedWith('rejected string', invocation(outcomes, 1), 'string')
      same('string rejection', body, {
        errorType: 'string',
        errorMessage: 'just a string',
        trace: [],
      })
    }),
  }),
  errorCase('timeout', 'Sandbox.Timedout: “Task timed out after 3.00 seconds” (timeout 3)', {
    code: 'export const handler = () => new Promise(() => {})',
    config: { timeoutSeconds: 3 },
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      timedOut('never-settling promise', record, 3)
      matches('REPORT before the timeout line', record.logLines.at(-2), /^REPORT /)
      same('durationMs', record.durationMs, 3_000)
    }),
  }),
  {
    // A literal with a getter: the 6 MB event is built only when the case runs (a spread would
    // build it at load).
    id: 'errors/request-too-large',
    group: 'errors',
    title: 'a request over 6 MB: RequestEntityTooLargeException, not invoked',
    code: 'export const handler = async () => { console.log("invoked"); return 1 }',
    get events() {
      // Concatenated, not JSON.stringify'd: no 6 MB scan on the page's main thread.
      return [`{"blob":"${'x'.repeat(Limits.SyncRequestBytes)}"}`, '{}']
    },
    check: verify((outcomes) => {
      same('errorType', refusal(outcomes, 0).error.errorType, 'RequestEntityTooLargeException')
      same('the next one is the first invocation (cold)', invocation(outcomes, 1).cold, true)
    }),
  },
  errorCase('response-too-large', 'a 7 MB response: Function.ResponseSizeTooLarge', {
    code: `exports.handler = (event, context, callback) => callback(null, event.big ? 'z'.repeat(7000000) : 'ok')`,
    // Generous: serializing 7 MB in QuickJS takes tens of ms, more on a loaded machine.
    config: { timeoutSeconds: 30 },
    events: ['{"big":true}', '{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const error = failedWith('7 MB response', record, 'Function.ResponseSizeTooLarge')
      same(
        'errorMessage',
        error.errorMessage,
        `Response payload size (7000002 bytes) exceeded maximum allowed payload size (${Limits.SyncResponseBytes} bytes).`,
      )
      same('responseJson', record.responseJson, undefined)
      responded('next', invocation(outcomes, 1), 'ok')
    }),
  }),
  errorCase(
    'invalid-json',
    'an event that is not JSON is refused: InvalidRequestContentException',
    {
      code: 'export const handler = async () => 1',
      events: ['{"a":'],
      check: verify((outcomes) => {
        same('errorType', refusal(outcomes, 0).error.errorType, 'InvalidRequestContentException')
      }),
    },
  ),
  errorCase('invalid-config', 'memory 64 MB is refused: InvalidParameterValueException', {
    code: 'export const handler = async () => 1',
    config: { memoryMB: 64 },
    events: ['{}'],
    check: verify((outcomes) => {
      const error = refusal(outcomes, 0).error
      same('errorType', error.errorType, 'InvalidParameterValueException')
      matches('errorMessage', error.errorMessage, /greater than or equal to 128/)
    }),
  }),
  errorCase('out-of-memory', 'allocating past 128 MB: Runtime.OutOfMemory, then cold', {
    code: `let n = 0
export const handler = async (event) => {
  n++
  if (!event.hog) return n
  const keep = []
  for (;;) { try { keep.push(new Array(100000).fill(n)) } catch (e) {} }
}`,
    config: { memoryMB: 128, timeoutSeconds: 10 },
    events: ['{"hog":true}', '{}'],
    kinds: ['quickjs'],
    why: 'a Web Worker has no hard memory cap the page can set: V8 gives a worker its own heap limit, not the configured memory',
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const error = failedWith('hog', record, 'Runtime.OutOfMemory')
      same(
        'errorMessage',
        error.errorMessage,
        `RequestId: ${record.requestId} Error: Runtime exited with error: signal: killed`,
      )
      same('maxMemoryUsedMB', record.maxMemoryUsedMB, 128)
      same('environmentDiscarded', record.environmentDiscarded, 'out-of-memory')
      const next = invocation(outcomes, 1)
      coldAfter('next', next, record)
      responded('next', next, 1)
    }),
  }),
  errorCase(
    'memory-report',
    'REPORT states the configured memory; Max Memory Used stays within it',
    {
      code: 'export const handler = async () => new Array(1000).fill("x").join("").length',
      config: { memoryMB: 256 },
      events: ['{}'],
      check: verify((outcomes) => {
        const record = invocation(outcomes, 0)
        responded('join', record, 1000)
        matches(
          'REPORT',
          record.logLines.at(-1),
          /\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\t/,
        )
        within('maxMemoryUsedMB', record.maxMemoryUsedMB, 1, 256)
      }),
    },
  ),
]
