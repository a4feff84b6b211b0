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

/**
 * For the stack cases, which are not about time: a deep parse or a deep recursion takes hundreds
 * of ms on a loaded machine, and a segment past a 1 s deadline would be a timeout.
 */
const ROOMY = { timeoutSeconds: 30 }

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
 * QuickJS polls the interrupt handler only every ~10,000 bytecode branches and calls, so a loop
 * whose iterations are long native calls (here joining a 2 MB array, which the shim does not
 * watch, unlike JSON) is not cut at the deadline: it runs its 3 s of wall time (the host is busy
 * that long). The segment is checked against the deadline once it ends (guest-vm.ts), so the
 * invocation still ends as Lambda's timeout at 1 s, its Duration capped there, and the
 * environment is discarded.
 */
const UNCUT: HostileCase = {
  name: 'a loop of large synchronous Array.prototype.join calls (long native calls between interrupt polls)',
  code: "  const big = Array(200000).fill('abcdefghij')\n  const t = Date.now()\n  while (Date.now() - t < 3000) big.join(',')\n  return 'finished'",
}

describe('no freezing: each ends at the 1 s timeout with Lambda’s message', () => {
  it.each(FREEZERS)('$name', async ({ code }) => {
    await expectCutAtTimeout(code)
  })

  it(UNCUT.name, async () => {
    await expectCutAtTimeout(UNCUT.code)
  })

  // Without the shim's check after long JSON calls (bootstrap.ts) this loop held the host for
  // minutes (over 200 s measured) before QuickJS polled its interrupt: 30 s fails the test.
  it('while (true) JSON.stringify(2 MB): cut at the deadline, not at QuickJS’s next poll', async () => {
    await expectCutAtTimeout(
      "  const big = Array(200000).fill('abcdefghij')\n  while (true) JSON.stringify(big)",
    )
  })

  it('while (true) JSON.parse(2 MB): cut at the deadline too', async () => {
    await expectCutAtTimeout(
      "  const text = JSON.stringify(Array(200000).fill('abcdefghij'))\n  while (true) JSON.parse(text)",
    )
  })

  it('the same loop, then process.exit past the deadline: still the timeout, not a crash', async () => {
    await expectCutAtTimeout(UNCUT.code.replace("return 'finished'", 'process.exit(1)'))
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

  // V8's JSON parser does not recurse: Node parses 100,000 (even 10,000,000) nested arrays, so
  // this is no stack exhaustion on Lambda. QuickJS's parser overflows at ~8,000 levels; the shim
  // then parses iteratively (runtime/json-deep.ts). A reviver is applied recursively, as by V8,
  // and that does overflow, with V8's error.
  it('JSON.parse of 100,000 nested arrays parses, as in Node', async () => {
    const host = await deployed(
      hostileHandler(
        "  let v = JSON.parse('['.repeat(100000) + ']'.repeat(100000))\n  let depth = 0\n  while (v.length === 1) { v = v[0]; depth++ }\n  return depth",
      ),
      ROOMY,
    )
    const record = answered(await attempt(host, HOSTILE_EVENT))
    expect([record.status, record.responseJson]).toEqual(['succeeded', '99999'])
    await expectWarmAndWorking(host, record)
  })

  it('JSON.parse of 100,000 nested arrays with a reviver', async () => {
    await expectStackOverflow(
      "  JSON.parse('['.repeat(100000) + ']'.repeat(100000), (key, value) => value)",
    )
  })
})

/** The handler fails with V8's stack overflow error; its environment survives and stays warm. */
async function expectStackOverflow(code: string): Promise<void> {
  const host = await deployed(hostileHandler(code), ROOMY)
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
  expect(failed.durationMs).toBeLessThanOrEqual(1000)
  expect(failed.logLines.at(-1)).toMatch(/ Task timed out after 1\.00 seconds$/)
  await expectColdAndWorking(host, failed)
}
