import { validateFunctionConfig } from '../../core/lambda/function-config'
import { createWorkerFunctionHost } from '../../sandboxes/worker/client'
import type { FunctionHost, SandboxKind } from '../../sandboxes/types'
import { invocationStore, recordResult, recordRejection } from '../../stores/invocation-store'
import { useProjectStore } from '../../stores/project-store'
import { parseEventJson } from '../event-json'

/** The page's function hosts, one per sandbox kind, each started on first use. */
const hosts = new Map<SandboxKind, Promise<FunctionHost>>()

function startHost(kind: SandboxKind): Promise<FunctionHost> {
  if (kind === 'quickjs') return Promise.resolve(createWorkerFunctionHost())
  // The Web Worker kind (its sandboxed frame and worker program) loads only when chosen.
  return import('../../sandboxes/webworker').then((module) => module.createWebWorkerFunctionHost())
}

function getHost(kind: SandboxKind): Promise<FunctionHost> {
  let host = hosts.get(kind)
  if (!host) {
    host = startHost(kind)
    // A host that failed to start is tried again on the next Invoke.
    host.catch(() => hosts.delete(kind))
    hosts.set(kind, host)
  }
  return host
}

/** Starts the sandbox worker early (after first paint) so the first invocation does not wait for it. */
export function prewarmHost(): void {
  void getHost(useProjectStore.getState().sandbox).catch(() => undefined)
}

/** Why the last Invoke did not send anything, for the event panel (null when it did). */
export type InvokeBlock = { kind: 'event'; message: string } | null

/**
 * Runs the function in the other kind of sandbox from now on. On Lambda's terms that is a new
 * deployment: the current kind's environments are discarded (Web Worker environments hold real
 * threads), and the next invocation is a cold start.
 */
export async function changeSandbox(kind: SandboxKind): Promise<void> {
  const { sandbox: previous, setSandbox } = useProjectStore.getState()
  if (previous === kind) return
  setSandbox(kind)
  invocationStore.setState({ environments: [] })
  const old = await hosts.get(previous)?.catch(() => undefined)
  await old?.resetEnvironments()
}

/**
 * Invokes the function with the current code, configuration and test event, as the console's
 * Test button does. Refuses (without invoking) an invalid configuration or event.
 */
export async function invokeCurrent(): Promise<InvokeBlock> {
  if (invocationStore.getState().pending) return null
  const { code, language, files, config, eventJson, sandbox } = useProjectStore.getState()
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
    const functionHost = await getHost(sandbox)
    // A single-file function deploys as before (no `files`), so hosts that predate files agree.
    await functionHost.deploy({ config, code, language, ...(files.length > 0 ? { files } : {}) })
    const result = await functionHost.invoke(eventJson)
    const stamped = result.status === 'rejected' ? result : { ...result, sandbox }
    recordResult(stamped, await functionHost.environments(), code)
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
  const functionHost = await getHost(useProjectStore.getState().sandbox)
  await functionHost.resetEnvironments()
  invocationStore.setState({ environments: await functionHost.environments() })
}
