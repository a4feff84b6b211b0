import { describe, expect, it } from 'vitest'
import { errorLocation } from './error-location'

describe('errorLocation', () => {
  it('finds the first frame in the user file', () => {
    expect(
      errorLocation({
        errorType: 'TypeError',
        errorMessage: 'boom',
        trace: ['TypeError: boom', '    at Runtime.handler (file:///var/task/index.mjs:4:11)'],
      }),
    ).toEqual({ line: 4, column: 11 })
  })

  it('reads a line without a column, and gives up when there is none', () => {
    expect(
      errorLocation({
        errorType: 'Runtime.UserCodeSyntaxError',
        errorMessage: 'x',
        trace: ['    at index.mjs:7'],
      }),
    ).toEqual({ line: 7, column: 1 })
    expect(
      errorLocation({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' }),
    ).toBeNull()
  })
})
