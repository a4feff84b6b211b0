import { describe, expect, it } from 'vitest'
import { detectModuleKind, splitHandler } from './module-source'

describe('detectModuleKind', () => {
  it.each([
    ['export const handler = async () => 1', 'esm'],
    ['export async function handler() {}', 'esm'],
    ['export default {}', 'esm'],
    ["import { x } from './x.js'\nexports.handler = 1", 'esm'],
    ["import './side-effect.js'", 'esm'],
    ['const h = 1; export { h as handler }', 'esm'],
    ['exports.handler = async () => 1', 'cjs'],
    ['module.exports = { handler }', 'cjs'],
    ['// export const handler = 1\nexports.handler = 2', 'cjs'],
    ['/* export default 1 */ module.exports.handler = () => {}', 'cjs'],
    ["const exported = require('x')", 'cjs'],
  ] as const)('%s → %s', (source, kind) => {
    expect(detectModuleKind(source)).toBe(kind)
  })
})

describe('splitHandler', () => {
  it('splits at the first dot, as the runtime does', () => {
    expect(splitHandler('index.handler')).toEqual({ moduleName: 'index', exportPath: 'handler' })
    expect(splitHandler('app.api.get')).toEqual({ moduleName: 'app', exportPath: 'api.get' })
  })
})
