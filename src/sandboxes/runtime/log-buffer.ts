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
      this.truncated = true
      this.lines.push(
        applicationLine(
          epochMs,
          requestId,
          'WARN',
          `[playground] log output truncated: this invocation wrote more than ${this.capBytes} bytes`,
        ),
      )
      return
    }
    this.bytes += size
    this.lines.push(line)
  }

  /** A line that bypasses the cap (runtime errors must always be visible). */
  addRuntime(
    epochMs: number,
    requestId: string | undefined,
    level: LogLevel,
    message: string,
  ): void {
    this.lines.push(applicationLine(epochMs, requestId, level, message))
  }
}
