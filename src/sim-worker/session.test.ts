import { describe, expect, it } from 'vitest'
import { createSimulation, parseScenario } from '../core'
import { createSimSession } from './session'
import { MaxTiles } from './frame'

const spike = {
  version: 1,
  seed: 7,
  durationSeconds: 120,
  pricing: { model: 'current', freeTier: false },
  functions: [{ name: 'api', memoryMB: 128, duration: { kind: 'constant', ms: 50 } }],
  traffic: [
    {
      function: 'api',
      arrivals: {
        kind: 'spike',
        baseRatePerSecond: 5,
        spikeRatePerSecond: 80,
        spikeStartSecond: 40,
        spikeDurationSeconds: 20,
      },
    },
  ],
}

/** What the CLI prints for the scenario: run() to the end, then the report. */
function cliReport(json: unknown) {
  const parsed = parseScenario(json)
  if (!parsed.ok) throw new Error('invalid test scenario')
  const sim = createSimulation(parsed.scenario)
  sim.run()
  return sim.report()
}

describe('a simulation session', () => {
  it('refuses an invalid scenario with every field error, in words', () => {
    const session = createSimSession()
    const result = session.load({ version: 1, functions: [{ name: 'api', memoryMB: 64 }] })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.join('\n')).toContain('functions[0].memoryMB')
  })

  it('advanced frame by frame, ends with the same report as the CLI', () => {
    const session = createSimSession()
    const loaded = session.load(spike)
    expect(loaded.ok && loaded.frame.now).toBe(0)
    let frame = session.advance(0)
    // 16 ms frames at 3,600× are 57.6 s of virtual time each: uneven cuts through the run.
    while (!frame.finished) frame = session.advance(57_600)
    expect(frame.now).toBeGreaterThanOrEqual(120_000)
    expect(session.report()).toEqual(cliReport(spike))
    expect(frame.snapshot.cost.usd.total).toBe(cliReport(spike).billing.usd.total)
    expect(frame.snapshot.cost.usd.total).toBeGreaterThan(0)
  })

  it('shows the spike as busy environments and counts every tile by state', () => {
    const session = createSimSession()
    session.load(spike)
    // Fractions of a virtual millisecond are dropped (the kernel counts whole ms).
    const frame = session.advance(50_000.7)
    expect(frame.now).toBe(50_000)
    const byState = frame.counts.initializing + frame.counts.busy + frame.counts.idle
    expect(byState + frame.counts.provisioned).toBe(frame.alive)
    expect(frame.tiles.length).toBe(Math.min(frame.alive, MaxTiles))
    expect(frame.alive).toBeGreaterThan(1)
    // The tiles travel alone: the snapshot's environment lists are emptied.
    expect(frame.snapshot.functions[0]?.environments).toEqual([])
  })

  it('lowering reserved concurrency mid-run throttles, and says why', () => {
    const session = createSimSession()
    session.load(spike)
    session.advance(39_000)
    const changed = session.setConfig({ function: 'api', reservedConcurrency: 1 })
    expect(changed.ok).toBe(true)
    const frame = session.advance(10_000)
    expect(frame.snapshot.total.throttled).toBeGreaterThan(0)
    const texts = frame.snapshot.notableExplanations.map((e) => e.text).join('\n')
    expect(texts).toContain('reserved concurrency 1')
    // Plain warm starts are left out: they would crowd out the decisions worth reading.
    expect(frame.snapshot.notableExplanations.some((e) => e.code === 'Warm')).toBe(false)
    // Warm starts later (still at reserved 1), the throttles are still in view: the core keeps
    // notable decisions apart from routine ones (explanations.test.ts).
    const later = session.advance(20_000)
    expect(later.snapshot.total.invocations).toBeGreaterThan(frame.snapshot.total.invocations)
    expect(later.snapshot.notableExplanations.map((e) => e.code)).toContain('ThrottleReserved')
  })

  it('refuses an impossible change and keeps running as before', () => {
    const session = createSimSession()
    session.load(spike)
    const result = session.setConfig({ function: 'api', reservedConcurrency: 5000 })
    expect(result).toEqual({ ok: false, error: expect.stringContaining('reservedConcurrency') })
    expect(session.advance(1000).snapshot.functions[0]?.reservedConcurrency).toBeNull()
  })

  it('steps one platform event at a time, and reset starts over with another seed', () => {
    const session = createSimSession()
    session.load(spike)
    const first = session.step()
    expect(first.now).toBeGreaterThan(0)
    expect(first.now).toBeLessThan(1000)
    session.advance(60_000)
    const again = session.reset(8)
    expect(again.now).toBe(0)
    expect(again.snapshot.total.requests).toBe(0)
    while (!session.advance(60_000).finished);
    expect(session.report()?.seed).toBe(8)
    expect(session.report()).toEqual(cliReport({ ...spike, seed: 8 }))
  })
})

describe('the log lines of a session', () => {
  const flaky = {
    ...spike,
    functions: [{ ...spike.functions[0], errorRate: 0.2 }],
  }

  it('keeps START, END and REPORT of every invocation and pages through them', () => {
    const session = createSimSession()
    session.load(spike)
    const frame = session.advance(60_000)
    const all = session.queryLogs({ offset: 0, limit: 10 })
    const starts = session.queryLogs({ filter: { text: 'START RequestId' }, offset: 0, limit: 0 })
    expect(starts.total).toBe(frame.snapshot.total.invocations)
    expect(all.total).toBe(3 * frame.snapshot.total.invocations)
    expect(all.lines[0]?.line).toMatch(/^START RequestId: /)
    // Later frames add only what finished since: nothing is counted twice.
    const later = session.advance(10_000)
    const again = session.queryLogs({ filter: { text: 'START RequestId' }, offset: 0, limit: 0 })
    expect(again.total).toBe(later.snapshot.total.invocations)
  })

  it('cold starts only: one REPORT with its Init Duration per cold start', () => {
    const session = createSimSession()
    session.load(spike)
    const frame = session.advance(120_000)
    const cold = session.queryLogs({ filter: { coldOnly: true }, offset: 0, limit: 1e6 })
    const reports = cold.lines.filter((l) => l.line.startsWith('REPORT'))
    expect(reports).toHaveLength(frame.snapshot.total.coldStarts)
    expect(reports.every((l) => l.line.includes('Init Duration: '))).toBe(true)
    expect(cold.lines.every((l) => l.cold)).toBe(true)
  })

  it('an error rate leaves one ERROR line per failed invocation, findable by its request id', () => {
    const session = createSimSession()
    session.load(flaky)
    const frame = session.advance(30_000)
    const errors = session.queryLogs({ filter: { levels: ['ERROR'] }, offset: 0, limit: 1e6 })
    expect(errors.total).toBe(frame.snapshot.total.errors)
    expect(errors.total).toBeGreaterThan(0)
    const first = errors.lines[0]
    expect(first?.line).toContain('\tERROR\tInvoke Error \t')
    const id = first?.requestId.slice(0, 13) ?? ''
    const one = session.queryLogs({ filter: { requestId: id }, offset: 0, limit: 100 })
    expect(one.lines.map((l) => l.line.split(/[\t ]/)[0])).toEqual([
      'START',
      first?.line.split('\t')[0],
      'END',
      'REPORT',
    ])
  })

  it('a new run starts an empty log', () => {
    const session = createSimSession()
    session.load(spike)
    session.advance(20_000)
    expect(session.queryLogs({ offset: 0, limit: 1 }).total).toBeGreaterThan(0)
    session.reset()
    expect(session.queryLogs({ offset: 0, limit: 1 })).toMatchObject({ total: 0, lines: [] })
  })
})
