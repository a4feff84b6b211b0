import { LOG_CAP_BYTES } from '../runtime/log-buffer'
import { BOOTSTRAP_FILE, BOOTSTRAP_SOURCE } from '../runtime/bootstrap'
import { LAZY_PARTS } from '../runtime/format-part'
import { CJS_WRAPPER_HEAD } from '../runtime/module-source'
import { SDK_PARTS } from '../runtime/sdk-clients'
import { SDK_PACKAGES, sdkModuleSource } from '../runtime/sdk-packages'
import { Limits } from '../../core/lambda/limits'
import { MAX_OUTSTANDING_CALLS, MAX_UNSENT_REQUEST_CHARS } from '../quickjs/event-loop'
import { makeClock } from './env-clock'
import { makeFiles } from './env-files'
import { makeLoader } from './env-load'
import { makeLoop } from './env-loop'
import { envProgram } from './env-program'
import type { EnvProgramConfig } from './env-types'
import { lockDown } from './lock-down'

/** The worker program's own file name in stacks: hidden like the shim's (`lambda-runtime:`). */
export const WORKER_FILE = 'lambda-runtime:worker.js'

/**
 * Wall ms a phase may wait on real asynchronous work with no timer left (an ES module being
 * loaded from its blob URL) before it counts as waiting forever, which is a timeout.
 */
export const IDLE_WAIT_MS = 200

/** The settings baked into every environment's worker program. */
export function envProgramConfig(): EnvProgramConfig {
  return {
    bootstrapSource: BOOTSTRAP_SOURCE,
    bootstrapFile: BOOTSTRAP_FILE,
    // The shim's rarely used parts and the AWS SDK subset, compiled on first use.
    lazyParts: { ...LAZY_PARTS, ...SDK_PARTS },
    cjsHead: CJS_WRAPPER_HEAD,
    logCapChars: LOG_CAP_BYTES,
    responseLimitBytes: Limits.SyncResponseBytes,
    idleWaitMs: IDLE_WAIT_MS,
    sdkModules: Object.fromEntries(
      Object.keys(SDK_PACKAGES).map((name) => [name, sdkModuleSource(name)]),
    ),
    maxOutstandingCalls: MAX_OUTSTANDING_CALLS,
    maxUnsentChars: MAX_UNSENT_REQUEST_CHARS,
  }
}

/**
 * The environment worker's whole program as one self-contained classic script: lock down the
 * globals first, then run the environment (`envProgram`) with what was kept. It imports nothing
 * at run time, so a blob URL made in the opaque-origin frame can run it.
 */
export function envWorkerSource(config: EnvProgramConfig = envProgramConfig()): string {
  const json = JSON.stringify(config)
  const parts = `{ makeClock: ${makeClock.toString()}, makeLoop: ${makeLoop.toString()}, makeLoader: ${makeLoader.toString()}, makeFiles: ${makeFiles.toString()} }`
  const program = `(${envProgram.toString()})(${json}, (${lockDown.toString()})(), ${parts})`
  return `'use strict';\n${program}\n//# sourceURL=${WORKER_FILE}\n`
}
