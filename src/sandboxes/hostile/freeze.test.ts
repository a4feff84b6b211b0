import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts } from '../testing'
import {
  HOSTILE_EVENT,
  answered,
  attempt,
  expectColdAndWorking,
  expectWarmAndWorking,
  hostileHandler,
  timeoutMessage,
} from './harness'
import type { HostileCase } from './harness'

// Hostile code, part 2: attempts to freeze the host. Each handler runs under a 1 s timeout and
// must end there with Lambda's timeout error; the host call returns, and the next invocation is
// served cold by a fresh environment. (In Node the call is synchronous, so "the host stays
// responsive" means: it returns, and the host keeps serving.)
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

const FREEZERS: HostileCase[] = [
  { name: 'while (true) {}', code: '  while (true) {}' },
  { name: 'for (;;) await null', code: '  for (;;) await null' },
  {
    name: 'a promise-job flood (Promise.resolve().then chain, constant memory)',
    code: '  const spin = () => { Promise.resolve().then(spin) }\n  spin()\n  await new Promise(() => {})',
  },
  {
    name: 'a queueMicrotask flood',
    code: '  const spin = () => queueMicrotask(spin)\n  spin()\n  await new Promise(() => {})',
  },
  {
    name: 'a busy loop inside setInterval',
    code: '  setInterval(() => { for (;;) {} }, 10)\n  await new Promise(() => {})',
  },
  {
    name: 'a setTimeout(f, 0) flood that doubles every tick',
    code: '  const f = () => { setTimeout(f, 0); setTimeout(f, 0) }\n  f()\n  await new Promise(() => {})',
  },
  {
    name: 'a setImmediate flood',
    code: '  const f = () => { setImmediate(f) }\n  for (let i = 0; i < 100; i++) f()\n  await new Promise(() => {})',
  },
  {
    name: 'regex catastrophic backtracking',
    code: "  return /^(a+)+$/.test('a'.repeat(40) + 'b')",
  },
  {
    name: 'recursion that catches its own stack overflow and recurses again',
    code: '  function f() { try { f() } catch { f() } }\n  f()',
  },
  {
    name: 'a thenable whose then getter spins',
    code: '  return { get then() { for (;;) {} } }',
  },
  {
    name: 'a promise that never settles and no timer (only the deadline ends it)',
    code: '  await new Promise(() => {})',
  },
]

/**
 * DEFECT (guest-vm.ts / event-loop.ts): QuickJS polls the interrupt handler only every ~10,000
 * bytecode branches and calls, so a loop whose iterations are long native calls (here a 2 MB
 * JSON.stringify) is not cut at the deadline: it runs 3 s of wall time (the host is frozen that
 * long, and a longer loop freezes it longer) and then the invocation SUCCEEDS with a Duration of
 * ~3,000 ms under a 1 s timeout, because nothing checks the clock against the deadline after a
 * segment that ended normally. Lambda would have killed it at 1 s.
 */
const UNCUT: HostileCase = {
  name: 'a loop of large synchronous JSON.stringify calls (long native calls between interrupt polls)',
  code: "  const big = Array(200000).fill('abcdefghij')\n  const t = Date.now()\n  while (Date.now() - t < 3000) JSON.stringify(big)\n  return 'finished'",
}

describe('no freezing: each ends at the 1 s timeout with Lambda’s message', () => {
  it.each(FREEZERS)('$name', async ({ code }) => {
    await expectCutAtTimeout(code)
  })

  it.fails(UNCUT.name, async () => {
    await expectCutAtTimeout(UNCUT.code)
  })
})

describe('stack exhaustion is Lambda’s RangeError, not a freeze or a host crash', () => {
  const OVERFLOWS: HostileCase[] = [
    { name: 'plain infinite recursion', code: '  const f = () => f()\n  f()' },
    {
      name: 'recursion through a native (Array.prototype.map)',
      code: '  const f = (n) => [n].map(f)\n  f(0)',
    },
    {
      name: 'recursion through a getter and JSON.stringify',
      code: '  const o = { get x() { return JSON.stringify(o) } }\n  JSON.stringify(o)',
    },
    {
      name: 'a 100,000-deep nested array joined natively',
      code: '  let a = []\n  for (let i = 0; i < 100000; i++) a = [a]\n  String(a)',
    },
  ]
  it.each(OVERFLOWS)('$name', async ({ code }) => {
    await expectStackOverflow(code)
  })

  // DEFECT (runtime/v8-json.ts wording, not safety): QuickJS's JSON parser reports
  // `SyntaxError: stack overflow` where V8 throws `RangeError: Maximum call stack size exceeded`.
  it.fails('JSON.parse of 100,000 nested arrays', async () => {
    await expectStackOverflow("  JSON.parse('['.repeat(100000) + ']'.repeat(100000))")
  })
})

/** The handler fails with V8's stack overflow error; its environment survives and stays warm. */
async function expectStackOverflow(code: string): Promise<void> {
  const host = await deployed(hostileHandler(code))
  const failed = answered(await attempt(host, HOSTILE_EVENT))
  expect([failed.status, failed.error?.errorType, failed.error?.errorMessage]).toEqual([
    'failed',
    'RangeError',
    'Maximum call stack size exceeded',
  ])
  expect(failed.environmentDiscarded).toBeUndefined()
  await expectWarmAndWorking(host, failed)
}

/**
 * The handler ends at its 1 s timeout with Lambda's body and trailing log line; the call returned
 * (the host was not frozen for good), and the next invocation is served cold.
 */
async function expectCutAtTimeout(code: string): Promise<void> {
  const host = await deployed(hostileHandler(code))
  const failed = answered(await attempt(host, HOSTILE_EVENT))
  expect([failed.status, failed.error?.errorType]).toEqual(['failed', 'Sandbox.Timedout'])
  expect(failed.error?.errorMessage).toMatch(timeoutMessage(failed))
  expect(failed.environmentDiscarded).toBe('timeout')
  expect(failed.logLines.at(-1)).toMatch(/ Task timed out after 1\.00 seconds$/)
  await expectColdAndWorking(host, failed)
}
