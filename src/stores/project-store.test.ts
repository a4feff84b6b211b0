import { describe, expect, it } from 'vitest'
import { defaultProject, mergeStoredProject, useProjectStore } from './project-store'

/** A stored project merged over a fresh one, as on page load. */
function restored(stored: unknown) {
  return mergeStoredProject(stored, defaultProject())
}

describe('the project’s files', () => {
  it('add, edit, rename, delete', () => {
    const store = useProjectStore.getState()
    store.reset()
    store.addFile('lib.js')
    store.setFileCode('lib.js', 'export const x = 1\n')
    store.addFile('lib.js')
    store.renameFile('lib.js', 'utils/lib.js')
    store.addFile('b.ts', 'export {}\n')
    expect(useProjectStore.getState().files).toEqual([
      { name: 'utils/lib.js', code: 'export const x = 1\n' },
      { name: 'b.ts', code: 'export {}\n' },
    ])
    store.deleteFile('utils/lib.js')
    expect(useProjectStore.getState().files).toEqual([{ name: 'b.ts', code: 'export {}\n' }])
    store.reset()
    expect(useProjectStore.getState().files).toEqual([])
  })

  it('a save from before several files loads with none, keeping its code', () => {
    const old = { code: 'exports.handler = async () => 1', language: 'javascript' }
    const state = restored(old)
    expect(state.files).toEqual([])
    expect(state.code).toBe(old.code)
  })

  it('a damaged list keeps the well-formed files, the first of each name', () => {
    const state = restored({
      files: [
        { name: 'a.js', code: '1' },
        { name: 'a.js', code: '2' },
        { name: 3, code: 'x' },
        null,
        'b.js',
        { name: 'c.js' },
      ],
    })
    expect(state.files).toEqual([{ name: 'a.js', code: '1' }])
    expect(restored({ files: 'nope' }).files).toEqual(defaultProject().files)
  })
})
