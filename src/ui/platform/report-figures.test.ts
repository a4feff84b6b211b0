import { describe, expect, it } from 'vitest'
import type { LogRow } from '../../sim-worker/log-store'
import { errorOf, reportFigures } from './report-figures'

const row = (line: string): LogRow => ({
  t: 0,
  function: 'api',
  requestId: 'r',
  level: 'platform',
  cold: true,
  line,
})

describe('the REPORT line’s figures', () => {
  it('reads billed duration and max memory used, none before the lines arrive', () => {
    expect(reportFigures([])).toEqual({ billedMs: null, maxMemoryMB: null })
    const lines = [
      row('START RequestId: r Version: $LATEST'),
      row('END RequestId: r'),
      row(
        'REPORT RequestId: r\tDuration: 691.20 ms\tBilled Duration: 1014 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\tInit Duration: 322.50 ms',
      ),
    ]
    expect(reportFigures(lines)).toEqual({ billedMs: 1014, maxMemoryMB: 64 })
  })
})

describe('the error of an invocation', () => {
  const at = (line: string, level: LogRow['level']): LogRow => ({ ...row(line), level })

  it('reads the runtime’s ERROR line, a timeout’s line, or nothing for a success', () => {
    expect(errorOf([row('START RequestId: r Version: $LATEST')])).toBeNull()
    const invokeError = at(
      '2026-01-01T00:00:01.000Z\tr\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","trace":[]}',
      'ERROR',
    )
    expect(errorOf([row('START RequestId: r'), invokeError])).toBe('Error: boom')
    const timeout = at('2026-01-01T00:00:03.000Z r Task timed out after 3.00 seconds', 'ERROR')
    expect(errorOf([timeout])).toBe('Task timed out after 3.00 seconds')
    const plain = at('2026-01-01T00:00:01.000Z\tr\tERROR\tcould not reach the table', 'ERROR')
    expect(errorOf([plain])).toBe('could not reach the table')
  })
})
