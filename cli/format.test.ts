import { describe, expect, it } from 'vitest'
import type { RunSummary, SimulationReport } from '../src/core/scenario/types'
import {
  formatReport,
  formatRunError,
  formatScenarioErrors,
  formatUsd,
  summaryLine,
} from './format'

function summary(patch: Partial<RunSummary>): RunSummary {
  return {
    invocations: 0,
    coldStarts: 0,
    coldStartRatio: 0,
    throttles: 0,
    errors: 0,
    retries: 0,
    deadLettered: 0,
    dropped: 0,
    durationMs: { p50: 0, p90: 0, p99: 0 },
    maxConcurrency: 0,
    avgInstances: 0,
    avgBusy: 0,
    billing: {
      requests: 0,
      gbSeconds: 0,
      usd: { requests: 0, compute: 0, provisioned: 0, total: 0 },
    },
    ...patch,
  }
}

const usd = (total: number) => ({
  requests: 0,
  gbSeconds: 0,
  usd: { requests: 0, compute: total, provisioned: 0, total },
})
const api = summary({
  invocations: 3245,
  coldStarts: 12,
  coldStartRatio: 12 / 3245,
  durationMs: { p50: 120, p90: 150, p99: 190.3 },
  maxConcurrency: 3,
  billing: usd(0.001234),
})
const worker = summary({
  invocations: 10,
  errors: 4,
  retries: 2,
  deadLettered: 1,
  durationMs: { p50: 8.25, p90: 9, p99: 9.5 },
  maxConcurrency: 1,
  billing: usd(0.00001),
})
const report: SimulationReport = {
  ...summary({
    invocations: 3255,
    coldStarts: 12,
    coldStartRatio: 12 / 3255,
    errors: 4,
    retries: 2,
    deadLettered: 1,
    durationMs: { p50: 120, p90: 150, p99: 190 },
    maxConcurrency: 4,
    billing: usd(0.001244),
  }),
  seed: 42,
  durationSeconds: 3600,
  functions: { api, worker },
}

describe('the human report', () => {
  it('starts with a one-line summary that mentions async outcomes only when there are some', () => {
    expect(summaryLine('steady.json', report)).toBe(
      'steady.json (seed 42, 1 h): 3,255 invocations, 12 cold (0.4%), 0 throttles, 4 errors, 2 retries, 1 dead-lettered, p99 190 ms, $0.001244',
    )
    expect(
      summaryLine('one.json', { ...report, retries: 0, deadLettered: 0, durationSeconds: 90 }),
    ).not.toMatch(/retries|dead/)
  })

  it('then a table: one row per function and a total row when there are several', () => {
    const lines = formatReport('steady.json', report).split('\n')
    expect(lines[2]).toMatch(
      /^function\s+invocations\s+cold\s+throttles\s+errors\s+p50 ms\s+p99 ms\s+max conc\s+cost$/,
    )
    expect(lines[3]).toMatch(/^api\s+3,245\s+12\s+0\s+0\s+120\s+190\s+3\s+\$0\.001234$/)
    expect(lines[4]).toMatch(/^worker\s+10\s+0\s+0\s+4\s+8\.3\s+9\.5\s+1\s+\$0\.000010$/)
    expect(lines[5]).toMatch(/^\(all\)\s+3,255/)
    // Columns line up: every row has the same length.
    expect(new Set(lines.slice(2, 6).map((l) => l.length)).size).toBe(1)
  })

  it('formats money as cents from a dollar up and to the micro-dollar below', () => {
    expect([formatUsd(0), formatUsd(12345.678), formatUsd(0.0000125)]).toEqual([
      '$0',
      '$12,345.68',
      '$0.000013',
    ])
  })
})

describe('an invalid scenario', () => {
  it('is a one-line summary, then Details with each field, then How to fix', () => {
    const text = formatScenarioErrors('bad.json', [
      { path: 'functions[0].memoryMB', message: 'too big' },
      { path: 'sed', message: 'unknown key; did you mean "seed"?' },
    ])
    expect(text.split('\n').slice(0, 5)).toEqual([
      '✘ bad.json is not a valid scenario (2 errors).',
      '',
      'Details:',
      '  functions[0].memoryMB: too big',
      '  sed: unknown key; did you mean "seed"?',
    ])
    expect(text).toMatch(/How to fix: .*docs\/scenario\.md/s)
  })
})

describe('a run that fails', () => {
  it('names the file, gives the reason and says it is a bug to report', () => {
    expect(formatRunError('odd.json', 'boom').split('\n')).toEqual([
      '✘ The simulation of odd.json stopped with an error.',
      '',
      'Details:',
      '  boom',
      '',
      'How to fix: the scenario passed validation, so this is a bug in the playground; please report',
      'it with the scenario file.',
    ])
  })
})
