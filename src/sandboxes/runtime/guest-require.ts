/**
 * Guest-side source of Node's CommonJS `require` for the function's own files, part of the
 * runtime shim (bootstrap.ts): `__makeRequire(file, stack)` gives a module its `require`, which
 * answers the AWS SDK subset's packages (`__sdkPackage`), then asks the host's finder
 * (`__fileLoader`, set by `shim.setFileLoader`) for a relative path. Modules are cached by
 * file (`require.cache`), so each evaluates once per environment and a cycle gets the partial
 * exports of the module still loading; a missing module throws Node's `MODULE_NOT_FOUND` with
 * the require stack (`- /var/task/lib.js`, `- /var/task/index.js`, `- /var/runtime/index.mjs`).
 */
export const REQUIRE_SOURCE = String.raw`
  // CommonJS modules by file, as Node's require.cache: each evaluates once per environment, and
  // a cycle gets the partial exports of the module still loading.
  const __cjsCache = Object.create(null)
  // The host's finder of the function's other files (setFileLoader): (id, parentFile) → a
  // record { path, kind, wrapper, offset, text } or null. Absent: a single-file function.
  let __fileLoader = null

  function __notFound(id, stack) {
    const err = new Error("Cannot find module '" + id + "'\nRequire stack:\n- " + stack.join('\n- '))
    err.code = 'MODULE_NOT_FOUND'
    err.requireStack = stack.slice()
    return err
  }

  function __requireFile(found, stack) {
    const cached = __cjsCache[found.path]
    if (cached) return cached.exports
    if (found.kind === 'esm') {
      const err = new Error('require() of ES Module ' + found.path + ' from ' + stack[0] + ' not supported.')
      err.code = 'ERR_REQUIRE_ESM'
      throw err
    }
    const module = { exports: {}, id: found.path, filename: found.path, loaded: false, children: [], paths: [] }
    __cjsCache[found.path] = module
    try {
      if (found.kind === 'json') module.exports = __realJsonParse(found.text)
      else __runCommonJs(found.wrapper, found.path, found.offset, module, [found.path].concat(stack))
    } catch (e) {
      delete __cjsCache[found.path]
      throw e
    }
    module.loaded = true
    return module.exports
  }

  function __makeRequire(file, stack) {
    const require = (id) => {
      const sdk = typeof id === 'string' ? __sdkPackage(id) : undefined
      if (sdk !== undefined) return sdk
      const found = __fileLoader !== null && typeof id === 'string' ? __fileLoader(id, file) : null
      if (!found) throw __notFound(id, stack)
      return __requireFile(found, stack)
    }
    require.resolve = (id) => {
      const found = __fileLoader !== null && typeof id === 'string' ? __fileLoader(id, file) : null
      if (!found) throw __notFound(id, stack)
      return found.path.replace('file://', '')
    }
    require.cache = __cjsCache
    return require
  }

  function __runCommonJs(wrapper, file, offset, module, stack) {
    __stackOptions.cjsFiles[file] = offset
    // The wrapper's text is the module's, from 'function' on: its positions are QuickJS's.
    __registerSource(file, '(' + Function.prototype.toString.call(wrapper))
    const dir = file.slice(0, file.lastIndexOf('/')) || '/'
    wrapper.call(module.exports, module.exports, __makeRequire(file, stack), module, file, dir)
  }
`
