import { contextCases, virtualTimeCases } from './context-cases'
import { errorCases } from './error-cases'
import { fileCases } from './file-cases'
import { handlerCases } from './handler-cases'
import { sdkCases } from './sdk-cases'
import { stateCases } from './state-cases'
import type { ContractCase } from './types'

export type { CaseResult, ContractCase, Observations, Outcome } from './types'

/**
 * The sandbox contract: what every kind of execution environment must do the way Lambda does,
 * as data. `runCase` runs one on any `FunctionHost`; Vitest runs them all on QuickJS in Node and
 * the self-test page on every kind in the browser.
 */
export const contractCases: ContractCase[] = [
  ...handlerCases,
  ...contextCases,
  ...virtualTimeCases,
  ...stateCases,
  ...errorCases,
  ...fileCases,
  ...sdkCases,
]
