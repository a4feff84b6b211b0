/**
 * What the browser benchmarks share: a production build (unless BENCH_NO_BUILD=1 or BENCH_DIST
 * names a build elsewhere), a `vite preview` server on a port of their own, and Chromium launched
 * the way the e2e tests do.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium'

export const root = join(import.meta.dirname, '..')

/** The build measured: BENCH_DIST when set (not rebuilt), else dist/. */
const benchDist = process.env.BENCH_DIST

/** Builds the app unless BENCH_NO_BUILD or BENCH_DIST is set (then that build is measured as it is). */
export function buildUnlessAsked(): void {
  if (process.env.BENCH_NO_BUILD || benchDist) return
  const build = spawnSync(join(root, 'node_modules/.bin/vite'), ['build'], {
    cwd: root,
    stdio: 'ignore',
  })
  if (build.status !== 0) throw new Error('vite build failed: run `npm run build` to see why')
}

/** Serves the build (dist/, or BENCH_DIST) on `port` and resolves once it answers. */
export async function startPreview(port: number): Promise<ChildProcess> {
  const origin = `http://127.0.0.1:${port}`
  const outDir = benchDist ? ['--outDir', benchDist] : []
  const server = spawn(
    join(root, 'node_modules/.bin/vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...outDir],
    { cwd: root, stdio: 'ignore' },
  )
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(origin)).ok) return server
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  server.kill()
  throw new Error(`vite preview did not answer on ${origin}`)
}

/** Headless Chromium with the e2e tests' flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true })
}
