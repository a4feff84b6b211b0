/**
 * A scenario whose function has `code`: the CLI runs it for real in QuickJS sandboxes.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SimulationReport } from '../src/core/scenario/types'
import { runScenario, SandboxLoadError } from './run-scenario'
import { loadScenario } from './scenario-file'

const root = join(import.meta.dirname, '..')
const file = 'scenarios/real-code-counter.json'

function simulate(...args: string[]) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'cli/simulate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

type RealRun = SimulationReport & {
  realCode: string[]
  sandboxes: { created: number; disposed: number }
}

describe('npm run simulate with real code', () => {
  it('runs the handler in QuickJS: one sandbox per cold start, warm counters advance, the waits are billed', () => {
    const run = simulate(file, '--json')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as RealRun
    // Given 6 requests, two of them together: two environments start cold, four run warm.
    expect(report.realCode).toEqual(['counter'])
    expect(report).toMatchObject({ invocations: 6, coldStarts: 2, errors: 0 })
    expect(report.sandboxes.created).toBe(report.coldStarts)
    // The handler waits 100 ms × its environment's count: a wait of 300 ms or more happens only
    // if warm invocations saw their module's counter past 2 (4 warm ones on 2 environments).
    expect(report.durationMs.p99).toBeGreaterThanOrEqual(290)
    expect(report.durationMs.p50).toBeGreaterThanOrEqual(100)
    // 1,024 MB: the waits alone are at least (1 + 1 + 2 + 3 + 4 + 5) × 100 ms ≥ 1.2 GB-s, however
    // the warm requests spread; INIT (billed) and CPU add a little.
    expect(report.billing.gbSeconds).toBeGreaterThanOrEqual(1.2)
    expect(report.billing.gbSeconds).toBeLessThan(2.5)
    expect(report.billing.usd.compute).toBeGreaterThan(0)
  })

  it('the human report names the functions that ran real code', () => {
    const run = simulate(file)
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^real-code-counter\.json \(seed 7, 1 min\): 6 invocations, 2 cold/)
    expect(run.stdout).toContain(
      'Real code: counter ran in QuickJS sandboxes (2 environments created)',
    )
  })

  it('the same seed gives the same counts', () => {
    const counts = [1, 2].map(() => {
      const r = JSON.parse(simulate(file, '--json').stdout) as RealRun
      return [r.invocations, r.coldStarts, r.errors, r.throttles, r.sandboxes.created]
    })
    expect(counts[0]).toEqual(counts[1])
  })

  it('a wasm that cannot load is a clear error, not a silent fallback to the duration model', async () => {
    const loaded = loadScenario(join(root, file))
    if (!loaded.ok) throw new Error(loaded.message)
    const wasm = () => Promise.reject(new Error('ENOENT: emscripten-module.wasm'))
    const failed = runScenario(loaded.scenario, { wasm })
    await expect(failed).rejects.toBeInstanceOf(SandboxLoadError)
    await expect(failed).rejects.toMatchObject({
      functions: ['counter'],
      message: 'Could not load the QuickJS sandbox (WebAssembly): ENOENT: emscripten-module.wasm',
    })
  })

  it("real code calls simulated S3 through the SDK without an error, and the calls' latency is in Duration", async () => {
    const loaded = loadScenario(join(root, 'scenarios/real-code-s3.json'))
    if (!loaded.ok) throw new Error(loaded.message)
    const run = await runScenario(loaded.scenario)
    // Given four requests a second apart: one environment, one cold start, no errors.
    expect(run.report).toMatchObject({ invocations: 4, coldStarts: 1, errors: 0 })
    // GetObject (10 ms) and PutObject (20 ms) in virtual time: at least 30 ms each.
    expect(run.report.durationMs.p50).toBeGreaterThanOrEqual(30)
  })
})
