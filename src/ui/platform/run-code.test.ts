import { describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { nodeWasmSource } from '../../sandboxes/quickjs/load-quickjs-node'
import { createAsyncSimSession } from '../../sim-worker/session'
import { defaultSettings } from '../../stores/run-store'
import { codeToRun, prepareCode } from './run-code'
import { buildScenarioJson } from './scenario-builder'

const typed = `import type { Context } from 'aws-lambda'

interface Greeting { message: string }
let calls: number = 0

export const handler = async (event: { name?: string }, context: Context) => {
  calls += 1
  const body = { message: \`hello \${event.name ?? 'world'}\` } satisfies Greeting
  console.log('typed handler call', calls, context.functionName)
  return body as Greeting
}
`

describe('running the Function tab’s handler in the Platform view', () => {
  it('TypeScript is stripped (lines kept) and runs in the session like JavaScript', async () => {
    const prepared = await prepareCode(typed, 'typescript')
    expect(prepared.error).toBeNull()
    expect(prepared.js?.split('\n')).toHaveLength(typed.split('\n').length)
    expect(prepared.js).not.toContain('interface')
    const code = codeToRun({ mode: 'handler', runnable: prepared }, typed, 'typescript')
    const settings = { ...defaultSettings(), preset: 'steady' as const, ratePerSecond: 1 }
    const json = buildScenarioJson(
      { ...settings, durationSeconds: 5 },
      defaultFunctionConfig(),
      code ?? null,
    )
    const session = createAsyncSimSession({ wasm: nodeWasmSource, codeBudgetMs: Infinity })
    expect((await session.load(json)).ok).toBe(true)
    const sent = await session.sendNow('{"name":"ada"}')
    expect(sent.ok).toBe(true)
    while (!(await session.advance(1_000)).finished);
    expect(session.report()).toMatchObject({ invocations: 6, errors: 0 })
    expect(JSON.parse(session.sentRequests()[0]?.responseJson ?? '')).toEqual({
      message: 'hello ada',
    })
    const own = session.queryLogs({ filter: { text: 'typed handler call' }, offset: 0, limit: 9 })
    // The sent request at 0 s took one environment, the 0 s arrival a second one (cold); the
    // arrivals at 1–4 s run warm on the most recently used: its module state counts to 5.
    const calls = own.lines.map((l) => Number(/call (\d+) my-function$/.exec(l.line)?.[1]))
    expect(calls.sort()).toEqual([1, 1, 2, 3, 4, 5])
  })

  it('code that does not parse is kept as written, with the parse error and its line', async () => {
    const broken = 'export const handler = async (event: ) => 1\n'
    const prepared = await prepareCode(broken, 'typescript')
    expect(prepared).toMatchObject({ js: null, source: broken })
    expect(prepared.error).toMatch(/\(line 1\)$/)
    expect(codeToRun({ mode: 'handler', runnable: prepared }, broken, 'typescript')).toBe(broken)
  })

  it('modeled: no code; a source not prepared yet: wait for it', () => {
    expect(codeToRun({ mode: 'modeled', runnable: null }, 'x', 'javascript')).toBeNull()
    expect(codeToRun({ mode: 'handler', runnable: null }, 'x', 'javascript')).toBeUndefined()
  })
})
