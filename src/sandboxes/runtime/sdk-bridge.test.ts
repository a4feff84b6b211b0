import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { BOOTSTRAP_SOURCE } from './bootstrap'
import { CJS_WRAPPER_HEAD, wrapCommonJs } from './module-source'
import { SDK_PARTS } from './sdk-clients'

interface Shim {
  loadCommonJs(wrapper: unknown, file: string, offset: number): unknown
  resolveHandler(exports: unknown, path: string): string
  configure(envJson: string, contextJson: string): void
  invoke(eventJson: string, requestId: string, deadlineMs: number): void
  completeCall(id: number, ok: boolean, text: string): void
  poll(): string
}

type Host = Record<string, (...args: never[]) => unknown>

/**
 * The shim in a plain JavaScript realm with a native host object, as the Web Worker kind runs it:
 * the contract a host must meet for the SDK bridge, without QuickJS.
 */
function nativeShim(
  given: Host,
  code: string,
  parts = SDK_PARTS,
): { shim: Shim; settle: () => Promise<string> } {
  const realm = {}
  // The host compiles the shim's lazy parts in the guest's realm (QuickJS: off the clock).
  const compile = (name: string) =>
    Object.hasOwn(parts, name) ? runInNewContext(parts[name] ?? '', realm) : undefined
  const host = { compile, ...given }
  const factory = runInNewContext(BOOTSTRAP_SOURCE, realm) as (h: Host, o: object) => Shim
  const shim = factory(host, { env: {}, nodeVersion: 'v22.14.0', lts: 'Jod', arch: 'x64' })
  shim.configure('{}', JSON.stringify({ functionName: 'f', memoryLimitInMB: '128' }))
  const wrapper = runInNewContext(wrapCommonJs(code), realm)
  const exports = shim.loadCommonJs(wrapper, '/var/task/index.js', CJS_WRAPPER_HEAD.length)
  expect(shim.resolveHandler(exports, 'handler')).toBe('ok')
  // Promise jobs of the realm run on Node's own queue: a few turns settle them.
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    return shim.poll()
  }
  return { shim, settle }
}

const baseHost = (): Host => ({
  now: () => 1_767_225_600_000,
  log: () => {},
  exit: () => {},
  crash: () => {},
  overdue: () => false,
})

const HANDLER = `
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3')
const s3 = new S3Client({})
exports.handler = async () => {
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))
    return { body: await got.Body.transformToString() }
  } catch (e) { return { name: e.name, message: e.message, status: e.$metadata && e.$metadata.httpStatusCode } }
}`

describe('the bridge contract with a native host (what a sandbox kind must provide)', () => {
  it('host.call(id, service, operation, requestJson) out; shim.completeCall(id, ok, text) back', async () => {
    const calls: unknown[][] = []
    const host = { ...baseHost(), call: (...args: unknown[]) => void calls.push(args) }
    const { shim, settle } = nativeShim(host as Host, HANDLER)
    shim.invoke('{}', 'r1', Number.MAX_SAFE_INTEGER)
    expect(await settle()).toBe('0')
    expect(calls).toEqual([[1, 's3', 'GetObject', '{"Bucket":"b","Key":"k"}']])
    shim.completeCall(1, true, JSON.stringify({ Body: 'hi', $metadata: { requestId: 'q' } }))
    expect(await settle()).toBe('1\nJ{"body":"hi"}')
  })

  it('an error answer is the payload JSON, read into an SDK error', async () => {
    const host = { ...baseHost(), call: () => {} }
    const { shim, settle } = nativeShim(host as Host, HANDLER)
    shim.invoke('{}', 'r1', Number.MAX_SAFE_INTEGER)
    await settle()
    const error = {
      errorType: 'NoSuchKey',
      errorMessage: 'The specified key does not exist.',
      httpStatusCode: 404,
    }
    shim.completeCall(1, false, JSON.stringify(error))
    expect(await settle()).toBe(
      '1\nJ{"name":"NoSuchKey","message":"The specified key does not exist.","status":404}',
    )
  })

  it("a host that cannot compile the 'aws-sdk' part: the import fails with an error that says so", async () => {
    expect(() => nativeShim({ ...baseHost(), call: () => {} } as Host, HANDLER, {})).toThrow(
      'The AWS SDK subset is not available in this sandbox: its host cannot compile it',
    )
  })

  it('a host without call: every SDK call rejects with an error that says so', async () => {
    const { shim, settle } = nativeShim(baseHost(), HANDLER)
    shim.invoke('{}', 'r1', Number.MAX_SAFE_INTEGER)
    const out = JSON.parse((await settle()).split('\n')[1]?.slice(1) ?? 'null') as {
      message: string
    }
    expect(out.message).toBe(
      'AWS SDK calls are not available in this sandbox: its host has no bridge to simulated services',
    )
  })
})
