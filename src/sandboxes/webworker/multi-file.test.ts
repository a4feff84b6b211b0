import vm from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { fileCases } from '../contract/file-cases'
import { runCase } from '../contract/run-case'
import type { FunctionHost, InvocationRecord, SourceFile } from '../types'
import { createWebWorkerFunctionHost } from './index'
import { vmFrame } from './vm-frame'

// The environments run in `node:vm` contexts, which have no dynamic import(): CommonJS handlers
// run here end to end; ES modules' imports are checked on the page (missing files, cycles), and
// run in Chromium (the contract suite's file cases on the self-test page).

const hosts: FunctionHost[] = []
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose()
})

async function run(code: string, files: SourceFile[], times = 1): Promise<InvocationRecord[]> {
  const frame = vmFrame(vm)
  const host = createWebWorkerFunctionHost({ seed: 5, graceMs: 50, frame: () => frame })
  hosts.push(host)
  const config = { ...defaultFunctionConfig(), timeoutSeconds: 1 }
  await host.deploy({ config, code, language: 'javascript', files })
  const records: InvocationRecord[] = []
  for (let i = 0; i < times; i++) {
    const outcome = await host.invoke(JSON.stringify({ n: i }))
    if (outcome.status === 'rejected') throw new Error(JSON.stringify(outcome.error))
    records.push(outcome)
  }
  return records
}

async function first(code: string, files: SourceFile[]): Promise<InvocationRecord> {
  const [record] = await run(code, files)
  if (!record) throw new Error('no record')
  return record
}

const answer = (r: InvocationRecord | undefined): unknown => JSON.parse(r?.responseJson ?? 'null')

describe('Web Worker kind: CommonJS requires the function’s other files', () => {
  it("require('./lib') and require('./lib.js') find lib.js once; its state lives on warm", async () => {
    const code =
      "const a = require('./lib')\nconst b = require('./lib.js')\n" +
      'exports.handler = async () => [a === b, a.count(), b.count()]\n'
    const lib = { name: 'lib.js', code: 'let n = 0\nmodule.exports = { count: () => ++n }\n' }
    const records = await run(code, [lib], 2)
    expect(records.map(answer)).toEqual([
      [true, 1, 2],
      [true, 3, 4],
    ])
    expect(records.map((r) => r.cold)).toEqual([true, false])
  })

  it('nested folders, index.js of a folder, JSON and a TypeScript file', async () => {
    const record = await first(
      "const util = require('./util')\nexports.handler = async () => util.describe()\n",
      [
        {
          name: 'util/index.js',
          code: "const data = require('../data.json')\nconst { up } = require('./text')\nexports.describe = () => up(data.name)\n",
        },
        { name: 'util/text.ts', code: 'exports.up = (s: string): string => s.toUpperCase()\n' },
        { name: 'data.json', code: '{ "name": "orders" }' },
      ],
    )
    expect(answer(record)).toBe('ORDERS')
  })

  it('a require cycle gets the partial exports of the module still loading, as in Node', async () => {
    const record = await first("const a = require('./a')\nexports.handler = async () => a.seen\n", [
      {
        name: 'a.js',
        code: "exports.early = 1\nconst b = require('./b')\nexports.seen = b.seen\n",
      },
      { name: 'b.js', code: "const a = require('./a')\nexports.seen = Object.keys(a)\n" },
    ])
    expect(answer(record)).toEqual(['early'])
  })

  it('a throw in a required file names /var/task/lib.js, line and column, in the stack', async () => {
    const record = await first(
      "const { boom } = require('./lib')\nexports.handler = async () => boom()\n",
      [
        {
          name: 'lib.js',
          code: "// lib\nexports.boom = function boom() {\n  throw new TypeError('no')\n}\n",
        },
      ],
    )
    expect(record.error?.errorType).toBe('TypeError')
    expect(record.error?.trace?.[1]).toBe('    at boom (/var/task/lib.js:3:9)')
    expect(record.error?.trace?.join('\n')).not.toContain('blob:')
  })

  it('require() of an ES module file: Node 20’s ERR_REQUIRE_ESM', async () => {
    const record = await first("require('./lib.mjs')\nexports.handler = async () => 1\n", [
      { name: 'lib.mjs', code: 'export const x = 1\n' },
    ])
    expect(record.error?.errorMessage).toBe(
      'require() of ES Module file:///var/task/lib.mjs from /var/task/index.js not supported.',
    )
  })
})

