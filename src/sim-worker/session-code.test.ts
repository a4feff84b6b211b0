import { describe, expect, it } from 'vitest'
import { parseScenario } from '../core'
import { nodeWasmSource } from '../sandboxes/quickjs/load-quickjs-node'
import { runScenario } from '../../cli/run-scenario'
import { createAsyncSimSession, createSimSession } from './session'
import { sparesFor } from './sandbox-set'

const counter = `let count = 0
export const handler = async (event) => {
  count += 1
  console.log('counter says', count)
  if (event.fail) throw new Error('asked to fail')
  return { count, echo: event.key1 ?? null }
}
`

/**
 * One request a second for 20 s against a handler with a module-level counter. CPU time is
 * measured (wall time of the guest), so the gaps are wide and the memory is one vCPU (no ×13.8
 * scaling of a slow first call): the counts do not depend on how busy the machine is.
 */
const steady = {
  version: 1,
  seed: 11,
  durationSeconds: 20,
  pricing: { model: 'current', freeTier: false },
  functions: [{ name: 'api', memoryMB: 1769, code: counter }],
  traffic: [{ function: 'api', arrivals: { kind: 'constant', ratePerSecond: 1 } }],
}

/** The counts a run's report gives (durations are measured, so only counts must agree). */
function counts(report: { invocations: number; coldStarts: number; errors: number }) {
  const { invocations, coldStarts, errors } = report
  return { invocations, coldStarts, errors }
}

// No wall-clock budget: each advance reaches the time asked for (the budget has its own test).
const withWasm = () => createAsyncSimSession({ wasm: nodeWasmSource, codeBudgetMs: Infinity })

