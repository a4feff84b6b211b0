import { describe, expect, it } from 'vitest'
import { planFiles } from './file-plan'

describe('planFiles (how the worker loads a function’s files, worked out on the page)', () => {
  it('ES imports: blob order dependencies first, each literal pointed at its file, facades for CommonJS and JSON', async () => {
    const code =
      "import { label } from './utils/format.js'\nimport cfg from './cfg.json'\n" +
      "import lib from './lib.cjs'\nexport const handler = async () => label(cfg.n + lib.n)\n"
    const plan = await planFiles({
      code,
      kind: 'esm',
      handler: 'index.handler',
      files: [
        {
          name: 'utils/format.js',
          code: "import { unit } from '../config.mjs'\nexport const label = (n) => n + unit\n",
          kind: 'esm',
        },
        { name: 'config.mjs', code: "export const unit = 'ms'\n", kind: 'esm' },
        { name: 'cfg.json', code: '{ "n": 1 }', kind: 'json' },
        { name: 'lib.cjs', code: 'exports.n = 2\n', kind: 'cjs' },
      ],
    })
    expect(plan.files?.esOrder).toEqual(['config.mjs', 'utils/format.js', 'cfg.json', 'lib.cjs'])
    expect(plan.files?.firstEvaluated).toBe('config.mjs')
    expect(plan.fileImports.map((f) => [code.slice(f.start, f.end), f.file])).toEqual([
      ["'./utils/format.js'", 'utils/format.js'],
      ["'./cfg.json'", 'cfg.json'],
      ["'./lib.cjs'", 'lib.cjs'],
    ])
    const byName = new Map(plan.files?.list.map((f) => [f.name, f]))
    expect(byName.get('utils/format.js')?.fileImports?.map((f) => f.file)).toEqual(['config.mjs'])
    expect(byName.get('cfg.json')?.facade).toBe('export default { "n": 1 }')
    expect(byName.get('lib.cjs')?.facade).toContain('"/var/task/lib.cjs"')
    expect(byName.get('lib.cjs')?.facade).toContain('export const { n } = m')
    expect([plan.missing, plan.cycle]).toEqual([undefined, undefined])
  })

  it('require names: a file by name, without extension, a folder by its index, a .ts as .js', async () => {
    const plan = await planFiles({
      code: 'exports.handler = async () => 1',
      kind: 'cjs',
      handler: 'index.handler',
      files: [
        { name: 'util/index.js', code: '', kind: 'cjs' },
        { name: 'lib.ts', code: '', kind: 'cjs' },
        { name: 'data.json', code: '{}', kind: 'json' },
      ],
    })
    expect(plan.files?.requireNames).toEqual({
      'util/index.js': 'util/index.js',
      'util/index': 'util/index.js',
      util: 'util/index.js',
      'lib.ts': 'lib.ts',
      lib: 'lib.ts',
      'lib.js': 'lib.ts',
      'data.json': 'data.json',
      data: 'data.json',
    })
    expect(plan.files?.esOrder).toEqual([])
  })

  it('a dynamic import of a missing file is not a link error; a static one is', async () => {
    const files = [{ name: 'a.mjs', code: "export const f = () => import('./later.mjs')\n" }]
    const plan = await planFiles({
      code: "import { f } from './a.mjs'\nimport './gone.mjs'\nexport const handler = f\n",
      kind: 'esm',
      handler: 'index.handler',
      files: files.map((f) => ({ ...f, kind: 'esm' as const })),
    })
    expect(plan.missing).toEqual({
      specifier: './gone.mjs',
      importer: 'file:///var/task/index.mjs',
    })
  })
})
