import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { utf8Length } from '../../core/lambda/limits'
import { LOG_CAP_BYTES } from '../runtime/log-buffer'
import { appLines, deployed, disposeHosts, invoked } from '../testing'
import type { InvocationRecord } from '../types'
import {
  HOSTILE_EVENT,
  answered,
  attempt,
  expectColdAndWorking,
  expectWarmAndWorking,
  hostileHandler,
  outOfMemoryBody,
} from './harness'
import type { HostileCase } from './harness'

// Hostile code, part 3: attempts to exhaust memory, logs and response channels. Every one must
// end in a Lambda-shaped result, with the host intact.
// A test may declare the known upstream abort of JS_FreeRuntime (quickjs-emscripten #235: an
// async result of a few MB leaves objects on the GC list); production drops the wasm instance
// instead of freeing into it, so there the memory is reclaimed anyway.
let upstreamLeaks = 0
beforeEach(() => {
  upstreamLeaks = 0
})
afterEach(async () => {
  expect(await disposeHosts()).toBeLessThanOrEqual(upstreamLeaks)
})

/**
 * For handlers that move megabytes: tens of ms alone, but the machine is shared, and a segment
 * that overruns the deadline is a timeout (guest-vm.ts), which is not what these tests are about.
 */
const SLOW = { timeoutSeconds: 30 }

const TRUNCATED = /\[playground\] log output truncated: this invocation wrote more than \d+ bytes$/

/** Bytes of every line of a record, and of the longest one. */
function logVolume(record: InvocationRecord): { total: number; longest: number } {
  const sizes = record.logLines.map(utf8Length)
  return { total: sizes.reduce((a, b) => a + b, 0), longest: Math.max(...sizes) }
}

const HOGS: HostileCase[] = [
  {
    name: 'arrays pushed until the heap is full',
    code: '  const keep = []\n  for (;;) keep.push(new Array(100000).fill(keep.length))',
  },
  {
    name: 'an allocation loop that catches the out-of-memory error and carries on',
    code: "  const keep = []\n  for (;;) { try { keep.push(new Array(100000).fill(1)) } catch (e) { keep.length = 0; return 'survived ' + e } }",
  },
  {
    name: 'a promise chain that keeps every link alive',
    code: '  const loop = () => Promise.resolve().then(loop)\n  loop()\n  await new Promise(() => {})',
  },
]

describe('no exhausting memory: Runtime.OutOfMemory at the configured memory, then cold', () => {
  it.each(HOGS)('$name', async ({ code }) => {
    await expectOutOfMemory(code)
  })

  // An allocation that fails inside a timer callback throws `InternalError: out of memory` into
  // the shim's timer loop, which reports it as an uncaught exception through `host.crash` before
  // the interrupt handler sees the memory cap. The out-of-memory found at the end of that
  // segment replaces the crash recorded during it (guest-vm.ts), so the record is Lambda's.
  it('allocation inside a timer callback', async () => {
    await expectOutOfMemory(
      '  const keep = []\n  setInterval(() => { for (let i = 0; i < 50; i++) keep.push(new Array(100000).fill(i)) }, 1)\n  await new Promise(() => {})',
    )
  })

  it('an allocation past the limit during INIT fails that cold start with Runtime.OutOfMemory', async () => {
    const host = await deployed(
      'const keep = []\nfor (;;) keep.push(new Array(100000).fill(0))\nexport const handler = async () => 1',
      { memoryMB: 128 },
    )
    const record = await invoked(host)
    expect(record.error).toEqual(outOfMemoryBody(record))
    expect(record.environmentDiscarded).toBe('out-of-memory')
  })
})

/** The handler is killed with Lambda's out-of-memory error at 128 MB; the next one is cold. */
async function expectOutOfMemory(code: string): Promise<void> {
  const host = await deployed(hostileHandler(code), { memoryMB: 128, timeoutSeconds: 5 })
  const record = answered(await attempt(host, HOSTILE_EVENT))
  expect(record.error).toEqual(outOfMemoryBody(record))
  expect([record.environmentDiscarded, record.maxMemoryUsedMB]).toEqual(['out-of-memory', 128])
  expect(record.logLines.at(-1)).toBe(`${record.error?.errorMessage}\nRuntime.OutOfMemory`)
  // The process was killed: the guest's own report of the failed allocation is not in the log.
  expect(appLines(record).filter(([, , message]) => /out of memory/.test(message))).toEqual([])
  await expectColdAndWorking(host, record)
}

