import { describe, expect, it } from 'vitest'
import { findSdkImports } from './sdk-imports'

describe('findSdkImports (ES imports of the SDK subset the worker must point at its modules)', () => {
  it('finds static, re-exported, bare and dynamic imports, and nothing in strings, comments, templates or regexps', async () => {
    const code = [
      "import { S3Client } from '@aws-sdk/client-s3'",
      'export * from "@aws-sdk/lib-dynamodb"',
      "import '@aws-sdk/client-sns'",
      "const sqs = await import('@aws-sdk/client-sqs')",
      'const text = "import x from \'@aws-sdk/client-s3\'"',
      "// import y from '@aws-sdk/client-s3'",
      "const t = `${1} from '@aws-sdk/client-s3'`",
      "const re = /from '@aws-sdk\\/client-s3'/",
      "const kinesis = import('@aws-sdk/client-kinesis')",
      'export const handler = async () => 1',
    ].join('\n')
    const found = await findSdkImports(code)
    expect(found.map((f) => [f.specifier, code.slice(f.start, f.end)])).toEqual([
      ['@aws-sdk/client-s3', "'@aws-sdk/client-s3'"],
      ['@aws-sdk/lib-dynamodb', '"@aws-sdk/lib-dynamodb"'],
      ['@aws-sdk/client-sns', "'@aws-sdk/client-sns'"],
      ['@aws-sdk/client-sqs', "'@aws-sdk/client-sqs'"],
    ])
  })

  it('code that names no SDK package, or does not parse, has none', async () => {
    expect(await findSdkImports("import _ from 'lodash'")).toEqual([])
    expect(
      await findSdkImports("import { S3Client } from '@aws-sdk/client-s3'\nconst = 1"),
    ).toEqual([])
  })
})
