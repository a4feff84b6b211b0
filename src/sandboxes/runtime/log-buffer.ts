import { applicationLine } from '../../core/lambda/log-lines'
import type { LogLevel } from '../../core/lambda/log-lines'
import { utf8Length } from '../../core/lambda/limits'

/** Application log volume kept per invocation, bytes; the rest is dropped with a notice. */
export const LOG_CAP_BYTES = 256 * 1024

/**
 * Collects one phase's application lines (INIT, or one invocation) and caps their volume, so a
 * console flood cannot exhaust the tab. The notice is itself a log line, visible in the panel.
 */
export class LogBuffer {
  readonly lines: string[] = []
  private bytes = 0
  private truncated = false

  constructor(private readonly capBytes = LOG_CAP_BYTES) {}

  /** Adds `<time>\t<request id>\t<LEVEL>\t<message>` unless the cap has been reached. */
  add(epochMs: number, requestId: string | undefined, level: LogLevel, message: string): void {
    if (this.truncated) return
    const line = applicationLine(epochMs, requestId, level, message)
    const size = utf8Length(line)
    if (this.bytes + size > this.capBytes) {
      this.truncate(epochMs, requestId)
      return
    }
    this.bytes += size
    this.lines.push(line)
  }

  /**
   * A runtime line (`Invoke Error`, `Uncaught Exception`): kept even past the cap, since runtime
   * errors must always be visible, but cut to the cap itself and followed by the notice, so a
   * `throw new Error(hugeString)` cannot put megabytes in one line (CloudWatch cuts events too).
   */
  addRuntime(
    epochMs: number,
    requestId: string | undefined,
    level: LogLevel,
    message: string,
  ): void {
    const line = applicationLine(epochMs, requestId, level, message)
    const size = utf8Length(line)
    if (size <= this.capBytes) {
      this.bytes += size
      this.lines.push(line)
      return
    }
    const head = utf8Length(applicationLine(epochMs, requestId, level, ''))
    this.lines.push(
      applicationLine(epochMs, requestId, level, cutToBytes(message, this.capBytes - head)),
    )
    this.truncate(epochMs, requestId)
  }

  /** Ends the phase's log with the visible notice (once). */
  private truncate(epochMs: number, requestId: string | undefined): void {
    if (this.truncated) return
    this.truncated = true
    this.lines.push(
      applicationLine(
        epochMs,
        requestId,
        'WARN',
        `[playground] log output truncated: this invocation wrote more than ${this.capBytes} bytes`,
      ),
    )
  }
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes, never splitting a pair. */
export function cutToBytes(text: string, maxBytes: number): string {
  // A UTF-16 code unit is 1 to 3 UTF-8 bytes: dropping a third of the excess in code units
  // never drops more than needed (give or take a character), and converges in a few rounds.
  let cut = text.slice(0, Math.max(0, maxBytes))
  for (let excess = utf8Length(cut) - maxBytes; excess > 0; excess = utf8Length(cut) - maxBytes) {
    cut = cut.slice(0, cut.length - Math.ceil(excess / 3))
  }
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}
