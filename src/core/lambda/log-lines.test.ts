import { describe, expect, it } from 'vitest'
import { applicationLine, endLine, reportLine, startLine, timeoutLine } from './log-lines'

const id = '8f507cfc-1234-4697-b07a-ac58fc914c95'

describe('log lines', () => {
  it('writes START, END and a cold REPORT exactly as Lambda does', () => {
    expect(startLine(id)).toBe(`START RequestId: ${id} Version: $LATEST`)
    expect(endLine(id)).toBe(`END RequestId: ${id}`)
    expect(
      reportLine({
        requestId: id,
        durationMs: 15.744,
        billedDurationMs: 16,
        memorySizeMB: 128,
        maxMemoryUsedMB: 56,
        initDurationMs: 130.487,
      }),
    ).toBe(
      `REPORT RequestId: ${id}\tDuration: 15.74 ms\tBilled Duration: 16 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 130.49 ms\t`,
    )
  })

  it('leaves Init Duration out of a warm REPORT', () => {
    const line = reportLine({
      requestId: id,
      durationMs: 1,
      billedDurationMs: 1,
      memorySizeMB: 512,
      maxMemoryUsedMB: 3,
    })
    expect(line).not.toContain('Init Duration')
    expect(line.endsWith('Max Memory Used: 3 MB\t')).toBe(true)
  })

  it('writes application lines with the request id, or undefined during INIT', () => {
    const at = Date.UTC(2019, 5, 7, 19, 11, 20, 562)
    expect(applicationLine(at, id, 'INFO', 'EVENT')).toBe(
      `2019-06-07T19:11:20.562Z\t${id}\tINFO\tEVENT`,
    )
    expect(applicationLine(at, undefined, 'ERROR', 'boom')).toBe(
      '2019-06-07T19:11:20.562Z\tundefined\tERROR\tboom',
    )
  })

  it('writes the timeout line with two decimals', () => {
    const at = Date.UTC(2020, 10, 10, 5, 46, 57, 874)
    expect(timeoutLine(at, id, 3)).toBe(
      `2020-11-10T05:46:57.874Z ${id} Task timed out after 3.00 seconds`,
    )
  })
})