describe('a session whose function has code', () => {
  it('runs the handler in QuickJS frame by frame and counts what the CLI counts', async () => {
    const session = withWasm()
    const loaded = await session.load(steady)
    expect(loaded.ok).toBe(true)
    let frame = await session.advance(0)
    while (!frame.finished) frame = await session.advance(1_700)
    const parsed = parseScenario(steady)
    if (!parsed.ok) throw new Error('invalid test scenario')
    const cli = await runScenario(parsed.scenario)
    expect(cli.realCode).toEqual(['api'])
    expect(counts(session.report()!)).toEqual(counts(cli.report))
    expect(counts(session.report()!)).toEqual({ invocations: 20, coldStarts: 1, errors: 0 })
  })

  it("logs the handler's own console lines, and the cold start's Init Duration", async () => {
    const session = withWasm()
    await session.load(steady)
    await session.advance(3_000)
    const own = session.queryLogs({ filter: { text: 'counter says' }, offset: 0, limit: 10 })
    expect(own.lines.map((l) => l.line.split('\t').slice(2).join(' '))).toEqual([
      'INFO counter says 1',
      'INFO counter says 2',
      'INFO counter says 3',
    ])
    const cold = session.queryLogs({
      filter: { coldOnly: true, text: 'REPORT' },
      offset: 0,
      limit: 9,
    })
    expect(cold.lines).toHaveLength(1)
    expect(cold.lines[0]?.line).toMatch(/Init Duration: \d+\.\d\d ms/)
  })

  it('sends one request now with the test event; its answer and lines come back', async () => {
    const session = withWasm()
    await session.load(steady)
    await session.advance(1_500)
    const sent = await session.sendNow('{"key1":"value1"}')
    expect(sent.ok && sent.sent).toMatchObject({ status: 'running', sentAt: 1500 })
    // Paused: one step at a time until it ends (the first step may be its own end).
    for (let i = 0; i < 5 && session.sentRequests()[0]?.status === 'running'; i++)
      await session.step()
    const [done] = session.sentRequests()
    expect(done).toMatchObject({ status: 'succeeded', outcome: 'success', cold: false })
    // The environment served 0 s and 1 s: the module's counter is at 3 for this one.
    expect(JSON.parse(done?.responseJson ?? '')).toEqual({ count: 3, echo: 'value1' })
    expect(done?.lines.map((l) => l.line.split(/\t| /)[0])).toEqual([
      'START',
      expect.stringMatching(/^2026-01-01T00:00:01\.5/),
      'END',
      'REPORT',
    ])
    const failed = await session.sendNow('{"fail":true}')
    expect(failed.ok).toBe(true)
    await session.advance(1_000)
    expect(session.sentRequests()[1]).toMatchObject({ status: 'failed', outcome: 'error' })
    expect(JSON.parse(session.sentRequests()[1]?.responseJson ?? '')).toMatchObject({
      errorType: 'Error',
      errorMessage: 'asked to fail',
    })
    expect(await session.sendNow('{not json')).toMatchObject({ ok: false })
  })

  it('a memory change mid-run keeps it running: new environments get the new size', async () => {
    const session = withWasm()
    await session.load(steady)
    await session.advance(5_000)
    const changed = await session.setConfig({ function: 'api', memoryMB: 256 })
    expect(changed.ok).toBe(true)
    let frame = await session.advance(1_000)
    while (!frame.finished) frame = await session.advance(5_000)
    // Lambda sends requests after a configuration update to a new environment: a second cold
    // start, whose module counts from 1 again.
    expect(session.report()).toMatchObject({ invocations: 20, coldStarts: 2, errors: 0 })
    const own = session.queryLogs({ filter: { text: 'counter says' }, offset: 0, limit: 99 })
    const firsts = own.lines.filter((l) => l.line.endsWith('counter says 1'))
    // Each starts after its INIT: the first at 0 s, the second at the first request after 5 s.
    expect(firsts.map((l) => Math.floor(l.t / 1000))).toEqual([0, 5])
  })

  it('a wall-clock budget ends a frame early; the run still ends with the same counts', async () => {
    let wall = 0
    const session = createAsyncSimSession({
      wasm: nodeWasmSource,
      codeBudgetMs: 2,
      wallNow: () => ++wall,
    })
    await session.load(steady)
    // Each read of this fake clock is 1 ms: a frame stops after a few dozen events.
    const first = await session.advance(20_000)
    expect(first.now).toBeLessThan(20_000)
    expect(first.finished).toBe(false)
    let frame = first
    while (!frame.finished) frame = await session.advance(20_000)
    expect(counts(session.report()!)).toEqual({ invocations: 20, coldStarts: 1, errors: 0 })
  })

  it('without a wasm source, or in the synchronous session, code is refused in words', async () => {
    const refused = { ok: false, errors: ['api: this session cannot run code'] }
    expect(await createAsyncSimSession().load(steady)).toEqual(refused)
    expect(createSimSession().load(steady)).toEqual(refused)
  })

  it('more simultaneous cold starts than sandboxes kept ready: an error that says what to do', async () => {
    const session = withWasm()
    const burst = { kind: 'burst', atSecond: 1, count: 40 }
    await session.load({ ...steady, traffic: [{ function: 'api', arrivals: burst }] })
    await expect(session.advance(5_000)).rejects.toThrow(
      'Running your handler failed: more cold starts at one virtual moment than QuickJS ' +
        'sandboxes kept ready (at most 16). Each execution environment is its own QuickJS ' +
        'sandbox: lower the traffic, or run with modeled durations; then reset.',
    )
  })

  it('keeps enough sandboxes ready for the most cold starts one millisecond can bring', () => {
    const scenario = (arrivals: unknown) => {
      const parsed = parseScenario({ ...steady, traffic: [{ function: 'api', arrivals }] })
      if (!parsed.ok) throw new Error('invalid')
      return parsed.scenario
    }
    expect(sparesFor(scenario({ kind: 'constant', ratePerSecond: 2 }))).toBe(3)
    expect(sparesFor(scenario({ kind: 'constant', ratePerSecond: 2500 }))).toBe(5)
    expect(sparesFor(scenario({ kind: 'list', seconds: [0, 0, 0, 1] }))).toBe(4)
    expect(sparesFor(scenario({ kind: 'burst', atSecond: 1, count: 10 }))).toBe(11)
    expect(sparesFor(scenario({ kind: 'burst', atSecond: 1, count: 5000 }))).toBe(16)
  })

  it("answers the handler's SDK calls with the simulated services, as the CLI does", async () => {
    const s3 = `import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
const s3 = new S3Client({})
export const handler = async (event, context) => {
  let previous = null
  try {
    const last = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'last' }))
    previous = await last.Body.transformToString()
  } catch (error) {
    if (error.name !== 'NoSuchKey') throw error
  }
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'last', Body: context.awsRequestId }))
  console.log('previous', previous)
  return { previous }
}
`
    const scenario = {
      ...steady,
      durationSeconds: 3,
      functions: [{ ...steady.functions[0]!, code: s3 }],
    }
    const session = withWasm()
    await session.load(scenario)
    let frame = await session.advance(0)
    while (!frame.finished) frame = await session.advance(1_000)
    expect(counts(session.report()!)).toEqual({ invocations: 3, coldStarts: 1, errors: 0 })
    // The first request found nothing; each later one read what the one before it wrote.
    const seen = session.queryLogs({ filter: { text: 'previous' }, offset: 0, limit: 10 })
    const previous = seen.lines.map((l) => l.line.split('\t').slice(3).join(' '))
    expect(previous).toHaveLength(3)
    expect(previous[0]).toBe('previous null')
    expect(previous.slice(1).every((p) => /^previous [0-9a-f-]{36}$/.test(p))).toBe(true)
  })
})
