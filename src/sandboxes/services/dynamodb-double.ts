import type { DoubleContext } from './double-context'
import { compare, parseCondition, parseUpdate } from './dynamodb-expressions'
import type { AttributeValue, ExpressionContext, Item } from './dynamodb-expressions'
import { fault, requiredString } from './service-error'

interface Table {
  /** Key attribute names (partition, then sort), learnt on first use when not declared. */
  keys: string[] | null
  items: Map<string, Item>
}

type Input = Record<string, unknown>

// Attribute names taken for the key when a table's first request is a PutItem (nothing names it).
const USUAL_KEYS = [['pk', 'sk'], ['PK', 'SK'], ['id']]

/**
 * DynamoDB's `PutItem`, `GetItem`, `UpdateItem`, `DeleteItem`, `Query` and `Scan` on in-memory
 * tables of wire-format items (`{ S: 'x' }`; the document client marshalls in the guest). Items
 * are keyed by their key attributes: declared per table, or else learnt from the first request
 * that names a `Key` (its attribute names, in order), or, when the first is a `PutItem`, taken
 * as `pk`/`sk`, `PK`/`SK` or `id` if the item has them, else its first attribute. Condition,
 * key-condition, filter and update expressions follow dynamodb-expressions.ts; secondary
 * indexes, transactions and capacity are not modeled.
 */
export class DynamoDbDouble {
  readonly tables = new Map<string, Table>()

  constructor(
    private readonly ctx: DoubleContext,
    declared: Readonly<Record<string, readonly string[]>>,
  ) {
    for (const [name, keys] of Object.entries(declared)) {
      this.tables.set(name, { keys: [...keys], items: new Map() })
    }
  }

  handle(operation: string, input: Input): object | undefined {
    switch (operation) {
      case 'PutItem':
        return this.put(input)
      case 'GetItem':
        return this.get(input)
      case 'DeleteItem':
        return this.delete(input)
      case 'UpdateItem':
        return this.update(input)
      case 'Query':
        return this.query(input, true)
      case 'Scan':
        return this.query(input, false)
    }
    return undefined
  }

  private table(input: Input): Table {
    const name = requiredString(input, 'TableName')
    let table = this.tables.get(name)
    if (table === undefined && this.ctx.autoCreate) {
      this.tables.set(name, (table = { keys: null, items: new Map() }))
    }
    if (table === undefined) {
      throw fault('ResourceNotFoundException', 'Requested resource not found')
    }
    return table
  }

  private keyOf(table: Table, item: Item, learnFrom: 'key' | 'item'): string {
    if (table.keys === null) {
      const names = Object.keys(item)
      table.keys =
        learnFrom === 'key'
          ? names
          : (USUAL_KEYS.find((keys) => keys.every((k) => k in item)) ?? names.slice(0, 1))
    }
    const keys = table.keys
    const missing = keys.find((k) => !(k in item))
    if (missing !== undefined) {
      throw fault(
        'ValidationException',
        `One or more parameter values were invalid: Missing the key ${missing} in the item`,
      )
    }
    if (learnFrom === 'key' && Object.keys(item).length !== keys.length) {
      throw fault('ValidationException', 'The provided key element does not match the schema')
    }
    return JSON.stringify(keys.map((k) => item[k]))
  }

  private check(input: Input, old: Item | undefined): void {
    if (typeof input.ConditionExpression !== 'string') return
    if (!parseCondition(input.ConditionExpression, expressionContext(input))(old ?? {})) {
      throw fault('ConditionalCheckFailedException', 'The conditional request failed')
    }
  }

