import { fault } from './service-error'

/** A DynamoDB attribute value on the wire: `{ S: 'x' }`, `{ N: '1' }`, `{ M: {…} }`, … */
export type AttributeValue = Record<string, unknown>
/** An item: attribute name → value. */
export type Item = Record<string, AttributeValue>

/** `ExpressionAttributeNames` and `ExpressionAttributeValues` of a request. */
export interface ExpressionContext {
  names: Record<string, string>
  values: Record<string, AttributeValue>
}

type Operand = (item: Item) => AttributeValue | undefined

const TOKEN = /\s*(#\w+|:\w+|[A-Za-z_][\w.]*|<>|<=|>=|[=<>+\-(),])/y

/**
 * A small parser for the expression grammar the double supports: conditions (`=`, `<>`, `<`,
 * `<=`, `>`, `>=`, `BETWEEN … AND …`, `begins_with`, `contains`, `attribute_exists`,
 * `attribute_not_exists`, `AND`, `OR`, `NOT`, parentheses) and updates (`SET a = :v`,
 * `SET n = n + :one`, `if_not_exists(a, :v)`, `list_append(a, :l)`, `REMOVE a`). Attribute
 * paths are top-level names (no `a.b` or `a[0]`). Anything else is a `ValidationException`
 * that says what is supported.
 */
class Parser {
  private readonly tokens: string[] = []
  private at = 0

  constructor(
    private readonly text: string,
    private readonly ctx: ExpressionContext,
  ) {
    TOKEN.lastIndex = 0
    while (TOKEN.lastIndex < text.length) {
      const start = TOKEN.lastIndex
      const match = TOKEN.exec(text)
      if (match === null) {
        if (text.slice(start).trim() === '') break
        throw unsupported(text, `unexpected text at "${text.slice(start, start + 12)}"`)
      }
      this.tokens.push(match[1] as string)
    }
  }

  peek(word?: string): boolean {
    const token = this.tokens[this.at]
    return word === undefined ? token !== undefined : token?.toUpperCase() === word.toUpperCase()
  }

  next(expected?: string): string {
    const token = this.tokens[this.at++]
    if (token === undefined || (expected !== undefined && token.toUpperCase() !== expected)) {
      throw unsupported(this.text, `expected ${expected ?? 'more'} at token ${this.at}`)
    }
    return token
  }

  /** An attribute name (`name` or `#alias`). */
  path(): string {
    const token = this.next()
    if (token.startsWith('#')) {
      const name = this.ctx.names[token]
      if (name === undefined) {
        throw fault(
          'ValidationException',
          `Value provided in ExpressionAttributeNames unused or undefined: ${token}`,
        )
      }
      return name
    }
    if (!/^[A-Za-z_]\w*$/.test(token))
      throw unsupported(this.text, `"${token}" is not a top-level attribute name`)
    return token
  }

  operand(): Operand {
    const token = this.tokens[this.at] ?? ''
    if (token.startsWith(':')) {
      this.at++
      const value = this.ctx.values[token]
      if (value === undefined) {
        throw fault(
          'ValidationException',
          `An expression attribute value used in expression is not defined; attribute value: ${token}`,
        )
      }
      return () => value
    }
    if (token === 'if_not_exists' || token === 'list_append') return this.call(token)
    const name = this.path()
    return (item) => item[name]
  }

  private call(fn: string): Operand {
    this.next()
    this.next('(')
    const first = fn === 'if_not_exists' ? this.path() : ''
    const a: Operand = fn === 'if_not_exists' ? (item) => item[first] : this.value()
    this.next(',')
    const b = this.value()
    this.next(')')
    if (fn === 'if_not_exists') return (item) => a(item) ?? b(item)
    return (item) => ({ L: [...listOf(a(item)), ...listOf(b(item))] })
  }

  /** An operand, or two joined by `+` / `-` (numbers). */
  value(): Operand {
    const left = this.operand()
    if (!this.peek('+') && !this.peek('-')) return left
    const sign = this.next() === '+' ? 1 : -1
    const right = this.operand()
    return (item) => ({ N: String(numberOf(left(item)) + sign * numberOf(right(item))) })
  }

  condition(): (item: Item) => boolean {
    let left = this.conjunction()
    while (this.peek('OR')) {
      this.next()
      const [a, b] = [left, this.conjunction()]
      left = (item) => a(item) || b(item)
    }
    return left
  }

  private conjunction(): (item: Item) => boolean {
    let left = this.negation()
    while (this.peek('AND')) {
      this.next()
      const [a, b] = [left, this.negation()]
      left = (item) => a(item) && b(item)
    }
    return left
  }

  private negation(): (item: Item) => boolean {
    if (this.peek('NOT')) {
      this.next()
      const inner = this.negation()
      return (item) => !inner(item)
    }
    if (this.peek('(')) {
      this.next()
      const inner = this.condition()
      this.next(')')
      return inner
    }
    return this.comparison()
  }

  private comparison(): (item: Item) => boolean {
    const fn = this.tokens[this.at] ?? ''
    if (['attribute_exists', 'attribute_not_exists'].includes(fn)) {
      this.next()
      this.next('(')
      const name = this.path()
      this.next(')')
      return fn === 'attribute_exists' ? (item) => name in item : (item) => !(name in item)
    }
    if (fn === 'begins_with' || fn === 'contains') {
      this.next()
      this.next('(')
      const a = this.operand()
      this.next(',')
      const b = this.operand()
      this.next(')')
      return (item) => textTest(fn, a(item), b(item))
    }
    const left = this.operand()
    if (this.peek('BETWEEN')) {
      this.next()
      const low = this.operand()
      this.next('AND')
      const high = this.operand()
      return (item) => compare(left(item), low(item), '>=') && compare(left(item), high(item), '<=')
    }
    const op = this.next()
    if (!['=', '<>', '<', '<=', '>', '>='].includes(op)) throw unsupported(this.text, `"${op}"`)
    const right = this.operand()
    return (item) => compare(left(item), right(item), op)
  }

  end(): void {
    if (this.peek()) throw unsupported(this.text, `unexpected "${this.tokens[this.at]}"`)
  }
}

function unsupported(text: string, why: string): Error {
  return fault(
    'ValidationException',
    `Invalid expression "${text}" (${why}). The playground's DynamoDB supports comparisons, BETWEEN, begins_with, contains, attribute_exists, attribute_not_exists, AND/OR/NOT; SET (with +, -, if_not_exists, list_append) and REMOVE on top-level attributes.`,
  )
}

function numberOf(value: AttributeValue | undefined): number {
  if (value === undefined || typeof value.N !== 'string') {
    throw fault(
      'ValidationException',
      'An operand in the update expression has an incorrect data type',
    )
  }
  return Number(value.N)
}

function listOf(value: AttributeValue | undefined): unknown[] {
  return value !== undefined && Array.isArray(value.L) ? value.L : []
}

function textTest(
  fn: string,
  a: AttributeValue | undefined,
  b: AttributeValue | undefined,
): boolean {
  if (a === undefined || b === undefined) return false
  if (typeof a.S === 'string' && typeof b.S === 'string') {
    return fn === 'begins_with' ? a.S.startsWith(b.S) : a.S.includes(b.S)
  }
  if (fn === 'contains' && Array.isArray(a.SS)) return a.SS.includes(b.S)
  if (fn === 'contains' && Array.isArray(a.L))
    return a.L.some((v) => sameValue(v as AttributeValue, b))
  return false
}

function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  if (typeof a.N === 'string' && typeof b.N === 'string') return Number(a.N) === Number(b.N)
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Orders two scalar values of the same type (strings, numbers); other types only (in)equal. */
export function compare(
  a: AttributeValue | undefined,
  b: AttributeValue | undefined,
  op: string,
): boolean {
  if (a === undefined || b === undefined) return op === '<>' && a !== b
  if (op === '=') return sameValue(a, b)
  if (op === '<>') return !sameValue(a, b)
  const pair =
    typeof a.N === 'string' && typeof b.N === 'string'
      ? [Number(a.N), Number(b.N)]
      : typeof a.S === 'string' && typeof b.S === 'string'
        ? [a.S, b.S]
        : undefined
  if (pair === undefined) return false
  const [x, y] = pair as [number | string, number | string]
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y
}

/** A condition or key condition as a predicate on items. */
export function parseCondition(text: string, ctx: ExpressionContext): (item: Item) => boolean {
  const parser = new Parser(text, ctx)
  const test = parser.condition()
  parser.end()
  return test
}

/** An update expression as a function from the old item to the new one (and the names it set). */
export function parseUpdate(
  text: string,
  ctx: ExpressionContext,
): { apply(item: Item): Item; names: string[] } {
  const parser = new Parser(text, ctx)
  const sets: [string, Operand][] = []
  const removes: string[] = []
  while (parser.peek()) {
    const clause = parser.next().toUpperCase()
    if (clause !== 'SET' && clause !== 'REMOVE')
      throw unsupported(text, `${clause} is not supported`)
    for (let first = true; first || parser.peek(','); first = false) {
      if (!first) parser.next(',')
      const name = parser.path()
      if (clause === 'REMOVE') {
        removes.push(name)
        continue
      }
      parser.next('=')
      sets.push([name, parser.value()])
    }
  }
  const names = [...sets.map(([name]) => name), ...removes]
  return {
    names,
    apply(item) {
      const out = { ...item }
      // Every operand reads the old item, as DynamoDB evaluates them before applying.
      for (const [name, value] of sets.map(([n, v]) => [n, v(item)] as const)) {
        if (value !== undefined) out[name] = value
      }
      for (const name of removes) delete out[name]
      return out
    },
  }
}
