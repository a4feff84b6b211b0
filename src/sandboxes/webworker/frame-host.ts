import { frameSrcdoc, isFrameEvent } from './frame-source'
import type { FrameCommand } from './frame-source'

/** How long the frame may take to load before the host gives up on it. */
const FRAME_READY_TIMEOUT_MS = 10_000

/** Where environment workers are spawned: the sandboxed frame, or a stand-in in tests. */
export interface EnvironmentFrame {
  /**
   * Spawns a worker running `source` and returns its id and the page's end of its port.
   * `onDeath` hears of an error the worker did not handle.
   */
  spawn(
    source: string,
    onDeath: (message: string) => void,
  ): Promise<{ id: number; port: MessagePort }>
  /** Terminates the worker `id` (never reused). */
  terminate(id: number): void
  /** Ends every worker. */
  dispose(): void
}

/**
 * The page's side of the sandboxed frame: one hidden `<iframe sandbox="allow-scripts">` per
 * function host. It spawns a worker per execution environment and hands the worker one end of a
 * `MessageChannel`; the page keeps the other. Only the frame's own window is listened to.
 */
export class SandboxFrame implements EnvironmentFrame {
  private readonly iframe: HTMLIFrameElement
  private readonly ready: Promise<void>
  private readonly deaths = new Map<number, (message: string) => void>()
  private nextId = 1
  private readonly onMessage = (event: MessageEvent): void => this.receive(event)
  private markReady: () => void = () => {}

  constructor(doc: Document = document) {
    this.iframe = doc.createElement('iframe')
    this.iframe.setAttribute('sandbox', 'allow-scripts')
    this.iframe.setAttribute('aria-hidden', 'true')
    this.iframe.tabIndex = -1
    this.iframe.title = 'Web Worker execution environments'
    this.iframe.style.cssText = 'display:none;position:absolute;width:0;height:0;border:0'
    this.iframe.srcdoc = frameSrcdoc()
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve
      setTimeout(() => reject(new Error('the sandbox frame did not load')), FRAME_READY_TIMEOUT_MS)
    })
    // A frame that never loads rejects the spawn that waits for it, not an unhandled promise.
    this.ready.catch(() => undefined)
    window.addEventListener('message', this.onMessage)
    doc.body.append(this.iframe)
  }

  private receive(event: MessageEvent): void {
    if (event.source !== this.iframe.contentWindow || !isFrameEvent(event.data)) return
    const data = event.data
    if (data.type === 'ready') this.markReady()
    else this.deaths.get(data.id)?.(data.message)
  }

  /**
   * Spawns a worker running `source` (the frame makes it a blob URL) and returns its id and the
   * page's end of its port. `onDeath` hears of an error the worker did not handle.
   */
  async spawn(
    source: string,
    onDeath: (message: string) => void,
  ): Promise<{ id: number; port: MessagePort }> {
    await this.ready
    const id = this.nextId++
    const channel = new MessageChannel()
    this.deaths.set(id, onDeath)
    this.post({ type: 'spawn', id, source }, [channel.port2])
    return { id, port: channel.port1 }
  }

  /** Terminates the worker `id` (never reused). */
  terminate(id: number): void {
    this.deaths.delete(id)
    this.post({ type: 'terminate', id })
  }

  private post(command: FrameCommand, transfer: Transferable[] = []): void {
    this.iframe.contentWindow?.postMessage(command, '*', transfer)
  }

  /** Removes the frame: every worker in it ends with it. */
  dispose(): void {
    window.removeEventListener('message', this.onMessage)
    this.deaths.clear()
    this.iframe.remove()
  }
}
