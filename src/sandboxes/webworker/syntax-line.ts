/**
 * The line of a syntax error V8 reported without one (a module that fails to parse rejects its
 * import with the message only). Sucrase's parser, already used to strip TypeScript, finds the
 * position; the message stays V8's own. `undefined` when sucrase accepts the code (V8's
 * stricter checks, such as early errors, then have no line).
 */
export async function syntaxErrorLine(code: string): Promise<number | undefined> {
  try {
    const { transform } = await import('sucrase')
    transform(code, { transforms: [], disableESTransforms: true })
    return undefined
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const match = /\((\d+):(\d+)\)\s*$/.exec(message)
    return match ? Number(match[1]) : undefined
  }
}
