import { describe, expect, it } from 'vitest'
import { parseArgs } from './args'

describe('parseArgs', () => {
  it('reads a file, --seed N or --seed=N, and --json in any order', () => {
    expect(parseArgs(['a.json'])).toEqual({
      kind: 'run',
      file: 'a.json',
      seed: undefined,
      json: false,
    })
    expect(parseArgs(['--json', 'a.json', '--seed', '7'])).toEqual({
      kind: 'run',
      file: 'a.json',
      seed: 7,
      json: true,
    })
    expect(parseArgs(['a.json', '--seed=0'])).toEqual({
      kind: 'run',
      file: 'a.json',
      seed: 0,
      json: false,
    })
  })

  it('asks for help with --help or -h', () => {
    expect(parseArgs(['a.json', '--help'])).toEqual({ kind: 'help' })
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' })
  })

  it('refuses a missing file, two files, unknown options and bad seeds', () => {
    expect(parseArgs([])).toEqual({ kind: 'error', message: 'no scenario file given' })
    expect(parseArgs(['a.json', 'b.json'])).toEqual({
      kind: 'error',
      message: 'one scenario at a time (got a.json and b.json)',
    })
    expect(parseArgs(['a.json', '--verbose'])).toEqual({
      kind: 'error',
      message: 'unknown option --verbose',
    })
    expect(parseArgs(['a.json', '--seed'])).toEqual({
      kind: 'error',
      message: '--seed needs a value, e.g. --seed 42',
    })
    expect(parseArgs(['a.json', '--seed', '-3'])).toMatchObject({
      kind: 'error',
      message: '--seed -3 is not a whole number 0–4294967295',
    })
    expect(parseArgs(['a.json', '--seed', '1.5'])).toMatchObject({ kind: 'error' })
    expect(parseArgs(['a.json', '--seed', '4294967296'])).toMatchObject({ kind: 'error' })
  })
})
