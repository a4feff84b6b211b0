import type { makeFiles } from './env-files'
import type { EnvFiles, EnvProgramConfig, EnvState, InitFinish, Loop } from './env-types'
import type { Phase, Status } from './env-types'
import type { Job, Primitives } from './lock-down'
import type { FileImport, LoadFailure, ModuleSpec, PageMessage, SdkImport } from './protocol'

/**
 * Makes INIT for the worker (turned into text: it may use nothing from this module's scope):
 * loads the user's module as the QuickJS kind's `ModuleLoader` does, natively. An ES module is
 * imported from a blob URL (the user's line numbers kept); CommonJS runs in Node's wrapper. The
 * errors are Lambda's: `Runtime.UserCodeSyntaxError`, `Runtime.ImportModuleError` for any import
 * but the AWS SDK subset's and the function's own files,
 * `Runtime.HandlerNotFound`, or what the module threw (logged by the shim). An ES import of a
 * package of the subset is pointed at a blob of its module text (`cfg.sdkModules`), which
 * reads the shim's clients; `require` finds them in the shim itself. The function's other files
 * come through `makeFiles` (env-files.ts): `require` finds them, ES imports point at their blobs.
 */
export function makeLoader(
  env: EnvState,
  io: Primitives,
  cfg: EnvProgramConfig,
  loop: Loop,
  filesPart: typeof makeFiles,
): (m: Extract<PageMessage, { t: 'init' }>) => void {
  const { safe } = loop
  const G = globalThis as unknown as Record<string, unknown>
  // A one-time global hook under a name user code cannot know (gone before user code runs).
  const hook = (fn: (value: unknown) => void): string => {
    const key = `__lambda${String(Math.random()).slice(2)}${String(io.wallNow()).slice(-4)}`
    const once = (value: unknown): void => {
      Reflect.deleteProperty(G, key)
      fn(value)
    }
    Object.defineProperty(G, key, { value: once, configurable: true })
    return `globalThis[${JSON.stringify(key)}]`
  }

  // Each package's module text as a blob URL of this worker, made on first import.
  const sdkUrls: Record<string, string> = {}
  const sdkUrl = (name: string): string => {
    const known = sdkUrls[name]
    if (known !== undefined) return known
    const url = io.blobUrl(cfg.sdkModules[name] ?? '')
    sdkUrls[name] = url
    return url
  }
  let files: EnvFiles | undefined
  // V8 names the blob where the user wrote the package: a message gets the package's name back.
  const named = (message: string): string => {
    let text = files ? files.named(message) : message
    for (const name of Object.keys(sdkUrls)) text = text.split(sdkUrls[name] ?? name).join(name)
    return text
  }
  // The specifier literals of the subset's packages and of the function's files, each replaced
  // by its blob's URL (the page found them with a parser; each is checked against the code).
  const withUrls = (m: { code: string; sdkImports?: SdkImport[]; fileImports?: FileImport[] }) =>
    (files as EnvFiles).pointed(
      m.code,
      [...(m.sdkImports ?? []), ...(m.fileImports ?? [])],
      (item) =>
        'file' in item
          ? (files as EnvFiles).urlOf((item as FileImport).file)
          : typeof cfg.sdkModules[item.specifier] === 'string'
            ? sdkUrl(item.specifier)
            : undefined,
    )

  const classify = (error: unknown, esm: boolean, code: string): LoadFailure => {
    const name = safe(() => String((error as Error).name), 'Error')
    const message = named(safe(() => String((error as Error).message), ''))
    // A parse error of the module has no frames; a SyntaxError thrown by running code has.
    const framed = safe(() => String((error as Error).stack), '').includes('\n    at ')
    if (esm && name === 'SyntaxError' && !framed) return { kind: 'syntax', message }
    const resolved = /Failed to resolve module specifier ["']([^"']*)["']/.exec(message)
    if (esm && resolved) return { kind: 'import', specifier: resolved[1] ?? '' }
    if (esm && message.startsWith('Failed to fetch dynamically imported module')) {
      const from = /(?:^|[\n;])\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/.exec(code)
      const bare = /(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/.exec(code)
      return { kind: 'import', specifier: from?.[1] ?? bare?.[1] ?? '' }
    }
    const id = /^Cannot find module '([^']*)'/.exec(message)
    if (id && safe(() => (error as { code?: unknown }).code, '') === 'MODULE_NOT_FOUND')
      return { kind: 'import', specifier: id[1] ?? '', message }
    // A required file that does not parse (compiled by the finder, named by its path).
    const file = safe(() => (error as { lambdaFile?: unknown }).lambdaFile, undefined)
    if (name === 'SyntaxError' && typeof file === 'string') return { kind: 'syntax', message, file }
    const payload = safe(() => env.shim?.initError(error), '')
    const payloadJson = typeof payload === 'string' ? payload : ''
    return { kind: 'thrown', payloadJson, name, message }
  }

  const resolveHandler = (exportsObject: unknown, path: string): LoadFailure | undefined => {
    const status = safe(() => env.shim?.resolveHandler(exportsObject, path), 'missing')
    if (status === 'ok') return undefined
    return { kind: 'handler', status: status === 'not-function' ? 'not-function' : 'missing' }
  }

  // The CommonJS wrapper compiled as a classic script, not eval code: V8 names an anonymous
  // function of eval code `eval`, where Node's top-level frame reads `Object.<anonymous>`. The
  // script hands the wrapper to a hook called on line 1, so the column offset grows by its length.
  const compileWrapper = (code: string, file: string): [unknown, number] => {
    // Parsed by eval first: a syntax error then reads as V8 words it, with no prefix.
    const evaluated = io.evaluate(`${cfg.cjsHead}${code}\n})\n//# sourceURL=${file}`)
    if (!io.runScript) return [evaluated, cfg.cjsHead.length]
    let wrapper: unknown = evaluated
    const head = hook((fn) => (wrapper = fn))
    io.runScript(io.blobUrl(`${head}${cfg.cjsHead}${code}\n})\n//# sourceURL=${file}`))
    return [wrapper, head.length + cfg.cjsHead.length]
  }

  // CommonJS: the wrapper is compiled here (no user code runs), then the shim calls it in a job.
  const loadCommonJs = (module: ModuleSpec, finish: InitFinish): Job | undefined => {
    const { code, file, exportPath } = module
    const done = (failure?: LoadFailure): undefined => {
      env.clock.end()
      const p = env.phase as Phase
      finish(p.fault ? 'crash' : env.clock.at > p.deadline ? loop.timeout() : 'done', failure)
      return undefined
    }
    let compiled: [unknown, number]
    try {
      compiled = compileWrapper(code, file)
    } catch (error) {
      const name = safe(() => String((error as Error).name), '')
      if (name === 'SyntaxError') return done({ kind: 'syntax', message: (error as Error).message })
      return done(classify(error, false, code))
    }
    let failure: LoadFailure | undefined
    return loop.job(env.shim?.loadCommonJs, [compiled[0], file, compiled[1]], () => done(failure), {
      onReturn: (exportsObject) => (failure = resolveHandler(exportsObject, exportPath)),
      onThrow: (error) => (failure = env.phase?.fault ? undefined : classify(error, false, code)),
    })
  }

  // The first module evaluated, with one import appended (declarations are hoisted; the user's
  // lines keep their numbers): a marker module that runs once the blobs are fetched and parsed,
  // just before the user's first statement. INIT's clock starts there: loading is not INIT time.
  const marked = (code: string): string => {
    const started = hook(() => {
      if (!env.phase?.loading) return
      env.phase.loading = false
      env.clock.begin()
    })
    const marker = io.blobUrl(`${started}()`)
    if (env.phase) env.phase.loading = true
    return `${code}\nimport ${JSON.stringify(marker)}`
  }

  const loadEsm = (module: ModuleSpec, finish: InitFinish): void => {
    const { code, file, exportPath } = module
    const register = (path: string, text: string): void =>
      safe(() => env.shim?.registerSource(path, text), undefined)
    ;(files as EnvFiles).esUrls(withUrls, marked, register)
    const first = module.files?.firstEvaluated === undefined
    const runnable = `${first ? marked(withUrls(module)) : withUrls(module)}\n//# sourceURL=${file}`
    let failure: LoadFailure | undefined
    let state: Status = 'pending'
    safe(() => env.shim?.registerSource(file, code), undefined)
    const settled = (result: LoadFailure | undefined): void => {
      failure = result
      state = 'done'
      env.phase?.wake?.()
    }
    io.importModule(io.blobUrl(runnable)).then(
      (ns) => settled(resolveHandler(ns, exportPath)),
      (error: unknown) => settled(env.phase?.fault ? undefined : classify(error, true, code)),
    )
    io.later(() =>
      loop.turn(
        () => state,
        (how) => finish(how, failure),
      ),
    )
  }

  return (m) => {
    env.clock.advanceTo(m.createdAt)
    safe(() => env.shim?.configure(m.envJson, m.contextJson), undefined)
    files = filesPart(io, m.module.files, compileWrapper, cfg.bootstrapFile)
    const finder = files.find
    if (m.module.files) safe(() => env.shim?.setFileLoader(finder), undefined)
    loop.startPhase(m.createdAt, m.deadline)
    const finish: InitFinish = (how, failure) =>
      loop.report(how, how === 'done' && failure ? { load: failure } : {})
    if (m.module.kind === 'cjs') io.later(() => loadCommonJs(m.module, finish))
    else loadEsm(m.module, finish)
  }
}
