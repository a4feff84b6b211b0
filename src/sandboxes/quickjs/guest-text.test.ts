import { describe, expect, it } from 'vitest'
import { decodeOutcome, isJsonText, readErrorPayload, unreadableExitError } from './guest-text'

describe('text from the guest, read as untrusted', () => {
  it('an error body with a trace is read as it is; trace entries become strings', () => {
    expect(
      readErrorPayload('{"errorType":"Error","errorMessage":"boom","trace":["Error: boom",7]}'),
    ).toEqual({
      errorType: 'Error',
      errorMessage: 'boom',
      trace: ['Error: boom', '7'],
    })
  })

  it.each([
    ['not JSON', 'nope'],
    ['empty', ''],
    ['JSON but not an object', '"x"'],
    ['null', 'null'],
    ['no errorType', '{"errorMessage":"m"}'],
    ['a number as errorMessage', '{"errorType":"Error","errorMessage":3}'],
  ])('%s: unreadable, never an exception', (_what, text) => {
    expect(readErrorPayload(text)).toBeUndefined()
  })

  it('a response must be one JSON value', () => {
    expect([
      isJsonText('1'),
      isJsonText('{"a":[null]}'),
      isJsonText('nope'),
      isJsonText(''),
    ]).toEqual([true, true, false, false])
  })

  it('a runtime that cannot report how it ended exits, and the trace says what was unreadable', () => {
    expect(unreadableExitError('req-1', 'error body')).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: req-1 Error: Runtime exited with error: signal: aborted',
      trace: ["Host fault: the runtime's error body could not be read"],
    })
  })

  it.each([
    ['a response', 'J{"a":1}', { responseJson: '{"a":1}' }],
    ['a response that is not JSON', 'Jnope', { unreadable: 'response' }],
    [
      'an error body',
      'E{"errorType":"E","errorMessage":"m"}',
      { error: { errorType: 'E', errorMessage: 'm' } },
    ],
    ['an error body that is not one', 'Enope', { unreadable: 'error body' }],
    ['nothing to serialize', 'U', {}],
    [
      'nothing settled',
      'N',
      { error: { errorType: 'Runtime.Unknown', errorMessage: 'No result' } },
    ],
    ['an unknown kind', 'X', { unreadable: 'response' }],
  ])('the outcome: %s', (_what, text, outcome) => {
    expect(decodeOutcome(text)).toEqual(outcome)
  })
})
