import { utf8Length } from '../../core/lambda/limits'
import type { DoubleContext } from './double-context'
import { md5Hex } from './md5'
import { fault, requiredString } from './service-error'

/** An object as the double keeps it (bodies are text: the bridge carries UTF-8). */
export interface S3ObjectRecord {
  body: string
  etag: string
  contentType: string
  metadata: Record<string, string>
  lastModified: string
}

const MAX_KEYS = 1000

/** S3's `PutObject`, `GetObject` and `ListObjectsV2` on in-memory buckets. */
export class S3Double {
  /** Buckets by name; objects by key. */
  readonly buckets = new Map<string, Map<string, S3ObjectRecord>>()

  constructor(private readonly ctx: DoubleContext) {
    for (const name of ctx.declared.buckets) this.buckets.set(name, new Map())
  }

  handle(operation: string, input: Record<string, unknown>): object | undefined {
    if (operation === 'PutObject') return this.put(input)
    if (operation === 'GetObject') return this.get(input)
    if (operation === 'ListObjectsV2') return this.list(input)
    return undefined
  }

  private bucket(input: Record<string, unknown>): Map<string, S3ObjectRecord> {
    const name = requiredString(input, 'Bucket')
    let bucket = this.buckets.get(name)
    if (bucket === undefined && this.ctx.autoCreate) this.buckets.set(name, (bucket = new Map()))
    if (bucket === undefined)
      throw fault('NoSuchBucket', 'The specified bucket does not exist', 404)
    return bucket
  }

  private put(input: Record<string, unknown>): object {
    const bucket = this.bucket(input)
    const key = requiredString(input, 'Key')
    const body = typeof input.Body === 'string' ? input.Body : ''
    const etag = `"${md5Hex(body)}"`
    this.ctx.storage.change(body.length - (bucket.get(key)?.body.length ?? 0))
    bucket.set(key, {
      body,
      etag,
      contentType:
        typeof input.ContentType === 'string' ? input.ContentType : 'application/octet-stream',
      metadata: stringRecord(input.Metadata),
      lastModified: new Date(Math.floor(this.ctx.now() / 1000) * 1000).toISOString(),
    })
    return { ETag: etag, ServerSideEncryption: 'AES256' }
  }

  private get(input: Record<string, unknown>): object {
    const bucket = this.bucket(input)
    const object = bucket.get(requiredString(input, 'Key'))
    if (object === undefined) throw fault('NoSuchKey', 'The specified key does not exist.', 404)
    return {
      Body: object.body,
      ContentLength: utf8Length(object.body),
      ContentType: object.contentType,
      ETag: object.etag,
      LastModified: object.lastModified,
      Metadata: object.metadata,
      AcceptRanges: 'bytes',
    }
  }

  private list(input: Record<string, unknown>): object {
    const name = requiredString(input, 'Bucket')
    const bucket = this.bucket(input)
    const prefix = typeof input.Prefix === 'string' ? input.Prefix : ''
    const delimiter = typeof input.Delimiter === 'string' ? input.Delimiter : ''
    const maxKeys =
      typeof input.MaxKeys === 'number' ? Math.max(0, Math.min(MAX_KEYS, input.MaxKeys)) : MAX_KEYS
    const token = typeof input.ContinuationToken === 'string' ? input.ContinuationToken : undefined
    const after = token !== undefined ? decodeToken(token) : String(input.StartAfter ?? '')
    const contents: object[] = []
    const prefixes = new Set<string>()
    let truncated = false
    let last = ''
    for (const key of [...bucket.keys()].sort()) {
      if (!key.startsWith(prefix) || key <= after) continue
      const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length)
      const common = cut < 0 ? undefined : key.slice(0, cut + delimiter.length)
      if (common !== undefined && prefixes.has(common)) continue
      if (contents.length + prefixes.size >= maxKeys) {
        truncated = true
        break
      }
      last = key
      if (common !== undefined) prefixes.add(common)
      else contents.push(summary(key, bucket.get(key) as S3ObjectRecord))
    }
    return {
      Name: name,
      Prefix: prefix,
      MaxKeys: maxKeys,
      KeyCount: contents.length + prefixes.size,
      IsTruncated: truncated,
      ...(contents.length > 0 ? { Contents: contents } : {}),
      ...(prefixes.size > 0 ? { CommonPrefixes: [...prefixes].map((p) => ({ Prefix: p })) } : {}),
      ...(delimiter !== '' ? { Delimiter: delimiter } : {}),
      ...(token !== undefined ? { ContinuationToken: token } : {}),
      ...(truncated ? { NextContinuationToken: encodeToken(last) } : {}),
    }
  }
}

function summary(key: string, object: S3ObjectRecord): object {
  return {
    Key: key,
    LastModified: object.lastModified,
    ETag: object.etag,
    Size: utf8Length(object.body),
    StorageClass: 'STANDARD',
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(value)) out[k.toLowerCase()] = String(v)
  return out
}

// Opaque to the caller, as S3's are; here the last key listed, in base64.
function encodeToken(key: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(key)))
}

function decodeToken(token: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)))
  } catch {
    throw fault('InvalidArgument', 'The continuation token provided is incorrect')
  }
}
