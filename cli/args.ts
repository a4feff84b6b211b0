/**
 * The command line of `npm run simulate`: `<scenario.json> [--seed N] [--json]`. Parsing is a pure
 * function so that every accepted and refused form is tested without spawning a process.
 */

/** What the command line asks for. */
export type Command =
  | { kind: 'run'; file: string; seed: number | undefined; json: boolean }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

/** Usage text, printed by `--help` and after a command-line error. */
export const Usage = `Usage: npm run simulate -- <scenario.json> [--seed N] [--json]

  <scenario.json>  a scenario file (format: docs/scenario.md; examples: scenarios/)
  --seed N         replace the scenario's seed (a whole number 0–4294967295)
  --json           print the report as one JSON object instead of tables
  --help           show this text`

const MaxSeed = 4_294_967_295

function parseSeed(text: string | undefined): number | string {
  if (text === undefined || text === '') return '--seed needs a value, e.g. --seed 42'
  const seed = Number(text)
  if (!/^\d+$/.test(text) || seed > MaxSeed)
    return `--seed ${text} is not a whole number 0–${MaxSeed}`
  return seed
}

/**
 * Reads the arguments after the script name (`process.argv.slice(2)`).
 *
 * @example
 * parseArgs(['scenarios/steady-api.json', '--seed', '7']) // { kind: 'run', file: …, seed: 7, json: false }
 */
export function parseArgs(argv: readonly string[]): Command {
  let file: string | undefined
  let seed: number | undefined
  let json = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    if (arg === '--json') json = true
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg === '--seed' ? argv[++i] : arg.slice('--seed='.length)
      const parsed = parseSeed(value)
      if (typeof parsed === 'string') return { kind: 'error', message: parsed }
      seed = parsed
    } else if (arg.startsWith('-')) return { kind: 'error', message: `unknown option ${arg}` }
    else if (file !== undefined)
      return { kind: 'error', message: `one scenario at a time (got ${file} and ${arg})` }
    else file = arg
  }
  if (file === undefined) return { kind: 'error', message: 'no scenario file given' }
  return { kind: 'run', file, seed, json }
}
