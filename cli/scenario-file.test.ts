import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScenario } from './scenario-file'

const dir = mkdtempSync(join(tmpdir(), 'scenario-file-'))
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('loadScenario', () => {
  it('loads a valid file, and --seed replaces its seed', () => {
    const path = file(
      'ok.json',
      JSON.stringify({ version: 1, seed: 5, functions: [{ name: 'api' }] }),
    )
    const plain = loadScenario(path)
    expect(plain.ok && plain.scenario.seed).toBe(5)
    const seeded = loadScenario(path, 99)
    expect(seeded.ok && seeded.scenario.seed).toBe(99)
  })

  it('explains a missing file', () => {
    const result = loadScenario(join(dir, 'nope.json'))
    expect(result.ok).toBe(false)
    if (!result.ok)
      expect(result.message).toMatch(
        /^✘ Could not read the scenario .*nope\.json\.\n\nDetails:\n {2}ENOENT/,
      )
  })

  it('explains JSON that does not parse', () => {
    const result = loadScenario(file('broken.json', '{ "version": 1,'))
    expect(!result.ok && result.message).toMatch(
      /Details:\n {2}not JSON: .*\n\nHow to fix: fix the JSON syntax/,
    )
  })

  it('lists the field errors of an invalid scenario', () => {
    const result = loadScenario(
      file(
        'bad.json',
        JSON.stringify({ version: 1, functions: [{ name: 'api', memoryMB: 20000 }] }),
      ),
    )
    expect(!result.ok && result.message).toContain(
      "functions[0].memoryMB: 20000 is above Lambda's maximum of 10,240 MB",
    )
  })
})
