/**
 * The last N invocations as compact records in a ring buffer (typed arrays, nothing allocated per
 * invocation). Log lines and timeline spans are formatted from them only when someone looks, so a
 * run of millions of invocations builds no strings.
 */
import { billedDurationMs, type DurationRule } from '../billing/duration'
import { modeledFunctionError } from '../lambda/errors'
import {
  applicationLine,
  endLine,
  formatMs,
  reportLine,
  startLine,
  timeoutLine,
} from '../lambda/log-lines'

/** A timeline span: one invocation on one environment. Plain data. */
export interface Span {
  function: string
  environmentId: number
  requestId: string
  /** When the request reached Lambda (first enqueue for async events), virtual ms. */
  queuedAt: number
  /** INIT start (cold starts), else equal to runStart. */
  initStart: number
  runStart: number
  end: number
  cold: boolean
  outcome: 'success' | 'error' | 'timeout' | 'crash'
}

/** One CloudWatch line with its virtual time. */
export interface LogLine {
  t: number
  function: string
  line: string
}

/** What the ring needs to name things. */
export interface LogContext {
  functionName(index: number): string
  memoryMB(index: number): number
  timeoutSeconds(index: number): number
  requestId(reqNo: number): string
  /** Virtual ms 0 as epoch ms, for timestamps. */
  epochMs: number
  durationRule: DurationRule
}

/** What a modeled invocation reports as Max Memory Used (a Node.js hello world's footprint). */
const MODELED_MEMORY_MB = 64

const OUTCOMES = ['success', 'error', 'timeout', 'crash'] as const

/** The message of the runtime's ERROR line for a modeled function error. */
const MODELED_ERROR_LINE = `Invoke Error \t${JSON.stringify(modeledFunctionError)}`

/** A ring of the most recent invocation records. */
export class InvocationLog {
  #next = 0
  #count = 0
  readonly #fn: Int32Array
  readonly #env: Float64Array
  readonly #req: Float64Array
  readonly #queued: Float64Array
  readonly #start: Float64Array
  readonly #init: Float64Array
  readonly #run: Float64Array
  readonly #outcome: Uint8Array
  readonly #extra: (string[] | undefined)[]

  constructor(readonly capacity: number) {
    this.#fn = new Int32Array(capacity)
    this.#env = new Float64Array(capacity)
    this.#req = new Float64Array(capacity)
    this.#queued = new Float64Array(capacity)
    this.#start = new Float64Array(capacity)
    this.#init = new Float64Array(capacity)
    this.#run = new Float64Array(capacity)
    this.#outcome = new Uint8Array(capacity)
    this.#extra = new Array<string[] | undefined>(capacity)
  }

  /** Records a finished invocation (`initMs` ≥ 0 marks a cold start, -1 a warm one). */
  add(
    fn: number,
    envId: number,
    reqNo: number,
    queuedAt: number,
    startedAt: number,
    initMs: number,
    runMs: number,
    outcome: number,
    appLines?: string[],
  ): void {
    if (this.capacity === 0) return
    const i = this.#next
    this.#fn[i] = fn
    this.#env[i] = envId
    this.#req[i] = reqNo
    this.#queued[i] = queuedAt
    this.#start[i] = startedAt
    this.#init[i] = initMs
    this.#run[i] = runMs
    this.#outcome[i] = outcome
    this.#extra[i] = appLines
    this.#next = i + 1 === this.capacity ? 0 : i + 1
    if (this.#count < this.capacity) this.#count++
  }

  /** Records kept (≤ capacity). */
  get size(): number {
    return this.#count
  }

  /** The last `limit` invocations as spans, oldest first. */
  spans(ctx: LogContext, limit = this.#count): Span[] {
    return this.#indices(limit).map((i) => {
      const cold = (this.#init[i] as number) >= 0
      const init = cold ? (this.#init[i] as number) : 0
      const start = this.#start[i] as number
      return {
        function: ctx.functionName(this.#fn[i] as number),
        environmentId: this.#env[i] as number,
        requestId: ctx.requestId(this.#req[i] as number),
        queuedAt: this.#queued[i] as number,
        initStart: start,
        runStart: start + init,
        end: start + init + (this.#run[i] as number),
        cold,
        outcome: OUTCOMES[this.#outcome[i] as number] ?? 'success',
      }
    })
  }

  /** CloudWatch lines of the last `limit` invocations, oldest first. */
  lines(ctx: LogContext, limit = this.#count): LogLine[] {
    const out: LogLine[] = []
    for (const i of this.#indices(limit)) this.#linesOf(i, ctx, out)
    return out
  }

  #linesOf(i: number, ctx: LogContext, out: LogLine[]): void {
    const fn = this.#fn[i] as number
    const name = ctx.functionName(fn)
    const id = ctx.requestId(this.#req[i] as number)
    const cold = (this.#init[i] as number) >= 0
    const init = cold ? (this.#init[i] as number) : 0
    const runStart = (this.#start[i] as number) + init
    const run = this.#run[i] as number
    const end = runStart + run
    const push = (t: number, line: string) => out.push({ t, function: name, line })
    push(runStart, startLine(id))
    const extra = this.#extra[i]
    for (const line of extra ?? []) push(runStart, line)
    // A modeled error ran no code: write the line the Node.js runtime writes for a failed
    // handler, so that the logs say what failed (real code writes its own).
    if (this.#outcome[i] === 1 && !extra?.some((line) => line.includes('\tERROR\t')))
      push(end, applicationLine(ctx.epochMs + end, id, 'ERROR', MODELED_ERROR_LINE))
    push(end, endLine(id))
    push(
      end,
      reportLine({
        requestId: id,
        durationMs: Number(formatMs(run)),
        billedDurationMs: billedDurationMs(run, cold ? init : undefined, ctx.durationRule),
        memorySizeMB: ctx.memoryMB(fn),
        // Modeled runs measure no memory; real runs will report their own.
        maxMemoryUsedMB: Math.min(ctx.memoryMB(fn), MODELED_MEMORY_MB),
        ...(cold ? { initDurationMs: init } : {}),
      }),
    )
    if (this.#outcome[i] === 2) push(end, timeoutLine(ctx.epochMs + end, id, run / 1000))
  }

  #indices(limit: number): number[] {
    const n = Math.min(limit, this.#count)
    const out: number[] = new Array(n)
    for (let k = 0; k < n; k++) {
      out[k] = (this.#next - n + k + this.capacity) % this.capacity
    }
    return out
  }
}
