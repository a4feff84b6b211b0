import { describe, expect, it } from 'vitest'
import {
  MAX_CODE_BYTES,
  MAX_EXTRA_FILES,
  fileLanguage,
  fileNameProblem,
  validateFunctionFiles,
} from './function-files'

describe('the name of a function’s extra file', () => {
  it.each([['lib.js'], ['utils/format.ts'], ['data.json'], ['a/b/c.mjs'], ['lib.cjs']])(
    '%s is a good name',
    (name) => {
      expect(fileNameProblem(name, [], 'index.handler')).toBeUndefined()
    },
  )

  it.each([
    ['', 'A file needs a name.'],
    ['/etc/passwd.js', 'Use a path relative to the function root, not an absolute path.'],
    ['../up.js', "A file name cannot contain '.' or '..' segments."],
    ['a/./b.js', "A file name cannot contain '.' or '..' segments."],
    ['a//b.js', 'A file name cannot have empty segments (// or a trailing /).'],
    ['a\\b.js', 'A file name cannot contain backslashes, quotes or control characters.'],
    ['notes.txt', 'A file name must end in .js, .mjs, .cjs, .ts, .mts, .cts, .json.'],
    ['index.ts', "'index.ts' would clash with the handler's file (handler 'index.handler')."],
    ['node_modules/x/index.js', 'node_modules is not part of the playground.'],
    ['lib.js', "A file named 'lib.js' already exists."],
  ])('%j is refused: %s', (name, reason) => {
    expect(fileNameProblem(name, ['lib.js'], 'index.handler')).toBe(reason)
  })

  it('a TypeScript extension makes a TypeScript file', () => {
    expect(['a.ts', 'a.mts', 'a.cts', 'a.js', 'a.json'].map(fileLanguage)).toEqual([
      'typescript',
      'typescript',
      'typescript',
      'javascript',
      'javascript',
    ])
  })
})

describe('a deployment’s files as a whole', () => {
  it(`more than ${MAX_EXTRA_FILES} files: refused, saying it is the playground's limit`, () => {
    const files = Array.from({ length: MAX_EXTRA_FILES + 1 }, (_, i) => ({
      name: `f${i}.js`,
      code: '',
    }))
    expect(validateFunctionFiles(files, 'index.handler', '')).toEqual([
      `A function can have at most ${MAX_EXTRA_FILES} files beside the handler's in the playground (this one has ${MAX_EXTRA_FILES + 1}).`,
    ])
  })

  it('code past the size limit: Lambda’s wording, with the playground’s number and Lambda’s', () => {
    const big = 'x'.repeat(MAX_CODE_BYTES)
    expect(validateFunctionFiles([{ name: 'big.js', code: big }], 'index.handler', '//')).toEqual([
      `Unzipped size must be smaller than ${MAX_CODE_BYTES} bytes (${MAX_CODE_BYTES + 2} bytes; a playground limit: Lambda's is 262144000 bytes unzipped)`,
    ])
  })

  it('no files, or good ones: no problem', () => {
    expect(validateFunctionFiles([], 'index.handler', 'x')).toEqual([])
    expect(validateFunctionFiles([{ name: 'lib.js', code: '' }], 'index.handler', 'x')).toEqual([])
  })
})
