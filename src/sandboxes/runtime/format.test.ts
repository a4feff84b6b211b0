import { format } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { deployed, disposeHosts, invoked, messages } from '../testing'

// Every environment a test created must free cleanly: a leaked QuickJS handle fails the test.
afterEach(async () => {
  expect(await disposeHosts()).toBe(0)
})

/** Logs each argument list with console.log inside QuickJS and returns the messages. */
async function logged(...argLists: string[]): Promise<string[]> {
  const body = argLists.map((args) => `console.log(${args})`).join('\n')
  const host = await deployed(`export const handler = async () => {\n${body}\n}`)
  return messages(await invoked(host))
}

describe('console formatting (Node util.format / util.inspect)', () => {
  it('prints strings bare and inspects everything else', async () => {
    expect(
      await logged(
        `'plain', 42, -0, 10n, true, null, undefined`,
        `{ a: 1, b: [1, 2], s: 'x' }`,
        `[]`,
        `{}`,
        `{ 'kebab-key': 1, [Symbol('s')]: 2 }`,
      ),
    ).toEqual([
      'plain 42 -0 10n true null undefined',
      "{ a: 1, b: [ 1, 2 ], s: 'x' }",
      '[]',
      '{}',
      "{ 'kebab-key': 1, [Symbol(s)]: 2 }",
    ])
  })

  it('applies %s %d %i %f %j %o %O %% and appends extra arguments', async () => {
    expect(
      await logged(
        `'%s is %d years', 'Ann', 42.5`,
        `'%i|%f|%j', 42.9, '1.5', { a: [1] }`,
        `'100%% sure', 'extra', { n: 1 }`,
        `'%s', { a: { b: 1 } }`,
        `'%o', { a: 1 }`,
        `'missing %s'`,
      ),
    ).toEqual([
      'Ann is 42.5 years',
      '42|1.5|{"a":[1]}',
      '100% sure extra { n: 1 }',
      '{ a: [Object] }',
      '{ a: 1 }',
      'missing %s',
    ])
  })

  // Node's own util.format is the oracle: each argument list is evaluated here and in QuickJS.
  const corpus = [
    `{ l1: { l2: { l3: { l4: 1 } }, arr: [[[[1]]]] } }`,
    `(() => { const o = { name: 'o' }; o.self = o; return o })()`,
    `{ alpha: 'aaaaaaaaaaaaaaaa', beta: 'bbbbbbbbbbbbbbbbbb', gamma: 'cccccccccccccccccc', delta: 1 }`,
    `Array.from({ length: 26 }, (_, i) => i)`,
    `Array.from({ length: 120 }, (_, i) => 'item' + i)`,
    `{ a: [{ b: { c: 1 } }], s: 'x'.repeat(70) }`,
    `{ arr: [1, 2, 3, 4, 5, 6, 7, 8], nested: { x: { y: { z: 1 } } } }`,
    `'%s|%d|%i|%f|%j|%o|%O|%c|%%', 'a', '42', 9.9, '2.5x', [1], { deep: { er: { est: 1 } } }, [1, [2]], 'css'`,
    `"it's", 'say "hi"', ["it's", 'a\\nb']`,
    `{ date: new Date(86400000), re: /a|b/i, map: new Map([[{ k: 1 }, [1, 2]]]), set: new Set(['x']) }`,
    `[undefined, null, NaN, -0, 0, 1e21, 2n ** 64n]`,
  ]
  it.each(corpus)('matches Node for console.log(%s)', async (args) => {
    const [guest] = await logged(args)
    const values = new Function(`return [${args}]`)() as unknown[]
    expect(guest).toBe(format(...values))
  })

  it('shows Map, Set, Date, RegExp, functions, classes and class instances as Node does', async () => {
    expect(
      await logged(
        `new Map([['k', 1]]), new Set([1, 2])`,
        `new Date(0), /x+/g`,
        `function named() {}, () => {}, class Foo {}, async function af() {}`,
        `new (class Point { constructor() { this.x = 1 } })()`,
        `Object.create(null)`,
        `[1, , 3]`,
      ),
    ).toEqual([
      "Map(1) { 'k' => 1 } Set(2) { 1, 2 }",
      '1970-01-01T00:00:00.000Z /x+/g',
      '[Function: named] [Function (anonymous)] [class Foo] [AsyncFunction: af]',
      'Point { x: 1 }',
      '[Object: null prototype] {}',
      '[ 1, <1 empty item>, 3 ]',
    ])
  })

  it('prints an Error as its Node-style stack, with extra properties', async () => {
    const [plain, withCode] = await logged(
      `new Error('bad')`,
      `Object.assign(new TypeError('worse'), { code: 'E_WORSE' })`,
    )
    expect(plain).toMatch(
      /^Error: bad\n {4}at Runtime\.handler \(file:\/\/\/var\/task\/index\.mjs:2:\d+\)$/,
    )
    expect(withCode).toMatch(
      /^TypeError: worse\n {4}at Runtime\.handler .*\{\n {2}code: 'E_WORSE'\n\}$/s,
    )
  })
})
