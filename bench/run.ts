/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or only those named on the command line,
 * e.g. `npm run bench -- core`). Each script measures its figures as ratios against a baseline
 * measured in the same run, prints a table and writes bench/results/<name>.json.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = import.meta.dirname
const only = process.argv.slice(2)
const scripts = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort()

if (scripts.length === 0) {
  console.error(
    `No benchmark matches ${only.join(', ')}. Available: ${readdirSync(dir).join(', ')}`,
  )
  process.exit(1)
}

let failed = 0
for (const script of scripts) {
  console.log(`\n=== ${script} ===`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, script)], {
    stdio: 'inherit',
  })
  if (result.status !== 0) failed++
}
process.exit(failed === 0 ? 0 : 1)