describe('Web Worker kind: what fails, and how Node would say it', () => {
  it('a missing require inside a lib: the require stack names both files', async () => {
    const record = await first("require('./lib')\nexports.handler = async () => 1\n", [
      { name: 'lib.js', code: "require('./gone')\n" },
    ])
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).toBe(
      "Error: Cannot find module './gone'\nRequire stack:\n- /var/task/lib.js\n- /var/task/index.js\n- /var/runtime/index.mjs",
    )
  })

  it('a syntax error in a required file: Runtime.UserCodeSyntaxError naming it and its line', async () => {
    const record = await first("const lib = require('./lib')\nexports.handler = async () => 1\n", [
      { name: 'lib.js', code: '\n\nconst = 3\n' },
    ])
    expect(record.error?.errorType).toBe('Runtime.UserCodeSyntaxError')
    expect(record.error?.trace?.[1]).toBe('    at /var/task/lib.js:3')
  })

  it('an ES import of a missing file, or without its extension: Node’s message and hint', async () => {
    const lib = { name: 'lib.js', code: 'export const x = 1\n' }
    const missing = await first(
      "import { x } from './nope.js'\nexport const handler = async () => x\n",
      [lib],
    )
    expect(missing.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(missing.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/nope.js' imported from /var/task/index.mjs",
    )
    const bare = await first("import { x } from './lib'\nexport const handler = async () => x\n", [
      lib,
    ])
    expect(bare.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/lib' imported from /var/task/index.mjs\n" +
        'Did you mean to import "./lib.js"?',
    )
  })

  it('a missing import or package inside a lib names the lib as the importer', async () => {
    const record = await first("import './utils/a.mjs'\nexport const handler = async () => 1\n", [
      { name: 'utils/a.mjs', code: "import '../b.mjs'\n" },
    ])
    expect(record.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/var/task/b.mjs' imported from /var/task/utils/a.mjs",
    )
    const pkg = await first("import './lib.mjs'\nexport const handler = async () => 1\n", [
      { name: 'lib.mjs', code: "import _ from 'lodash'\n" },
    ])
    expect(pkg.error?.errorMessage).toBe(
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'lodash' imported from /var/task/lib.mjs",
    )
  })

  it('ES modules that import each other in a cycle: a clear ImportModuleError naming them', async () => {
    const record = await first(
      "import { a } from './a.mjs'\nexport const handler = async () => a\n",
      [
        { name: 'a.mjs', code: "import { b } from './b.mjs'\nexport const a = 1\n" },
        { name: 'b.mjs', code: "import { a } from './a.mjs'\nexport const b = 2\n" },
      ],
    )
    expect(record.error?.errorType).toBe('Runtime.ImportModuleError')
    expect(record.error?.errorMessage).toContain('(a.mjs → b.mjs → a.mjs)')
    expect(record.error?.errorMessage).toContain('QuickJS sandbox')
  })
})

describe('the contract’s CommonJS file cases, on the Web Worker kind in vm contexts', () => {
  const cjs = fileCases.filter((c) => !/^\s*(import|export)\b/m.test(c.code))
  it.each(cjs.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const frame = vmFrame(vm)
    const host = createWebWorkerFunctionHost({ seed: 5, graceMs: 50, frame: () => frame })
    hosts.push(host)
    const result = await runCase(host, c, { kind: 'webworker' })
    expect([result.result, result.detail]).toEqual(['pass', ''])
  })
})
