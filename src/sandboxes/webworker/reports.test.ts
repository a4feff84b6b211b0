import { describe, expect, it } from 'vitest'
import { LOG_CAP_BYTES } from '../runtime/log-buffer'
import type { ModuleSpec, PhaseReport } from './protocol'
import { faultError, initOutcome, invokeOutcome, loadError, phaseLines } from './reports'

const ID = '11111111-2222-4333-8444-555555555555'
const AT = Date.UTC(2026, 10, 27, 2)
const report = (extra: Partial<PhaseReport>): PhaseReport => ({
  t: 'phase',
  end: 'done',
  startedAt: AT,
  durationMs: 1,
  clock: AT + 1,
  logs: [],
  ...extra,
})
const esm: ModuleSpec = {
  code: 'export const other = 1',
  kind: 'esm',
  file: 'file:///var/task/index.mjs',
  exportPath: 'handler',
}

describe('phase reports → record parts', () => {
  it('writes CloudWatch lines; past the cap only the first runtime line survives, with the notice', () => {
    const big = 'x'.repeat(LOG_CAP_BYTES)
    const lines = phaseLines(
      [
        { at: AT, level: 'INFO', message: 'hello' },
        { at: AT, level: 'INFO', message: big },
        { at: AT, level: 'ERROR', message: 'Invoke Error \t{}', runtime: true },
      ],
      ID,
    )
    expect(lines[0]).toBe(`2026-11-27T02:00:00.000Z\t${ID}\tINFO\thello`)
    expect(lines[1]).toMatch(/\tWARN\t\[playground\] log output truncated/)
    expect(lines[2]).toBe(`2026-11-27T02:00:00.000Z\t${ID}\tERROR\tInvoke Error \t{}`)
  })

  it('an INIT failure the shim did not log gets the runtime Uncaught Exception line', async () => {
    const init = await initOutcome(
      report({ load: { kind: 'handler', status: 'missing' } }),
      esm,
      'index.handler',
    )
    expect(init.error?.errorType).toBe('Runtime.HandlerNotFound')
    expect(init.lines).toHaveLength(1)
    expect(init.lines[0]).toMatch(/\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime/)
  })

  it('an error the module threw was logged by the shim: its body is used, no second line', async () => {
    const payloadJson = JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: [] })
    const init = await initOutcome(
      report({ load: { kind: 'thrown', payloadJson, name: 'Error', message: 'boom' } }),
      esm,
      'index.handler',
    )
    expect([init.error?.errorMessage, init.lines]).toEqual(['boom', []])
  })

  it('reads outcomes as untrusted: a broken response is a crash of the runtime', () => {
    expect(invokeOutcome(report({ outcome: 'J{"a":1}' }), ID)).toEqual({
      responseJson: '{"a":1}',
      crashed: false,
    })
    const broken = invokeOutcome(report({ outcome: 'J{"a":' }), ID)
    expect([broken.crashed, broken.error?.errorType]).toEqual([true, 'Runtime.ExitError'])
    const big = invokeOutcome(report({ tooLargeBytes: 7_000_000 }), ID)
    expect(big.error?.errorType).toBe('Function.ResponseSizeTooLarge')
  })

  it('faults: process.exit words, or the uncaught body, or the runtime exit when unreadable', () => {
    expect(faultError({ exit: 'with error: exit status 2' }, ID).errorMessage).toBe(
      `RequestId: ${ID} Error: Runtime exited with error: exit status 2`,
    )
    const body = JSON.stringify({ errorType: 'TypeError', errorMessage: 'x' })
    expect(faultError({ crashBody: body }, ID)).toEqual({
      errorType: 'TypeError',
      errorMessage: 'x',
    })
    expect(faultError({ crashBody: 'not json' }, ID).errorType).toBe('Runtime.ExitError')
  })
})

describe('INIT errors of the AWS SDK subset, as the QuickJS kind words them', () => {
  it('an @aws-sdk package outside the subset: the import error names the packages it has', async () => {
    const error = await loadError(
      { kind: 'import', specifier: '@aws-sdk/client-kinesis' },
      esm,
      'index.handler',
    )
    expect(error.errorType).toBe('Runtime.ImportModuleError')
    expect(error.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@aws-sdk/client-kinesis' imported from /var/task/index.mjs\nThe playground provides a subset of the AWS SDK v3: @aws-sdk/client-s3, @aws-sdk/client-sqs, @aws-sdk/client-dynamodb, @aws-sdk/lib-dynamodb, @aws-sdk/client-eventbridge, @aws-sdk/client-sns, @aws-sdk/client-lambda.",
    )
    expect(error.trace?.slice(0, 2)).toEqual([
      "Runtime.ImportModuleError: Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@aws-sdk/client-kinesis' imported from /var/task/index.mjs",
      expect.stringMatching(/^The playground provides a subset/),
    ])
    const other = await loadError({ kind: 'import', specifier: 'left-pad' }, esm, 'index.handler')
    expect(other.errorMessage).not.toContain('AWS SDK')
  })

  it('a named import the subset lacks is a syntax error that lists what the package provides', async () => {
    const message =
      "The requested module '@aws-sdk/client-s3' does not provide an export named 'CopyObjectCommand'"
    const error = await loadError({ kind: 'syntax', message }, esm, 'index.handler')
    expect(error.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(error.errorMessage).toContain(message)
    expect(error.errorMessage).toContain(
      "(the playground's @aws-sdk/client-s3 provides S3Client, PutObjectCommand, GetObjectCommand",
    )
  })
})
