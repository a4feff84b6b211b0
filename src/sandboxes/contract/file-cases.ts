import type { ContractCase } from './types'
import {
  failedWith,
  invocation,
  matches,
  messages,
  responded,
  same,
  verify,
  warmAfter,
} from './verify'

function fileCase(
  name: string,
  title: string,
  fields: Omit<ContractCase, 'id' | 'group' | 'title'>,
): ContractCase {
  return { id: `files/${name}`, group: 'several files', title, ...fields }
}

const ESM_LIB = `export function label(n) {
  return n + ' ' + unit()
}
import { unit } from './utils/units.mjs'
export function fail(why) {
  throw new Error(why)
}
`

const CJS_LIB = `const data = require('./data.json')
exports.describe = () => data.name.toUpperCase()
exports.fail = function fail() {
  throw new TypeError('bad ' + data.name)
}
`

/** A function of several files: imports, requires, Node's errors, one module per file. */
export const fileCases: ContractCase[] = [
  fileCase('esm-import', 'an ES handler imports ./lib.js, which imports a nested file', {
    code: `import { label, fail } from './lib.js'
export const handler = async (event) => (event.fail ? fail('from lib') : label(2))
`,
    files: [
      { name: 'lib.js', code: ESM_LIB },
      { name: 'utils/units.mjs', code: "export const unit = () => 'ms'\n" },
    ],
    events: ['{}', '{"fail":true}'],
    check: verify((outcomes) => {
      responded('first', invocation(outcomes, 0), '2 ms')
      const error = failedWith('lib throws', invocation(outcomes, 1), 'Error')
      same('errorMessage', error.errorMessage, 'from lib')
      matches('trace[1]', error.trace?.[1], /^ {4}at fail \(file:\/\/\/var\/task\/lib\.js:6:\d+\)$/)
    }),
  }),
  fileCase('cjs-require', "a CommonJS handler requires './lib' (which requires JSON)", {
    code: `const lib = require('./lib')
exports.handler = async (event) => (event.fail ? lib.fail() : lib.describe())
`,
    files: [
      { name: 'lib.js', code: CJS_LIB },
      { name: 'data.json', code: '{ "name": "orders" }' },
    ],
    events: ['{}', '{"fail":true}'],
    check: verify((outcomes) => {
      responded('first', invocation(outcomes, 0), 'ORDERS')
      const error = failedWith('lib throws', invocation(outcomes, 1), 'TypeError')
      same('errorMessage', error.errorMessage, 'bad orders')
      // Node (V8) names a method called on `exports` `Object.fail`; QuickJS, `fail`.
      matches(
        'trace[1]',
        error.trace?.[1],
        /^ {4}at (Object\.)?fail \(\/var\/task\/lib\.js:4:\d+\)$/,
      )
    }),
  }),
  fileCase('missing-file', "an ES import of a missing file: Node's ERR_MODULE_NOT_FOUND", {
    code: "import { x } from './nope.js'\nexport const handler = async () => x\n",
    files: [{ name: 'lib.js', code: 'export const x = 1\n' }],
    events: ['{}'],
    check: verify((outcomes) => {
      const error = failedWith('import', invocation(outcomes, 0), 'Runtime.ImportModuleError')
      same(
        'errorMessage',
        error.errorMessage,
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/nope.js' imported from /var/task/index.mjs",
      )
    }),
  }),
  fileCase('shared-state', 'a file imported twice (ES and CommonJS) runs once; state lives on', {
    code: `import { a } from './a.mjs'
import counter from './counter.cjs'
import helper from './helper.cjs'
console.log('init')
export const handler = async () => [a(), counter.count(), helper.count()]
`,
    files: [
      { name: 'a.mjs', code: "import c from './counter.cjs'\nexport const a = () => c.count()\n" },
      { name: 'counter.cjs', code: 'let n = 0\nexports.count = () => ++n\n' },
      { name: 'helper.cjs', code: "const c = require('./counter.cjs')\nexports.count = c.count\n" },
    ],
    events: ['{}', '{}'],
    check: verify((outcomes) => {
      const first = invocation(outcomes, 0)
      const second = invocation(outcomes, 1)
      responded('first', first, [1, 2, 3])
      warmAfter('second', second, first)
      responded('second', second, [4, 5, 6])
      same('INIT lines', messages(first).slice(0, 1), ['init'])
    }),
  }),
]
