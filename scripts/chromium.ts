import { existsSync } from 'node:fs'

/** Flags for headless Chromium on these machines: no sandbox (root), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
]

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/**
 * Finds a Chromium: $CHROMIUM_PATH, then a browser Playwright downloaded, then the system's.
 * Returns undefined when none exists (scripts/ensure-chromium.mjs installs one).
 */
export function findChromium(playwrightBrowser?: string): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return fromEnv
  if (playwrightBrowser && existsSync(playwrightBrowser)) return playwrightBrowser
  return CANDIDATES.find((path) => existsSync(path))
}
