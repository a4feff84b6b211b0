import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../core/lambda/function-config'
import { createFunctionHost } from './function-host'
import type { QuickJSFunctionHost } from './function-host'
import { nodeWasmSource } from './quickjs/load-quickjs-node'
import { disposeHosts, invoked, messages, response } from './testing'
import type { InvocationRecord, SourceFile, SourceLanguage } from './types'

const hosts: QuickJSFunctionHost[] = []

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose()
  expect(await disposeHosts()).toBe(0)
})

/** Deploys a handler with extra files and invokes it `times` times (one environment: warm). */
async function run(
  code: string,
  files: SourceFile[],
  times = 1,
  language: SourceLanguage = 'javascript',
): Promise<InvocationRecord[]> {
  const host = createFunctionHost({ wasm: nodeWasmSource, seed: 7, verifyDisposal: true })
  hosts.push(host)
  const config = { ...defaultFunctionConfig(), timeoutSeconds: 1 }
  await host.deploy({ config, code, language, files })
  const records: InvocationRecord[] = []
  for (let i = 0; i < times; i++) records.push(await invoked(host, { n: i }))
  return records
}

async function first(code: string, files: SourceFile[]): Promise<InvocationRecord> {
  const [record] = await run(code, files)
  if (!record) throw new Error('no record')
  return record
}

const counterLib: SourceFile = {
  name: 'lib.js',
  code: 'let calls = 0\nexport function count() {\n  return ++calls\n}\nexport const loadedAt = Date.now()\n',
}

describe('ES modules import the function’s other files', () => {
  it('import { x } from ./lib.js: the handler calls it', async () => {
    const record = await first(
      "import { count } from './lib.js'\nexport const handler = async () => ({ n: count() })\n",
      [counterLib],
    )
    expect(response(record)).toEqual({ n: 1 })
  })

  it('a module imported by two modules runs once, and its state lives on across warm invocations', async () => {
    const files = [
      counterLib,
      { name: 'a.mjs', code: "import { count } from './lib.js'\nexport const a = () => count()\n" },
      { name: 'b.mjs', code: "import { count } from './lib.js'\nexport const b = () => count()\n" },
    ]
    const code =
      "import { a } from './a.mjs'\nimport { b } from './b.mjs'\nconsole.log('init')\n" +
      'export const handler = async () => [a(), b()]\n'
    const records = await run(code, files, 3)
    expect(records.map((r) => response(r))).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(records.map((r) => r.cold)).toEqual([true, false, false])
    expect(messages(records[0] as InvocationRecord)).toEqual(['init'])
  })

  it('nested folders: utils/format.js imports ../config.mjs', async () => {
    const record = await first(
      "import { label } from './utils/format.js'\nexport const handler = async () => label(2)\n",
      [
        {
          name: 'utils/format.js',
          code: "import { unit } from '../config.mjs'\nexport const label = (n) => `${n} ${unit}`\n",
        },
        { name: 'config.mjs', code: "export const unit = 'ms'\n" },
      ],
    )
    expect(response(record)).toBe('2 ms')
  })

  it('a TypeScript lib is stripped and found as ./lib.js, its stack lines the user’s', async () => {
    const record = await first(
      "import { fail } from './lib.js'\nexport const handler = async () => fail('x')\n",
      [
        {
          name: 'lib.ts',
          code: 'interface Opts {\n  a: number\n}\nexport function fail(why: string): never {\n  throw new Error(why)\n}\n',
        },
      ],
    )
    expect(record.error?.errorMessage).toBe('x')
    expect(record.error?.trace?.[1]).toMatch(
      /^ {4}at fail \(file:\/\/\/var\/task\/lib\.ts:5:\d+\)$/,
    )
  })

  it('a CommonJS lib imported by an ES module: named and default imports', async () => {
    const record = await first(
      "import lib, { twice } from './lib.cjs'\nexport const handler = async () => [twice(2), lib.name]\n",
      [{ name: 'lib.cjs', code: "exports.twice = (n) => n * 2\nexports.name = 'lib'\n" }],
    )
    expect(response(record)).toEqual([4, 'lib'])
  })
})

describe('CommonJS requires the function’s other files', () => {
  it("require('./lib') and require('./lib.js') find lib.js, evaluated once", async () => {
    const code =
      "const a = require('./lib')\nconst b = require('./lib.js')\n" +
      'exports.handler = async () => [a === b, a.count(), b.count()]\n'
    const lib = { name: 'lib.js', code: 'let n = 0\nmodule.exports = { count: () => ++n }\n' }
    const records = await run(code, [lib], 2)
    expect(records.map((r) => response(r))).toEqual([
      [true, 1, 2],
      [true, 3, 4],
    ])
  })

  it('nested folders, index.js of a folder, and JSON', async () => {
    const record = await first(
      "const util = require('./util')\nexports.handler = async () => util.describe()\n",
      [
        {
          name: 'util/index.js',
          code: "const data = require('../data.json')\nconst { up } = require('./text')\nexports.describe = () => up(data.name)\n",
        },
        { name: 'util/text.js', code: 'exports.up = (s) => s.toUpperCase()\n' },
        { name: 'data.json', code: '{ "name": "orders" }' },
      ],
    )
    expect(response(record)).toBe('ORDERS')
  })

  it('a throw in a required file names it, line and column, in the stack', async () => {
    const record = await first(
      "const { boom, early } = require('./lib')\nexports.handler = async (e) => (e.n ? boom() : early())\n",
      [
        {
          name: 'lib.js',
          code: "exports.early = function early() { throw new Error('one') }\nexports.boom = function boom() {\n  throw new TypeError('no')\n}\n",
        },
      ],
    )
    expect(record.error?.errorMessage).toBe('one')
    // Line 1 of a required file, its columns shifted back past the wrapper (which is 62 wide), as
    // for the handler's file. QuickJS points at the call's '(' (column 51), V8 at `new` (42).
    expect(record.error?.trace?.[1]).toBe('    at early (/var/task/lib.js:1:51)')
  })

  it('a throw inside a required file, later, names it too', async () => {
    const [, record] = await run(
      "const { boom } = require('./lib')\nexports.handler = async (e) => (e.n ? boom() : 0)\n",
      [
        {
          name: 'lib.js',
          code: '// a comment\nexports.boom = function boom() {\n  throw new TypeError("no")\n}\n',
        },
      ],
      2,
    )
    expect(record?.error?.errorType).toBe('TypeError')
    expect(record?.error?.trace?.[1]).toMatch(/^ {4}at boom \(\/var\/task\/lib\.js:3:\d+\)$/)
  })
})

