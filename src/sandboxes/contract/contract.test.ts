import { afterAll, describe, expect, it } from 'vitest'
import { createFunctionHost } from '../function-host'
import { browserHostileCases } from '../hostile/browser-cases'
import { nodeWasmSource } from '../quickjs/load-quickjs-node'
import { contractCases } from './cases'
import { runCase } from './run-case'
import type { ContractCase } from './types'

// The contract suite on QuickJS in Node: every case, on one host, as the self-test page runs
// them on each kind in the browser. The browser's hostile cases run here too: in QuickJS every
// route they try must be missing.
const host = createFunctionHost({ wasm: nodeWasmSource, seed: 7 })
afterAll(() => host.dispose())

const hostile = browserHostileCases({
  origin: 'http://127.0.0.1:4173',
  script: 'http://127.0.0.1:4173/assets/index.js',
})
const all = [...contractCases, ...hostile]
const groups = [...new Set(all.map((c) => c.group))]

describe.each(groups)('%s', (group) => {
  const cases = all.filter((c) => c.group === group)
  for (const c of cases) {
    it(c.id, async () => {
      const result = await runCase(host, c, { kind: 'quickjs' })
      expect(result.detail).toBe('')
      expect(result.result).toBe('pass')
    })
  }
})

const NEUTRAL = 'export const handler = async () => null'

/** Versions of a case that must not pass: neutral code, harmless events, default config. */
function mutants(c: ContractCase): ContractCase[] {
  const events = c.events.map(() => '{}')
  return [
    { ...c, code: NEUTRAL, language: 'javascript', events: c.events },
    { ...c, events },
    { ...c, config: {}, events },
  ]
}

describe('every check can fail', () => {
  it.each(all.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const verdicts: string[] = []
    for (const mutant of mutants(c)) {
      verdicts.push((await runCase(host, mutant, { kind: 'quickjs' })).result)
      if (verdicts.at(-1) === 'fail') break
    }
    expect(verdicts).toContain('fail')
  })
})
