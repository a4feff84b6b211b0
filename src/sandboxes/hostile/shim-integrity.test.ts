import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts, invoked, response } from '../testing'
import type { InvocationRecord } from '../types'
import { HOSTILE_EVENT, attempt, hostileHandler } from './harness'
import type { HostileCase } from './harness'

// Hostile code, part 4: the runtime shim lives in the same realm as user code, so user code can
// replace the built-ins the shim calls. Whatever it replaces, the host must answer with a record
// (never throw), leave no environment stuck busy, and serve a clean cold start afterwards.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

const POISONS: HostileCase[] = [
  {
    name: 'JSON.stringify returns undefined',
    code: '  JSON.stringify = () => undefined\n  return 1',
  },
  {
    name: 'JSON.stringify throws',
    code: "  JSON.stringify = () => { throw new Error('no JSON for you') }\n  return { a: 1 }",
  },
  {
    name: 'String.prototype.split and Array.prototype.join throw, then the handler throws',
    code: "  String.prototype.split = () => { throw new Error('split') }\n  Array.prototype.join = () => { throw new Error('join') }\n  throw new Error('after poisoning')",
  },
  {
    name: 'Function.prototype.apply throws and a timer is due',
    code: "  Function.prototype.apply = () => { throw new Error('apply') }\n  await new Promise((r) => setTimeout(r, 5))\n  return 'after timer'",
  },
  {
    name: 'Map.prototype.values forges a timer due at NaN',
    code: '  Map.prototype.values = function* () { yield { id: 1, at: NaN, delay: 1, seq: 0, fn() {}, args: [], repeat: true, ref: true } }\n  setTimeout(() => {}, 5)\n  await new Promise(() => {})',
  },
  {
    name: 'Promise.prototype.then never calls back',
    code: '  Promise.prototype.then = function () { return this }\n  return 1',
  },
  {
    name: 'Object.prototype.then makes every object a thenable',
    code: "  Object.prototype.then = function (resolve) { resolve('hijacked') }\n  return { a: 1 }",
  },
  {
    name: 'Error.prototype name/message/stack getters throw',
    code: "  for (const key of ['name', 'message', 'stack']) Object.defineProperty(Error.prototype, key, { get() { throw new Error(key) }, configurable: true })\n  throw new Error('x')",
  },
]

/**
 * The response and the error body cross to the host as text. The shim makes it with the
 * `JSON.stringify` it captured before user code ran (bootstrap.ts), so replacing the global
 * changes nothing it sends, and the host reads that text as untrusted all the same (guest-text.ts):
 * an unreadable body is a crash record, never a host exception or an environment left `busy`.
 * (On Lambda the runtime client calls the realm's own `JSON.stringify`, so a replacement would
 * shape the response there; the playground keeps its records well-formed instead.)
 */
const HOST_BREAKERS: HostileCase[] = [
  {
    name: 'JSON.stringify returns a non-JSON string',
    code: "  JSON.stringify = () => 'nope'\n  return 1",
  },
  {
    name: 'JSON.stringify returns a non-JSON string, then the handler throws',
    code: "  JSON.stringify = () => 'nope'\n  throw new Error('after poisoning')",
  },
]

async function expectHostIntact(code: string): Promise<InvocationRecord> {
  const host = await deployed(hostileHandler(code))
  const record = await attempt(host, HOSTILE_EVENT)
  expect(['succeeded', 'failed']).toContain(record.status)
  const { responseJson, error } = record as InvocationRecord
  // What the host hands on must be what Lambda returns: JSON, or a well-formed error body.
  if (record.status === 'succeeded') expect(() => JSON.parse(responseJson ?? '')).not.toThrow()
  else expect(typeof error?.errorType).toBe('string')
  expect((await host.environments()).filter((env) => env.state === 'busy')).toEqual([])
  await host.resetEnvironments()
  const clean = await invoked(host)
  expect([clean.cold, response(clean)]).toEqual([true, 'ok'])
  return record as InvocationRecord
}

describe('user code replaces the built-ins the shim uses', () => {
  it.each(POISONS)('$name: the host answers with a record', async ({ code }) => {
    await expectHostIntact(code)
  })

  it.each(HOST_BREAKERS)('$name: the host answers with a record', async ({ code }) => {
    await expectHostIntact(code)
  })

  // An uncaught exception in a timer reaches the host through `host.crash(payload)`. The shim
  // serializes the payload with the JSON.stringify it captured, and `crash` records the fault
  // even when the payload cannot be read (guest-text.ts), so replacing JSON.stringify cannot
  // turn the crash into a success: on Lambda an uncaught exception ends the process.
  it('an uncaught exception in a timer still ends the environment when JSON.stringify is replaced', async () => {
    const record = await expectHostIntact(`  setTimeout(() => {
    const real = JSON.stringify
    JSON.stringify = () => 'x'
    Promise.resolve().then(() => { JSON.stringify = real })
    throw new Error('uncaught in timer')
  }, 1)
  await new Promise((r) => setTimeout(r, 10))
  return 'survived'`)
    expect([record.status, record.environmentDiscarded]).toEqual(['failed', 'crash'])
  })

  it('an uncaught exception in a timer whose body cannot even be built still ends the environment', async () => {
    // The error's `name` getter throws, so neither the log line nor the error body can be made:
    // the shim hands `crash` nothing readable, and the host reports the runtime's exit.
    const record = await expectHostIntact(`  setTimeout(() => {
    const e = new Error('nameless')
    Object.defineProperty(e, 'name', { get() { throw new Error('no name') } })
    throw e
  }, 1)
  await new Promise((r) => setTimeout(r, 10))
  return 'survived'`)
    expect([record.status, record.environmentDiscarded]).toEqual(['failed', 'crash'])
    expect(record.error?.errorType).toBe('Runtime.ExitError')
  })
})
