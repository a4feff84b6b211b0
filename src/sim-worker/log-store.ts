/**
 * The worker's log store: the most recent CloudWatch lines of a run in a bounded ring, each line
 * tagged with what the filters need (function, request id, level, cold start). Queries scan the
 * ring in the worker, so the page only ever receives the rows it draws.
 */
import type { LogLine, Span } from '../core'

/** Lines the browser keeps (the ring's bound): a few hundred thousand stay cheap to scan. */
export const LogStoreCapacity = 200_000

/** A line's level: an application line's own level, or `platform` (START, END, REPORT). */
export type LineLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'platform'

const LEVELS: readonly LineLevel[] = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'FATAL',
  'platform',
]

/** Which lines a query keeps; every field left out keeps all. */
export interface LogFilter {
  /** Function names (the UI offers one at a time; the shape allows several). */
  functions?: string[]
  /** A substring of the request id. */
  requestId?: string
  levels?: LineLevel[]
  /** A substring of the line (case-sensitive, as CloudWatch's filter terms are). */
  text?: string
  /** Only lines of invocations that were cold starts. */
  coldOnly?: boolean
}

/** A page of the filtered lines, oldest first. */
export interface LogQuery {
  filter?: LogFilter
  /** Index of the first row among the matching lines; clamped, so a huge value reads the tail. */
  offset: number
  limit: number
}

/** One line with its tags. */
export interface LogRow {
  t: number
  function: string
  requestId: string
  level: LineLevel
  cold: boolean
  line: string
}

/** The answer to a {@link LogQuery}. */
export interface LogPage {
  /** Lines that match the filter. */
  total: number
  /** The offset actually served (after clamping). */
  offset: number
  lines: LogRow[]
  /** Lines kept now, and the most the store keeps. */
  kept: number
  capacity: number
  /** Invocations of the run whose lines were never kept (finished too fast to format). */
  skipped: number
}

const APP_LINE = /^\S+\t\S+\t(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\t/

/**
 * The level of one line. The platform's timeout line counts as ERROR: it is the only trace a
 * timed-out invocation leaves, and "show me the errors" should find it.
 */
export function levelOf(line: string): LineLevel {
  const app = APP_LINE.exec(line)
  if (app !== null) return app[1] as LineLevel
  return line.includes(' Task timed out after ') ? 'ERROR' : 'platform'
}

/** A bounded ring of tagged lines. */
export class LogStore {
  #next = 0
  #size = 0
  readonly #t: Float64Array
  readonly #level: Uint8Array
  readonly #cold: Uint8Array
  readonly #fn: string[]
  readonly #req: string[]
  readonly #text: string[]
  /** Ring indices of the matches of the last query (reused: no allocation per query). */
  readonly #matches: Int32Array

  constructor(readonly capacity: number = LogStoreCapacity) {
    this.#t = new Float64Array(capacity)
    this.#level = new Uint8Array(capacity)
    this.#cold = new Uint8Array(capacity)
    this.#fn = new Array<string>(capacity)
    this.#req = new Array<string>(capacity)
    this.#text = new Array<string>(capacity)
    this.#matches = new Int32Array(capacity)
  }

  /** Lines kept (≤ capacity). */
  get size(): number {
    return this.#size
  }

  /** Adds the lines of one invocation (its span says which request and whether it was cold). */
  addInvocation(span: Span, lines: readonly LogLine[]): void {
    for (const l of lines) this.add(l.t, l.function, span.requestId, span.cold, l.line)
  }

  /** Adds one line; the oldest is dropped once the ring is full. */
  add(t: number, fn: string, requestId: string, cold: boolean, line: string): void {
    if (this.capacity === 0) return
    const i = this.#next
    this.#t[i] = t
    this.#level[i] = LEVELS.indexOf(levelOf(line))
    this.#cold[i] = cold ? 1 : 0
    this.#fn[i] = fn
    this.#req[i] = requestId
    this.#text[i] = line
    this.#next = i + 1 === this.capacity ? 0 : i + 1
    if (this.#size < this.capacity) this.#size++
  }

  /** Drops every line (a new run). */
  clear(): void {
    this.#next = 0
    this.#size = 0
    this.#fn.fill('')
    this.#req.fill('')
    this.#text.fill('')
  }

  /** The page of matching lines the query asks for. */
  query({ filter = {}, offset, limit }: LogQuery): LogPage {
    const total = this.#match(filter)
    const size = Math.max(0, Math.floor(limit))
    const from = Math.max(0, Math.min(Math.floor(offset), total - size))
    const lines: LogRow[] = []
    for (let k = from; k < Math.min(total, from + size); k++) lines.push(this.#row(this.#at(k)))
    return { total, offset: from, lines, kept: this.#size, capacity: this.capacity, skipped: 0 }
  }

  /** Fills #matches with the ring indices that pass, oldest first; returns how many. */
  #match(filter: LogFilter): number {
    const start = (this.#next - this.#size + this.capacity) % this.capacity
    this.#filtered = !isEmpty(filter)
    this.#start = start
    if (!this.#filtered) return this.#size
    const fns = filter.functions && filter.functions.length > 0 ? filter.functions : null
    const levels = filter.levels && filter.levels.length > 0 ? toMask(filter.levels) : null
    const req = filter.requestId || null
    const text = filter.text || null
    const cold = filter.coldOnly === true
    let n = 0
    for (let k = 0; k < this.#size; k++) {
      const i = (start + k) % this.capacity
      if (cold && this.#cold[i] === 0) continue
      if (levels !== null && (levels & (1 << (this.#level[i] as number))) === 0) continue
      if (fns !== null && !fns.includes(this.#fn[i] as string)) continue
      if (req !== null && !(this.#req[i] as string).includes(req)) continue
      if (text !== null && !(this.#text[i] as string).includes(text)) continue
      this.#matches[n++] = i
    }
    return n
  }

  #filtered = false
  #start = 0

  /** The ring index of the k-th match of the last #match. */
  #at(k: number): number {
    return this.#filtered ? (this.#matches[k] as number) : (this.#start + k) % this.capacity
  }

  #row(i: number): LogRow {
    return {
      t: this.#t[i] as number,
      function: this.#fn[i] as string,
      requestId: this.#req[i] as string,
      level: LEVELS[this.#level[i] as number] ?? 'platform',
      cold: this.#cold[i] === 1,
      line: this.#text[i] as string,
    }
  }
}

function isEmpty(f: LogFilter): boolean {
  return (
    !(f.functions && f.functions.length > 0) &&
    !f.requestId &&
    !(f.levels && f.levels.length > 0) &&
    !f.text &&
    f.coldOnly !== true
  )
}

function toMask(levels: readonly LineLevel[]): number {
  let mask = 0
  for (const l of levels) mask |= 1 << LEVELS.indexOf(l)
  return mask
}
