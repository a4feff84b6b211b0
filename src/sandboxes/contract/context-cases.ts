import type { ContractCase } from './types'
import {
  appLines,
  failedWith,
  invocation,
  matches,
  responded,
  responseOf,
  same,
  verify,
  within,
} from './verify'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The context object, process.env and CloudWatch lines, as Lambda's Node.js runtime has them. */
export const contextCases: ContractCase[] = [
  {
    id: 'context/fields',
    group: 'context',
    title: 'context: awsRequestId is the record’s, function name, version, ARN, memory, log names',
    code: `export const handler = async (event, context) => ({
  awsRequestId: context.awsRequestId,
  functionName: context.functionName,
  functionVersion: context.functionVersion,
  invokedFunctionArn: context.invokedFunctionArn,
  memoryLimitInMB: context.memoryLimitInMB,
  logGroupName: context.logGroupName,
  logStreamName: context.logStreamName,
  callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
  remaining: context.getRemainingTimeInMillis(),
})`,
    config: { name: 'orders', memoryMB: 256, timeoutSeconds: 3 },
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      const ctx = responseOf(record) as Record<string, unknown>
      matches('requestId', record.requestId, UUID)
      same('awsRequestId', ctx.awsRequestId, record.requestId)
      same(
        'fields',
        { ...ctx, awsRequestId: undefined, logStreamName: undefined, remaining: undefined },
        {
          functionName: 'orders',
          functionVersion: '$LATEST',
          invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
          memoryLimitInMB: '256',
          logGroupName: '/aws/lambda/orders',
          callbackWaitsForEmptyEventLoop: true,
        },
      )
      matches('logStreamName', ctx.logStreamName, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/)
      within('getRemainingTimeInMillis()', ctx.remaining, 2_900, 3_000)
      same('record memorySizeMB', record.memorySizeMB, 256)
    }),
  },
  {
    id: 'context/remaining-time',
    group: 'context',
    title: 'getRemainingTimeInMillis follows the virtual clock: 2 s later, 2 s less',
    code: `export const handler = async (e, context) => {
  const before = context.getRemainingTimeInMillis()
  await new Promise((r) => setTimeout(r, 2000))
  return before - context.getRemainingTimeInMillis()
}`,
    config: { timeoutSeconds: 5 },
    events: ['{}'],
    check: verify((outcomes) => {
      within('remaining before − after', responseOf(invocation(outcomes, 0)), 2_000, 2_050)
    }),
  },
  {
    id: 'context/process-env',
    group: 'context',
    title: 'process.env: the user’s variables and Lambda’s own',
    code: `export const handler = async () => ({
  table: process.env.TABLE,
  fn: process.env.AWS_LAMBDA_FUNCTION_NAME,
  region: process.env.AWS_REGION,
  memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
  handler: process.env._HANDLER,
  group: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
  execEnv: process.env.AWS_EXECUTION_ENV,
})`,
    config: { name: 'orders', environment: { TABLE: 'orders-table' } },
    events: ['{}'],
    check: verify((outcomes) => {
      const env = responseOf(invocation(outcomes, 0)) as Record<string, unknown>
      same(
        'process.env',
        { ...env, execEnv: undefined },
        {
          table: 'orders-table',
          fn: 'orders',
          region: 'us-east-1',
          memory: '128',
          version: '$LATEST',
          handler: 'index.handler',
          group: '/aws/lambda/orders',
        },
      )
      matches('AWS_EXECUTION_ENV', env.execEnv, /^AWS_Lambda_nodejs22\.x$/)
    }),
  },
  {
    id: 'context/log-lines',
    group: 'context',
    title: 'console.log/warn/error/info/debug: Lambda’s lines with request id and level',
    code: `console.log('loading')
export const handler = async () => { console.log('hello'); console.warn('careful'); console.error('bad'); console.info('fyi'); console.debug('dbg'); return 1 }`,
    events: ['{}', '{}'],
    check: verify((outcomes) => {
      const cold = invocation(outcomes, 0)
      const id = cold.requestId
      matches('INIT line', cold.logLines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tINFO\tloading$/)
      same('START line', cold.logLines[1], `START RequestId: ${id} Version: $LATEST`)
      same('application lines', appLines(cold).slice(1), [
        [id, 'INFO', 'hello'],
        [id, 'WARN', 'careful'],
        [id, 'ERROR', 'bad'],
        [id, 'INFO', 'fyi'],
        [id, 'DEBUG', 'dbg'],
      ])
      same('END line', cold.logLines.at(-2), `END RequestId: ${id}`)
      const report = `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t$`
      matches('REPORT line (cold)', cold.logLines.at(-1), new RegExp(report))
      const warm = invocation(outcomes, 1)
      matches('warm first line', warm.logLines[0], /^START /)
      if (warm.logLines.at(-1)?.includes('Init Duration'))
        same('warm REPORT has no Init Duration', warm.logLines.at(-1), 'no Init Duration')
    }),
  },
]

