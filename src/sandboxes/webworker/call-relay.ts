import type { ServiceCalls } from '../../core/ports'
import { MAX_OUTSTANDING_CALLS } from '../quickjs/event-loop'
import { askServices } from '../services/ask-services'
import type { AnswerMessage, CallMessage } from './protocol'

/**
 * The page's side of one environment's SDK bridge: answers the worker's calls with the host's
 * service double, each answer due at the call's virtual moment plus its modeled latency.
 *
 * What the worker sends is untrusted (user code shares its realm), so the page keeps its own
 * count of answers still ahead of the environment's clock and refuses a call past the limit the
 * worker enforces on the guest (`MAX_OUTSTANDING_CALLS`): a worker that sends one has been
 * subverted. The count is a lower bound of the worker's (an answer counts until the clock the
 * worker reports passes its moment), so an honest worker never reaches it first.
 */
export class CallRelay {
  /** Moments of answers not yet behind the environment's clock, earliest first. */
  private readonly ahead: number[] = []
  /** The latest virtual moment the worker reported (a call's, or a phase's end). */
  private clock = -Infinity

  constructor(private readonly services: ServiceCalls) {}

  /** The environment's clock reached `at` (a phase report). */
  observe(at: number): void {
    if (at <= this.clock) return
    this.clock = at
    let passed = 0
    while (passed < this.ahead.length && (this.ahead[passed] ?? 0) <= at) passed++
    this.ahead.splice(0, passed)
  }

  /**
   * The answer to `call`, or `undefined` when the worker broke the limit. A call claiming a
   * moment before one already reported is taken at that moment: time never goes back.
   */
  answer(call: CallMessage): AnswerMessage | undefined {
    this.observe(call.at)
    if (this.ahead.length >= MAX_OUTSTANDING_CALLS) return undefined
    const at = this.clock
    const { latencyMs, result } = askServices(this.services, call)
    const due = at + (Number.isFinite(latencyMs) ? Math.max(0, latencyMs) : 0)
    const index = this.ahead.findIndex((moment) => moment > due)
    this.ahead.splice(index < 0 ? this.ahead.length : index, 0, due)
    const text = result.ok ? result.responseJson : JSON.stringify(result.error)
    return { t: 'answer', id: call.id, ok: result.ok, text, at: due }
  }
}
