import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { md5Hex } from './md5'

describe('md5Hex', () => {
  it("matches Node's MD5 for empty, short, multi-block and non-ASCII text", () => {
    const samples = [
      '',
      'abc',
      'hello world',
      'x'.repeat(55),
      'y'.repeat(64),
      'z'.repeat(1000),
      'héllo ✓ 🚀',
    ]
    for (const text of samples) {
      expect(md5Hex(text)).toBe(createHash('md5').update(text, 'utf8').digest('hex'))
    }
  })
})