/** `setTimeout`, `Date.now()` and friends on the virtual clock. */
export const virtualTimeCases: ContractCase[] = [
  {
    id: 'virtual-time/sleep',
    group: 'virtual time',
    title: 'a 2 s sleep is 2,000 ms of Duration and Date.now, and costs almost no wall time',
    code: `export const handler = async (event) => {
  if (!event.sleep) return 'warm'
  const t0 = Date.now(), p0 = performance.now(), d0 = new Date().getTime()
  await new Promise((r) => setTimeout(r, event.sleep))
  return [Date.now() - t0, Math.round(performance.now() - p0), new Date().getTime() - d0]
}`,
    // A warm invocation: a cold start's wall time is the sandbox's, not the sleep's.
    events: ['{}', '{"sleep":2000}'],
    check: verify((outcomes) => {
      responded('warm-up', invocation(outcomes, 0), 'warm')
      const record = invocation(outcomes, 1)
      const [dateDelta, perfDelta, newDateDelta] = responseOf(record) as number[]
      within('Date.now() delta', dateDelta, 2_000, 2_050)
      within('performance.now() delta', perfDelta, 2_000, 2_050)
      within('new Date() delta', newDateDelta, 2_000, 2_050)
      within('durationMs', record.durationMs, 2_000, 2_100)
      // The point of virtual time: the sleep is not waited out on the wall clock.
      within('wallMs (far less than the 2,000 ms slept)', record.wallMs, 0, 1_000)
    }),
  },
  {
    id: 'virtual-time/timer-order',
    group: 'virtual time',
    title: 'timers fire in virtual-time order; setInterval repeats until cleared',
    code: `export const handler = async () => {
  const order = []
  const start = Date.now()
  const at = (label) => order.push(label + '@' + Math.round((Date.now() - start) / 100) * 100)
  setTimeout(() => at('b'), 300)
  setTimeout(() => at('a'), 100)
  let ticks = 0
  const id = setInterval(() => { at('tick'); if (++ticks === 3) clearInterval(id) }, 250)
  const cancelled = setTimeout(() => at('never'), 200)
  clearTimeout(cancelled)
  await new Promise((r) => setTimeout(r, 1000))
  return order
}`,
    events: ['{}'],
    check: verify((outcomes) => {
      responded('order', invocation(outcomes, 0), [
        'a@100',
        'tick@300',
        'b@300',
        'tick@500',
        'tick@800',
      ])
    }),
  },
  {
    id: 'virtual-time/wait-past-timeout',
    group: 'virtual time',
    title: 'a 5 s wait under a 2 s timeout is cut at exactly 2,000 ms',
    code: 'export const handler = async () => { await new Promise((r) => setTimeout(r, 5000)); return 1 }',
    config: { timeoutSeconds: 2 },
    events: ['{}'],
    check: verify((outcomes) => {
      const record = invocation(outcomes, 0)
      failedWith('5 s wait', record, 'Sandbox.Timedout')
      same('durationMs', record.durationMs, 2_000)
    }),
  },
]
