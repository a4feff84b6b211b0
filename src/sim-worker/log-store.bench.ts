/**
 * What a log query costs over a full store: `npx vitest bench --run src/sim-worker`.
 * A constant run of 1,000 requests per second with a 10% error rate fills the 200,000 lines.
 */
import { bench, describe } from 'vitest'
import { createSimSession } from './session'
import type { LogFilter } from './log-store'

const busy = {
  version: 1,
  seed: 3,
  durationSeconds: 120,
  pricing: { model: 'current', freeTier: false },
  functions: [
    { name: 'api', memoryMB: 128, errorRate: 0.1, duration: { kind: 'constant', ms: 50 } },
  ],
  traffic: [{ function: 'api', arrivals: { kind: 'constant', ratePerSecond: 1000 } }],
}

const session = createSimSession()
const loaded = session.load(busy)
if (!loaded.ok) throw new Error(loaded.errors.join('\n'))
// Queried every 5 virtual seconds (5,000 invocations, under MaxPull), as a follower would.
while (!session.advance(5_000).finished) session.queryLogs({ offset: 0, limit: 0 })
const full = session.queryLogs({ offset: 0, limit: 0 })
const id = session.queryLogs({ offset: 100_000, limit: 1 }).lines[0]?.requestId.slice(0, 8)

const page = (filter: LogFilter) => () => {
  session.queryLogs({ filter, offset: Number.MAX_SAFE_INTEGER, limit: 60 })
}

describe(`a page of 60 rows out of ${full.kept.toLocaleString('en-US')} lines kept`, () => {
  bench('no filter (the tail)', page({}))
  bench('level ERROR', page({ levels: ['ERROR'] }))
  bench('cold starts only', page({ coldOnly: true }))
  bench('request id substring', page({ requestId: id ?? '' }))
  bench('text substring', page({ text: 'Billed Duration: 51 ms' }))
  bench('all filters together', page({ functions: ['api'], levels: ['platform'], text: 'END' }))
})

describe('a whole run, then the first query (it pulls the newest MaxPull invocations)', () => {
  bench(
    'run 120,000 invocations, then query',
    () => {
      const fresh = createSimSession()
      fresh.load(busy)
      while (!fresh.advance(60_000).finished);
      fresh.queryLogs({ offset: 0, limit: 1 })
    },
    { iterations: 3, time: 0 },
  )
})
