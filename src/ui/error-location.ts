import type { LambdaErrorPayload } from '../core/lambda/errors'

/** Where in the user's file an error points, from its trace (`index.mjs:3:9`). */
export function errorLocation(error: LambdaErrorPayload): { line: number; column: number } | null {
  const lines = [error.errorMessage, ...(error.trace ?? [])]
  for (const text of lines) {
    const match = /(?:\/var\/task\/)?index\.(?:mjs|cjs|js|ts):(\d+)(?::(\d+))?/.exec(text)
    if (match) return { line: Number(match[1]), column: Number(match[2] ?? 1) }
  }
  return null
}
