import type { CaseResult, ContractCase } from '../sandboxes/contract/cases'
import { runCase } from '../sandboxes/contract/run-case'
import type { SandboxKind } from '../sandboxes/types'
import { createHost, releaseHost } from './kinds'
import type { PageHost } from './kinds'

/** What the page is told as the run goes. */
export interface SuiteListener {
  /** A case is about to run on `kind` (the page shows which). */
  starting(kind: SandboxKind, c: ContractCase): void
  /** A case ended. */
  finished(result: CaseResult): void
}

function setupFailure(kind: SandboxKind, error: unknown): CaseResult {
  return {
    id: 'setup',
    group: 'setup',
    title: 'create the sandbox host',
    kind,
    result: 'fail',
    detail: `could not create the host: ${String(error)}`,
    wallMs: 0,
  }
}

/**
 * Runs every case on each kind, one host per kind, in sequence (a case's wall time is then its
 * own), and frees each host after its kind. Never throws: a host that cannot be created is a
 * failed `setup` row.
 */
export async function runSuite(
  kinds: SandboxKind[],
  cases: ContractCase[],
  listener: SuiteListener,
): Promise<CaseResult[]> {
  const results: CaseResult[] = []
  for (const kind of kinds) {
    let host: PageHost
    try {
      host = await createHost(kind)
    } catch (error) {
      results.push(setupFailure(kind, error))
      listener.finished(results.at(-1)!)
      continue
    }
    for (const c of cases) {
      listener.starting(kind, c)
      const result = await runCase(host, c, { kind })
      results.push(result)
      listener.finished(result)
    }
    await releaseHost(host)
  }
  return results
}
