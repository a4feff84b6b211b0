/**
 * The sandboxed frame that spawns the Web Worker environments. It is a `srcdoc` document in an
 * `<iframe sandbox="allow-scripts">` (never `allow-same-origin`): an opaque origin, so neither
 * the frame nor its workers can read the app's storage, cookies or DOM, and its CSP forbids
 * every network request. The page talks to it with two commands; each worker gets the
 * `MessagePort` the page sent with `spawn`, and from then on talks only over that port.
 */

/** A command the frame accepts from the page. */
export type FrameCommand =
  { type: 'spawn'; id: number; source: string } | { type: 'terminate'; id: number }

/** What the frame tells the page: it is ready, or a worker died (an error it did not handle). */
export type FrameEvent = { type: 'ready' } | { type: 'died'; id: number; message: string }

/**
 * No network at all (`default-src 'none'` covers fetch, XHR, WebSocket, EventSource, imports
 * from URLs); scripts only inline (the frame's own) and from `blob:` (the workers and the user's
 * ES module); `'unsafe-eval'` because Node allows `eval`/`new Function` and the runtime shim
 * compiles its rarely used parts with them. Workers made from `blob:` URLs inherit this policy.
 */
export const FRAME_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:"

/** True when `data` is a well-formed command (the frame ignores anything else). */
export function isFrameCommand(data: unknown): data is FrameCommand {
  if (typeof data !== 'object' || data === null) return false
  const { type, id, source } = data as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return false
  if (type === 'terminate') return Object.keys(data).length === 2
  return type === 'spawn' && typeof source === 'string' && Object.keys(data).length === 3
}

/** True when `data` is an event the frame may send (the page ignores anything else). */
export function isFrameEvent(data: unknown): data is FrameEvent {
  if (typeof data !== 'object' || data === null) return false
  const { type, id, message } = data as Record<string, unknown>
  if (type === 'ready') return true
  return type === 'died' && typeof id === 'number' && typeof message === 'string'
}

/**
 * The frame's script, run inside the frame with the validator as its argument (it is turned
 * into text: it may use nothing from this module's scope). Messages count only when they come
 * from the parent page. The workers' program is one blob URL, made once per distinct source.
 */
function frameMain(isCommand: (data: unknown) => data is FrameCommand): void {
  const workers = new Map<number, Worker>()
  let source = ''
  let url = ''
  const tell = (event: FrameEvent): void => window.parent.postMessage(event, '*')
  const programUrl = (text: string): string => {
    if (text === source) return url
    if (url) URL.revokeObjectURL(url)
    source = text
    url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }))
    return url
  }
  const stop = (id: number): void => {
    workers.get(id)?.terminate()
    workers.delete(id)
  }
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || !isCommand(event.data)) return
    const command = event.data
    stop(command.id)
    if (command.type !== 'spawn' || event.ports.length !== 1) return
    const worker = new Worker(programUrl(command.source), { name: `environment-${command.id}` })
    worker.onerror = (error) => {
      error.preventDefault()
      stop(command.id)
      tell({ type: 'died', id: command.id, message: String(error.message || 'worker error') })
    }
    worker.postMessage(null, [event.ports[0] as MessagePort])
    workers.set(command.id, worker)
  })
  tell({ type: 'ready' })
}

/** The frame's whole document, for `iframe.srcdoc`. */
export function frameSrcdoc(): string {
  const script = `(${frameMain.toString()})(${isFrameCommand.toString()})`
  return (
    `<!doctype html><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">` +
    `<script>${script.replace(/<\/script/gi, '<\\/script')}</script>`
  )
}
