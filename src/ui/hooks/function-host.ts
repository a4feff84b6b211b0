import { validateFunctionConfig } from '../../core/lambda/function-config'
import { createWorkerFunctionHost } from '../../sandboxes/worker/client'
import type { FunctionHost } from '../../sandboxes/types'
import { invocationStore, recordResult, recordRejection } from '../../stores/invocation-store'
import { useProjectStore } from '../../stores/project-store'
import { parseEventJson } from '../event-json'

let host: (FunctionHost & { terminate(): void }) | null = null

/** The page's one function host (a QuickJS worker), started on first use. */
function getHost(): FunctionHost & { terminate(): void } {
  host ??= createWorkerFunctionHost()
  return host
}

/** Starts the sandbox worker early (after first paint) so the first invocation does not wait for it. */
export function prewarmHost(): void {
  getHost()
}

/** Why the last Invoke did not send anything, for the event panel (null when it did). */
export type InvokeBlock = { kind: 'event'; message: string } | null

/**
 * Invokes the function with the current code, configuration and test event, as the console's
 * Test button does. Refuses (without invoking) an invalid configuration or event.
 */
export async function invokeCurrent(): Promise<InvokeBlock> {
  if (invocationStore.getState().pending) return null
  const { code, language, config, eventJson } = useProjectStore.getState()
  const configErrors = validateFunctionConfig(config)
  if (configErrors.length > 0) {
    recordRejection({
      status: 'rejected',
      error: {
        errorType: 'InvalidParameterValueException',
        errorMessage: configErrors.map((error) => error.message).join('\n'),
      },
    })
    return null
  }
  const parsed = parseEventJson(eventJson)
  if (!parsed.ok) {
    return {
      kind: 'event',
      message: `Not invoked: the test event is not valid JSON (line ${parsed.line}, column ${parsed.column}): ${parsed.message}`,
    }
  }
  invocationStore.setState({ pending: true, hostError: null })
  try {
    const functionHost = getHost()
    await functionHost.deploy({ config, code, language })
    const result = await functionHost.invoke(eventJson)
    recordResult(result, await functionHost.environments(), code)
  } catch (error) {
    invocationStore.setState({
      pending: false,
      hostError: `The sandbox failed to run: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  return null
}

/** Discards every execution environment: the next invocation is a cold start. */
export async function startFreshEnvironment(): Promise<void> {
  const functionHost = getHost()
  await functionHost.resetEnvironments()
  invocationStore.setState({ environments: await functionHost.environments() })
}
