// Makes sure a Chromium exists for the end-to-end tests and benchmarks, installing one if it can.
// Order: $CHROMIUM_PATH, Playwright's own download, /usr/bin/chromium; else apt-get (root on
// Debian), else Playwright's installer; else a message that says exactly what to run.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const candidates = [
  process.env.CHROMIUM_PATH,
  safe(() => chromium.executablePath()),
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean)

function safe(fn) {
  try {
    return fn()
  } catch {
    return undefined
  }
}

function found() {
  return candidates.find((path) => existsSync(path))
}

function run(command) {
  console.log(`ensure-chromium: ${command}`)
  execSync(command, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

let path = found()
if (!path) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  try {
    if (isRoot && hasApt) {
      run('apt-get update -qq')
      run('apt-get install -y -qq chromium fonts-dejavu-core')
    } else {
      run('npx playwright install chromium')
    }
  } catch (error) {
    console.error(`ensure-chromium: the install failed: ${error.message}`)
  }
  candidates.push(safe(() => chromium.executablePath()))
  path = found()
}

if (!path) {
  console.error(
    [
      'No Chromium found for the end-to-end tests, and none could be installed.',
      'Install one, then run the tests again:',
      '  Debian/Ubuntu (as root):  apt-get update && apt-get install -y chromium',
      '  anywhere with internet:   npx playwright install chromium',
      '  or point to a browser:    CHROMIUM_PATH=/path/to/chromium npm test',
    ].join('\n'),
  )
  process.exit(1)
}
console.log(`ensure-chromium: using ${path}`)
