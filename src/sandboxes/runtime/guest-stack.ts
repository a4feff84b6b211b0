/**
 * Guest-side source of `__mapStack` and `__nodeStack`: QuickJS stacks rewritten the way Node
 * prints them. QuickJS's `error.stack` holds frames only (`    at f (file:3:11)`); Node's starts
 * with `Name: message`, names top-level module code by its location alone, and calls anonymous
 * functions `<anonymous>`. Frames of the runtime shim itself are dropped, and the first line of a
 * CommonJS module is shifted back by the width of the wrapper the shim put around it.
 *
 * `__stackOptions.cjsOffset` is set by the shim when it loads a CommonJS module (`cjsFiles`
 * holds the offset of each of the function's other CommonJS files), and
 * `handlerName` once it resolves the handler: that function's frames read `Runtime.<name>`.
 */
export const STACK_SOURCE = String.raw`
const __stackOptions = { cjsOffset: 0, cjsFile: '', cjsFiles: Object.create(null), handlerName: '', taskPrefix: '/var/task/' }

function __mapFrame(line) {
  const m = /^\s*at (.*?) \((.*)\)$/.exec(line)
  if (!m) {
    // QuickJS's JSON parser adds a frame for the position in the text; V8 has none.
    if (/^\s*at <input>:/.test(line)) return null
    return line.startsWith('    at ') ? line : '    at ' + line.trim()
  }
  let name = m[1]
  let where = m[2]
  if (where.startsWith('lambda-runtime:')) return null
  if (where === 'native') {
    where = '<anonymous>'
    if (name === 'parse' || name === 'stringify') name = 'JSON.' + name
  }
  const pos = /^(.*):(\d+):(\d+)$/.exec(where)
  if (pos && pos[2] === '1' && (pos[1] === __stackOptions.cjsFile || pos[1] in __stackOptions.cjsFiles)) {
    const offset = pos[1] === __stackOptions.cjsFile ? __stackOptions.cjsOffset : __stackOptions.cjsFiles[pos[1]]
    where = pos[1] + ':1:' + Math.max(1, Number(pos[3]) - offset)
  }
  if (name === '<eval>') {
    return where.endsWith('.mjs') || /\.mjs:\d+:\d+$/.test(where)
      ? '    at ' + where
      : '    at Object.<anonymous> (' + where + ')'
  }
  if (name === '<anonymous>') return '    at ' + where
  // Lambda calls the handler as a method of its Runtime object, so V8 names that frame so.
  if (name === __stackOptions.handlerName && where.includes(__stackOptions.taskPrefix)) name = 'Runtime.' + name
  return '    at ' + name + ' (' + where + ')'
}

function __mapStack(stack) {
  const lines = String(stack).split('\n')
  const out = []
  for (const line of lines) {
    if (line.trim() === '') continue
    if (!/^\s*at /.test(line)) { out.push(line); continue }
    const mapped = __mapFrame(line)
    if (mapped !== null) out.push(mapped)
  }
  return out.join('\n')
}

// QuickJS reports these engine limits as InternalError where V8 throws a RangeError (the
// message is V8's too: v8-messages.ts).
function __nodeName(err) {
  if (err && err.name === 'InternalError' &&
    (err.message === 'stack overflow' || err.message === 'string too long')) return 'RangeError'
  return String(err.name)
}

// V8's wording for the engine's own errors (v8-messages.ts).
function __nodeMessage(err) {
  return __v8Message(err)
}

function __nodeStack(err) {
  const name = __nodeName(err)
  const message = __nodeMessage(err)
  const head = message ? name + ': ' + message : name
  const frames = typeof err.stack === 'string' ? __mapStack(err.stack) : ''
  // Node keeps 10 frames (Error.stackTraceLimit).
  const body = frames.split('\n').filter((l) => /^\s*at /.test(l)).slice(0, 10)
  return [head].concat(body).join('\n')
}
`