// `s += s` reaches the maximum string length without using memory (both engines build ropes);
// V8 throws `RangeError: Invalid string length`, QuickJS `InternalError: string too long`, which
// the shim reports with V8's type and words (runtime/v8-messages.ts, guest-stack.ts).
it('a string doubled until it cannot grow throws V8’s RangeError inside the guest', async () => {
  const host = await deployed(hostileHandler("  let s = 'x'\n  for (;;) s += s"))
  const record = answered(await attempt(host, HOSTILE_EVENT))
  expect(record.error).toMatchObject({
    errorType: 'RangeError',
    errorMessage: 'Invalid string length',
  })
})

describe('no exhausting the log: floods and huge lines are capped with a visible notice', () => {
  it('20,000 console.log lines: the first 256 KB are kept, then one truncation notice', async () => {
    const host = await deployed(
      hostileHandler(
        "  for (let i = 0; i < 20000; i++) console.log('flood line', i)\n  return 'flooded'",
      ),
    )
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect(record.status).toBe('succeeded')
    const lines = appLines(record)
    expect(lines[0]?.[2]).toBe('flood line 0')
    expect(lines.at(-1)?.[1]).toBe('WARN')
    expect(lines.at(-1)?.[2]).toMatch(TRUNCATED)
    expect(lines.length).toBeLessThan(20000)
    expect(logVolume(record).total).toBeLessThan(LOG_CAP_BYTES + 4096)
    // The cap is per invocation: the next one logs again.
    await expectWarmAndWorking(host, record)
  })

  it('one 1 MB log line is replaced by the truncation notice, not kept whole', async () => {
    const host = await deployed(
      hostileHandler("  console.log('x'.repeat(1 << 20))\n  return 'logged'"),
    )
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect(record.status).toBe('succeeded')
    expect(appLines(record).map(([, level, message]) => [level, TRUNCATED.test(message)])).toEqual([
      ['WARN', true],
    ])
    expect(logVolume(record).longest).toBeLessThan(4096)
  })

  // The runtime's own `Invoke Error` / `Uncaught Exception` line is kept even past the cap, but
  // cut to the cap with the notice (runtime/log-buffer.ts), so `throw new Error(huge)` cannot put
  // a multi-megabyte line in the record (and in the panel).
  it('a thrown 2 MB error message does not put a 2 MB line in the log', async () => {
    upstreamLeaks = 1
    const host = await deployed(hostileHandler("  throw new Error('y'.repeat(2 << 20))"), SLOW)
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect(record.error?.errorType).toBe('Error')
    expect(logVolume(record).longest).toBeLessThanOrEqual(LOG_CAP_BYTES)
    const lines = appLines(record)
    expect(lines.map(([, level, message]) => [level, message.slice(0, 13)])).toEqual([
      ['ERROR', 'Invoke Error '],
      ['WARN', expect.stringMatching(/^\[playground\]/)],
    ])
    expect(lines.at(-1)?.[2]).toMatch(TRUNCATED)
  })

  it('a deep stack is cut to Node’s 10 frames in the error body', async () => {
    const host = await deployed(
      hostileHandler(
        "  const dive = (n) => { if (n === 0) throw new Error('deep'); return dive(n - 1) + 1 }\n  dive(500)",
      ),
    )
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect(record.error?.errorMessage).toBe('deep')
    expect(record.error?.trace?.length).toBeLessThanOrEqual(11)
  })
})

describe('no exhausting the response channel', () => {
  it('a 7 MB response fails with Function.ResponseSizeTooLarge; the environment stays warm', async () => {
    upstreamLeaks = 1
    const host = await deployed(hostileHandler("  return 'z'.repeat(7000000)"), SLOW)
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect(record.error).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage:
        'Response payload size (7000002 bytes) exceeded maximum allowed payload size (6291556 bytes).',
    })
    expect(record.responseJson).toBeUndefined()
    await expectWarmAndWorking(host, record)
  })

  it('a cyclic result fails inside the guest with a JSON error; the environment stays warm', async () => {
    // Node 22's runtime client serializes with JSON.stringify and fails the invocation; the
    // project's reference does not pin its errorType, so this asserts the shape, not the words.
    const host = await deployed(hostileHandler('  const a = {}\n  a.self = a\n  return a'))
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect(record.status).toBe('failed')
    expect(record.error?.errorMessage).toMatch(/circular|stringify/i)
    expect(record.environmentDiscarded).toBeUndefined()
    await expectWarmAndWorking(host, record)
  })
})
