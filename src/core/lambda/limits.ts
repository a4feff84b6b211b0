/**
 * Lambda's hard limits, as documented (see shared/reference/lambda-semantics.md §2.3).
 * Every check in the playground that refuses a value names one of these.
 */
export const Limits = {
  /** Smallest configurable memory, MB. */
  MinMemoryMB: 128,
  /** Largest configurable memory, MB (1 MB steps). */
  MaxMemoryMB: 10_240,
  /** Memory that buys one full vCPU, MB. */
  MemoryPerVcpuMB: 1_769,
  /** Shortest timeout, seconds. */
  MinTimeoutSeconds: 1,
  /** Longest timeout, seconds. */
  MaxTimeoutSeconds: 900,
  /** Default timeout of the console and API, seconds. */
  DefaultTimeoutSeconds: 3,
  /** The INIT phase is cut after this long (and retried at the first invocation). */
  InitTimeoutMs: 10_000,
  /** Synchronous invocation request payload, bytes (6 MB). */
  SyncRequestBytes: 6_291_456,
  /** Synchronous invocation response payload, bytes, as the error message states it. */
  SyncResponseBytes: 6_291_556,
  /** Asynchronous invocation payload, bytes (1 MB since October 2025; 256 KB before). */
  AsyncRequestBytes: 1_048_576,
  /** Total size of all environment variables (keys and values), bytes. */
  EnvironmentVariablesBytes: 4_096,
  /** Default account concurrency per region. */
  AccountConcurrency: 1_000,
} as const

/** Bytes of a string as UTF-8, without TextEncoder (core has no DOM or Node types). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
