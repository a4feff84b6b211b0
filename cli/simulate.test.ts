/**
 * The command as a user runs it: a child process, its exit status, and what it prints where.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

function simulate(...args: string[]) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'cli/simulate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

describe('npm run simulate', () => {
  it('--json prints exactly one JSON object, the report, and --seed replaces the seed', () => {
    const run = simulate('scenarios/async-retries-dlq.json', '--json', '--seed', '9')
    expect(run.status).toBe(0)
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    const report = JSON.parse(run.stdout) as Record<string, unknown>
    expect(report).toMatchObject({ seed: 9, durationSeconds: 3600 })
    expect(Object.keys(report.functions as object)).toEqual(['process-order'])
  })

  it('the same scenario and seed print the same report', () => {
    const a = simulate('scenarios/spike-reserved-throttling.json', '--json')
    const b = simulate('scenarios/spike-reserved-throttling.json', '--json')
    expect(a.stdout).toBe(b.stdout)
  })

  it('without --json prints the summary line and the table', () => {
    const run = simulate('scenarios/steady-api.json')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^steady-api\.json \(seed 42, 1 h\): [\d,]+ invocations, /)
    expect(run.stdout).toMatch(/\nfunction +invocations +cold +throttles/)
  })

  it('an invalid scenario exits 1 with the field errors on stderr', () => {
    const run = simulate('cli/fixtures/invalid.json')
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^✘ cli\/fixtures\/invalid\.json is not a valid scenario \(2 errors\)\./,
    )
    expect(run.stderr).toContain("functions[0].memoryMB: 20000 is above Lambda's maximum")
  })

  it('a bad command line exits 2 with the usage', () => {
    const run = simulate('--json')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/^✘ no scenario file given\n\nUsage:/)
  })
})
