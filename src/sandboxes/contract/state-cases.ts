import type { ContractCase } from './types'
import {
  coldAfter,
  failedWith,
  invocation,
  responded,
  same,
  timedOut,
  verify,
  warmAfter,
} from './verify'

/** A module-level counter, and a way to make the invocation hang or crash its environment. */
const COUNTER = `let count = 0
export const handler = async (event) => {
  count++
  if (event.hang) await new Promise(() => {})
  if (event.crash) {
    setTimeout(() => { throw new Error('crash in a timer') }, 10)
    await new Promise((r) => setTimeout(r, 50))
  }
  return count
}`

/** Cold and warm environments: module state survives warm invocations, not a discard. */
export const stateCases: ContractCase[] = [
  {
    id: 'state/warm-counter',
    group: 'cold and warm',
    title: 'a module-level counter: 1 cold, then 2 warm on the same environment',
    code: COUNTER,
    events: ['{}', '{}'],
    check: verify((outcomes) => {
      const first = invocation(outcomes, 0)
      const second = invocation(outcomes, 1)
      same('first cold', first.cold, true)
      same('first has an Init Duration', typeof first.initDurationMs, 'number')
      responded('first', first, 1)
      warmAfter('second', second, first)
      same('second Init Duration', second.initDurationMs, undefined)
      responded('second', second, 2)
    }),
  },
  {
    id: 'state/cold-after-timeout',
    group: 'cold and warm',
    title: 'after a timeout, the next invocation is cold on a new environment (counter 1)',
    code: COUNTER,
    config: { timeoutSeconds: 1 },
    events: ['{}', '{"hang":true}', '{}'],
    check: verify((outcomes) => {
      const hung = invocation(outcomes, 1)
      timedOut('hanging invocation', hung, 1)
      const next = invocation(outcomes, 2)
      coldAfter('next', next, hung)
      responded('next', next, 1)
    }),
  },
  {
    id: 'state/cold-after-crash',
    group: 'cold and warm',
    title: 'after a crash (uncaught exception in a timer), the next invocation is cold',
    code: COUNTER,
    events: ['{"crash":true}', '{}'],
    check: verify((outcomes) => {
      const crashed = invocation(outcomes, 0)
      const error = failedWith('crashing invocation', crashed, 'Error')
      same('errorMessage', error.errorMessage, 'crash in a timer')
      same('environmentDiscarded', crashed.environmentDiscarded, 'crash')
      const next = invocation(outcomes, 1)
      coldAfter('next', next, crashed)
      responded('next', next, 1)
    }),
  },
]