  private put(input: Input): object {
    const table = this.table(input)
    const item = itemField(input, 'Item')
    const key = this.keyOf(table, item, 'item')
    const old = table.items.get(key)
    this.check(input, old)
    this.ctx.storage.change(size(item) - size(old))
    table.items.set(key, clone(item))
    return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: clone(old) } : {}
  }

  private get(input: Input): object {
    const table = this.table(input)
    const item = table.items.get(this.keyOf(table, itemField(input, 'Key'), 'key'))
    return item ? { Item: clone(item) } : {}
  }

  private delete(input: Input): object {
    const table = this.table(input)
    const key = this.keyOf(table, itemField(input, 'Key'), 'key')
    const old = table.items.get(key)
    this.check(input, old)
    this.ctx.storage.change(-size(old))
    table.items.delete(key)
    return input.ReturnValues === 'ALL_OLD' && old ? { Attributes: clone(old) } : {}
  }

  private update(input: Input): object {
    const table = this.table(input)
    const keyItem = itemField(input, 'Key')
    const key = this.keyOf(table, keyItem, 'key')
    const old = table.items.get(key)
    this.check(input, old)
    const expression = typeof input.UpdateExpression === 'string' ? input.UpdateExpression : ''
    const update = parseUpdate(expression, expressionContext(input))
    const next = update.apply({ ...(old ?? {}), ...keyItem })
    this.ctx.storage.change(size(next) - size(old))
    table.items.set(key, clone(next))
    const picked = (item: Item | undefined) =>
      Object.fromEntries(update.names.filter((n) => item && n in item).map((n) => [n, item?.[n]]))
    const returned: Record<string, Item | undefined> = {
      ALL_NEW: next,
      ALL_OLD: old,
      UPDATED_NEW: picked(next) as Item,
      UPDATED_OLD: old ? (picked(old) as Item) : undefined,
    }
    const attributes = returned[String(input.ReturnValues)]
    return attributes ? { Attributes: clone(attributes) } : {}
  }

  private query(input: Input, keyed: boolean): object {
    const table = this.table(input)
    if (input.IndexName !== undefined) {
      throw fault('ValidationException', 'The playground does not model secondary indexes')
    }
    const ctx = expressionContext(input)
    const keyCondition = keyed
      ? parseCondition(requiredString(input, 'KeyConditionExpression'), ctx)
      : () => true
    const filter =
      typeof input.FilterExpression === 'string'
        ? parseCondition(input.FilterExpression, ctx)
        : () => true
    const sortKey = table.keys?.[1]
    let items = [...table.items.values()].filter(keyCondition)
    if (keyed && sortKey !== undefined) {
      items.sort((a, b) =>
        compare(a[sortKey], b[sortKey], '<') ? -1 : compare(a[sortKey], b[sortKey], '>') ? 1 : 0,
      )
      if (input.ScanIndexForward === false) items.reverse()
    }
    const start = input.ExclusiveStartKey
    if (start !== undefined && table.keys !== null) {
      const from = this.keyOf(table, itemField(input, 'ExclusiveStartKey'), 'key')
      const index = items.findIndex(
        (item) => this.keyOf(table, pickKeys(item, table.keys ?? []), 'key') === from,
      )
      items = items.slice(index + 1)
    }
    const limit = typeof input.Limit === 'number' && input.Limit > 0 ? input.Limit : Infinity
    const scanned = items.slice(0, limit)
    const last = scanned.length < items.length ? scanned[scanned.length - 1] : undefined
    const found = scanned.filter(filter).map(clone)
    return {
      Items: found,
      Count: found.length,
      ScannedCount: scanned.length,
      ...(last && table.keys ? { LastEvaluatedKey: pickKeys(last, table.keys) } : {}),
    }
  }
}

function expressionContext(input: Input): ExpressionContext {
  const names = isRecord(input.ExpressionAttributeNames) ? input.ExpressionAttributeNames : {}
  const values = isRecord(input.ExpressionAttributeValues) ? input.ExpressionAttributeValues : {}
  return {
    names: names as Record<string, string>,
    values: values as Record<string, AttributeValue>,
  }
}

function itemField(input: Input, field: string): Item {
  const value = input[field]
  if (!isRecord(value)) {
    throw fault(
      'ValidationException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    )
  }
  for (const attribute of Object.values(value)) {
    if (!isRecord(attribute) || Object.keys(attribute).length !== 1) {
      throw fault(
        'ValidationException',
        `Supplied AttributeValue is empty or has more than one type in ${field}: use the document client (@aws-sdk/lib-dynamodb) for plain values`,
      )
    }
  }
  return value as Item
}

function pickKeys(item: Item, keys: readonly string[]): Item {
  return Object.fromEntries(keys.map((k) => [k, item[k] as AttributeValue]))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** What an item costs the storage budget: the length of its JSON. */
function size(item: Item | undefined): number {
  return item === undefined ? 0 : JSON.stringify(item).length
}

function clone<T>(value: T): T {
  return structuredClone(value)
}
