import type { SourceLanguage } from './types'

/**
 * Strips TypeScript types with sucrase, loaded on first use (a lazy chunk of about 44 KiB gzip).
 * Sucrase blanks out what it removes instead of reflowing the code, so every line keeps its
 * number and error positions point at the user's own lines. No type checking happens here: the
 * editor does that.
 *
 * @throws SyntaxError-like errors from sucrase for code that does not parse as TypeScript.
 */
export async function toRunnableJs(code: string, language: SourceLanguage): Promise<string> {
  if (language === 'javascript') return code
  const { transform } = await import('sucrase')
  return transform(code, { transforms: ['typescript'], disableESTransforms: true }).code
}

/** A parse failure reported by sucrase: its message and 1-based line, when it names one. */
export function transpileErrorLine(error: unknown): { message: string; line?: number } {
  const message = error instanceof Error ? error.message : String(error)
  const match = /\((\d+):(\d+)\)\s*$/.exec(message)
  return match
    ? { message: message.replace(/\s*\(\d+:\d+\)\s*$/, ''), line: Number(match[1]) }
    : { message }
}
