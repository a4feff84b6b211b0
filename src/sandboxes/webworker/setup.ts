import type { FunctionConfig } from '../../core/lambda/function-config'
import { functionArn, logGroupName } from '../../core/lambda/function-config'
import { NODE_VERSIONS } from '../quickjs/shim-bridge'
import { moduleFile, splitHandler } from '../runtime/module-source'
import type { FilePlan } from './file-plan'
import type { InstallOptions, ModuleSpec } from './protocol'
import type { WorkerEnvironment } from './worker-environment'

/** What the runtime shim is installed with, for a function's runtime and architecture. */
export function installOptions(config: FunctionConfig): InstallOptions {
  const node = NODE_VERSIONS[config.runtime]
  const arch = config.architecture === 'arm64' ? 'arm64' : 'x64'
  return { env: {}, nodeVersion: node.version, lts: node.lts, arch }
}

/** The user's module as the worker loads it: file name, export path and imports resolved. */
export function moduleSpec(
  module: { code: string; kind: ModuleSpec['kind']; handler: string },
  plan: Pick<FilePlan, 'sdkImports' | 'fileImports' | 'files'> = {
    sdkImports: [],
    fileImports: [],
  },
): ModuleSpec {
  const { moduleName, exportPath } = splitHandler(module.handler)
  const spec: ModuleSpec = {
    code: module.code,
    kind: module.kind,
    file: moduleFile(moduleName, module.kind),
    exportPath,
  }
  if (plan.sdkImports.length > 0) spec.sdkImports = plan.sdkImports
  if (plan.fileImports.length > 0) spec.fileImports = plan.fileImports
  if (plan.files) spec.files = plan.files
  return spec
}

/** The constant fields of the handler's `context` (`configureShim`'s, for QuickJS). */
export function contextConstants(
  config: FunctionConfig,
  streamName: string,
): Record<string, string> {
  return {
    functionVersion: '$LATEST',
    functionName: config.name,
    memoryLimitInMB: String(config.memoryMB),
    logGroupName: logGroupName(config.name),
    logStreamName: streamName,
    invokedFunctionArn: functionArn(config.name),
  }
}

/**
 * One worker spawned and given the runtime shim ahead of the next cold start (as the QuickJS
 * host keeps a spare sandbox): a cold start then pays INIT and the invocation only. A spare
 * fits any function with the same runtime and architecture.
 */
export class SpareWorker {
  private spare: { key: string; env: Promise<WorkerEnvironment> } | undefined

  constructor(private readonly spawn: (config: FunctionConfig) => Promise<WorkerEnvironment>) {}

  /** Makes a spare for `config`, unless one that fits is already there. */
  prepare(config: FunctionConfig): void {
    const key = JSON.stringify(installOptions(config))
    if (this.spare?.key === key) return
    this.drop()
    const env = this.spawn(config)
    env.catch(() => undefined)
    this.spare = { key, env }
  }

  /** The spare if it fits and its worker lives, else a new worker. */
  take(config: FunctionConfig): Promise<WorkerEnvironment> {
    const spare = this.spare
    this.spare = undefined
    if (spare?.key !== JSON.stringify(installOptions(config))) {
      if (spare)
        void spare.env.then(
          (env) => env.dispose(),
          () => undefined,
        )
      return this.spawn(config)
    }
    return spare.env.then((env) => (env.usable ? env : this.spawn(config)))
  }

  private drop(): void {
    const spare = this.spare
    this.spare = undefined
    if (spare)
      void spare.env.then(
        (env) => env.dispose(),
        () => undefined,
      )
  }

  /** Terminates the spare. */
  async dispose(): Promise<void> {
    const spare = this.spare
    this.spare = undefined
    await spare?.env.then(
      (env) => env.dispose(),
      () => undefined,
    )
  }
}
