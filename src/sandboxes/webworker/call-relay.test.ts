import { describe, expect, it } from 'vitest'
import type { ServiceCalls } from '../../core/ports'
import { MAX_OUTSTANDING_CALLS } from '../quickjs/event-loop'
import { createServiceDouble } from '../services/service-double'
import { askServices } from '../services/ask-services'
import { CallRelay } from './call-relay'
import { readCall } from './protocol'

const call = (id: number, at: number, operation = 'GetObject') => ({
  t: 'call' as const,
  id,
  service: 's3',
  operation,
  requestJson: '{"Bucket":"b","Key":"k"}',
  at,
})

describe('CallRelay (the page answers the worker’s SDK calls)', () => {
  it('answers with the double’s result, due at the call’s moment plus the modeled latency', () => {
    const relay = new CallRelay(createServiceDouble())
    const answer = relay.answer(call(1, 1_000))
    expect(answer).toMatchObject({ t: 'answer', id: 1, ok: false, at: 1_010 })
    expect(JSON.parse(answer?.text ?? '')).toMatchObject({
      errorType: 'NoSuchKey',
      httpStatusCode: 404,
    })
  })

  it('a call claiming a moment before one already seen is taken at the later one', () => {
    const relay = new CallRelay(createServiceDouble())
    relay.observe(5_000)
    expect(relay.answer(call(1, 10))?.at).toBe(5_010)
  })

  it('refuses the call past the limit while the answers are all ahead of the clock', () => {
    const relay = new CallRelay(createServiceDouble())
    for (let id = 1; id <= MAX_OUTSTANDING_CALLS; id++)
      expect(relay.answer(call(id, 0))).toBeDefined()
    expect(relay.answer(call(MAX_OUTSTANDING_CALLS + 1, 0))).toBeUndefined()
    // Once the environment's clock passes their moment (10 ms later), there is room again.
    relay.observe(10)
    expect(relay.answer(call(MAX_OUTSTANDING_CALLS + 2, 10))).toBeDefined()
  })

  it('a double that throws or answers nothing is a service failure, never a host exception', () => {
    const throwing: ServiceCalls = {
      call: () => {
        throw new Error('bug in the double')
      },
    }
    const silent: ServiceCalls = {
      call: () => ({ latencyMs: 7, result: { kind: 'timer' } as never }),
    }
    expect(askServices(throwing, call(1, 0))).toEqual({
      latencyMs: 0,
      result: {
        kind: 'call',
        ok: false,
        error: {
          errorType: 'InternalFailure',
          errorMessage: 'bug in the double',
          httpStatusCode: 500,
        },
      },
    })
    expect(askServices(silent, call(1, 0)).result).toMatchObject({
      ok: false,
      error: { errorType: 'InternalFailure' },
    })
  })
})

describe('readCall (what the page accepts as a call)', () => {
  it('keeps only the known fields of a well-formed call', () => {
    expect(readCall({ ...call(3, 12), extra: 1 }, 100)).toEqual(call(3, 12))
  })

  it('refuses ids that are not positive integers, odd names, bad moments, oversized requests', () => {
    const refused = [
      null,
      { ...call(1, 0), t: 'phase' },
      { ...call(1, 0), id: 0 },
      { ...call(1, 0), id: 1.5 },
      { ...call(1, 0), service: '' },
      { ...call(1, 0), operation: 'x'.repeat(65) },
      { ...call(1, 0), at: Number.NaN },
      { ...call(1, 0), requestJson: 42 },
      { ...call(1, 0), requestJson: 'x'.repeat(101) },
    ]
    expect(refused.map((data) => readCall(data, 100))).toEqual(refused.map(() => undefined))
  })
})