describe('CommonJS cycles and kinds', () => {
  it('a require cycle gets the partial exports of the module still loading, as in Node', async () => {
    const record = await first("const a = require('./a')\nexports.handler = async () => a.seen\n", [
      {
        name: 'a.js',
        code: "exports.early = 1\nconst b = require('./b')\nexports.seen = b.seen\n",
      },
      { name: 'b.js', code: "const a = require('./a')\nexports.seen = Object.keys(a)\n" },
    ])
    expect(response(record)).toEqual(['early'])
  })

  it('require() of an ES module file: Node 20’s ERR_REQUIRE_ESM (Node 22.12+ would load it)', async () => {
    const record = await first(
      "const lib = require('./lib.mjs')\nexports.handler = async () => 1\n",
      [{ name: 'lib.mjs', code: 'export const x = 1\n' }],
    )
    expect(record.error?.errorType).toBe('Error')
    expect(record.error?.errorMessage).toBe(
      'require() of ES Module file:///var/task/lib.mjs from /var/task/index.js not supported.',
    )
  })
})

describe('what fails, and how Node would say it', () => {
  it('an ES import of a missing file: Runtime.ImportModuleError with Node’s message', async () => {
    const record = await first(
      "import { x } from './nope.js'\nexport const handler = async () => x\n",
      [counterLib],
    )
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/nope.js' imported from /var/task/index.mjs",
    )
  })

  it("an ES import without the extension ('./lib') fails as in Node, with Node’s hint", async () => {
    const record = await first(
      "import { count } from './lib'\nexport const handler = async () => count()\n",
      [counterLib],
    )
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/lib' imported from /var/task/index.mjs\n" +
        'Did you mean to import "./lib.js"?',
    )
  })

  it('a missing import inside a lib names the lib as the importer', async () => {
    const record = await first("import './utils/a.mjs'\nexport const handler = async () => 1\n", [
      { name: 'utils/a.mjs', code: "import '../b.mjs'\n" },
    ])
    expect(record.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/b.mjs' imported from /var/task/utils/a.mjs",
    )
  })

  it('a missing package imported by a lib names the lib', async () => {
    const record = await first("import './lib.mjs'\nexport const handler = async () => 1\n", [
      { name: 'lib.mjs', code: "import _ from 'lodash'\n" },
    ])
    expect(record.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'lodash' imported from /var/task/lib.mjs",
    )
  })

  it('a missing require inside a lib: the require stack names both files', async () => {
    const record = await first("require('./lib')\nexports.handler = async () => 1\n", [
      { name: 'lib.js', code: "require('./gone')\n" },
    ])
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).toBe(
      "Error: Cannot find module './gone'\nRequire stack:\n- /var/task/lib.js\n- /var/task/index.js\n- /var/runtime/index.mjs",
    )
  })

  it('a syntax error in an ES lib: Runtime.UserCodeSyntaxError naming that file and line', async () => {
    const record = await first(
      "import { f } from './lib.mjs'\nexport const handler = async () => f()\n",
      [{ name: 'lib.mjs', code: 'export function f() {\n  return 1\n}\nlet x = (;\n' }],
    )
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.errorMessage).toBe("SyntaxError: Unexpected token ';'")
    expect(record.error?.trace?.[1]).toBe('    at file:///var/task/lib.mjs:4')
  })

  it('a syntax error in a required CommonJS lib names it too', async () => {
    const record = await first("const lib = require('./lib')\nexports.handler = async () => 1\n", [
      { name: 'lib.js', code: '\n\nconst = 3\n' },
    ])
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.trace?.[1]).toBe('    at /var/task/lib.js:3')
  })

  it('a TypeScript lib that does not parse: the stripped file’s name and line', async () => {
    const record = await first(
      "import { f } from './lib.js'\nexport const handler = async () => f()\n",
      [
        {
          name: 'lib.ts',
          code: 'export const f = (): number => 1\nexport const g = (: number => 2\n',
        },
      ],
    )
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.trace?.[1]).toBe('    at file:///var/task/lib.ts:2')
  })

  it('bad file names never reach an environment: InvalidParameterValueException names them', async () => {
    const record = await first('export const handler = async () => 1\n', [
      { name: '../escape.js', code: '' },
      { name: 'lib.js', code: '' },
      { name: 'lib.js', code: '' },
    ])
    expect(record.error?.errorType).toBe('InvalidParameterValueException')
    expect(record.error?.errorMessage.split('\n')).toEqual([
      "../escape.js: A file name cannot contain '.' or '..' segments.",
      "lib.js: A file named 'lib.js' already exists.",
    ])
  })
})
