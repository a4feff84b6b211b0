/**
 * The subset of the AWS SDK for JavaScript v3 that guest code can import, as data shared by the
 * host (module resolution, error messages) and the guest (sdk-clients.ts builds these exports).
 * Each package lists its clients, commands and error classes; anything else is reported as
 * outside the subset, naming what exists.
 */
export const SDK_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  '@aws-sdk/client-s3': [
    ...['S3Client', 'PutObjectCommand', 'GetObjectCommand', 'ListObjectsV2Command'],
    ...['S3ServiceException', 'NoSuchKey', 'NoSuchBucket'],
  ],
  '@aws-sdk/client-sqs': [
    ...['SQSClient', 'SendMessageCommand', 'ReceiveMessageCommand', 'DeleteMessageCommand'],
    ...['SQSServiceException', 'QueueDoesNotExist', 'ReceiptHandleIsInvalid'],
  ],
  '@aws-sdk/client-dynamodb': [
    ...['DynamoDBClient', 'PutItemCommand', 'GetItemCommand', 'QueryCommand', 'ScanCommand'],
    ...['UpdateItemCommand', 'DeleteItemCommand', 'DynamoDBServiceException'],
    ...['ResourceNotFoundException', 'ConditionalCheckFailedException'],
  ],
  '@aws-sdk/lib-dynamodb': [
    ...['DynamoDBDocumentClient', 'PutCommand', 'GetCommand', 'QueryCommand', 'ScanCommand'],
    ...['UpdateCommand', 'DeleteCommand'],
  ],
  '@aws-sdk/client-eventbridge': ['EventBridgeClient', 'PutEventsCommand'],
  '@aws-sdk/client-sns': [
    'SNSClient',
    'PublishCommand',
    'SNSServiceException',
    'NotFoundException',
  ],
  '@aws-sdk/client-lambda': ['LambdaClient', 'InvokeCommand', 'LambdaServiceException'],
}

/** Key of the guest global (a registered symbol, never enumerable) that ES modules read. */
export const SDK_HOOK_SYMBOL = 'lambda-runtime:aws-sdk'

/** True for a package of the subset. */
export function isSdkPackage(specifier: string): boolean {
  return Object.hasOwn(SDK_PACKAGES, specifier)
}

/** `@aws-sdk/client-s3, @aws-sdk/client-sqs, …`: what the playground provides. */
export function supportedSdkList(): string {
  return Object.keys(SDK_PACKAGES).join(', ')
}

/**
 * The sentence added to `Runtime.ImportModuleError` for an `@aws-sdk/*` package outside the
 * subset (undefined for any other specifier, whose error stays Node's own).
 */
export function unsupportedSdkNote(specifier: string): string | undefined {
  if (!specifier.startsWith('@aws-sdk/') || isSdkPackage(specifier)) return undefined
  return `The playground provides a subset of the AWS SDK v3: ${supportedSdkList()}.`
}

/**
 * Node's message for a named import the package does not export, with the subset it has
 * (QuickJS says `Could not find export 'X' in module 'p'`); undefined for other messages.
 */
export function missingSdkExportMessage(quickjsMessage: string): string | undefined {
  const match = /^Could not find export '([^']*)' in module '([^']*)'$/.exec(quickjsMessage)
  const pkg = match?.[2]
  if (!match || pkg === undefined || !isSdkPackage(pkg)) return undefined
  const names = SDK_PACKAGES[pkg]?.join(', ') ?? ''
  return (
    `The requested module '${pkg}' does not provide an export named '${match[1]}' ` +
    `(the playground's ${pkg} provides ${names})`
  )
}

/**
 * The ES module text the module loader hands QuickJS for a package of the subset: named exports
 * and a default export (Node gives a CommonJS package's `module.exports` as default), read from
 * the shim through its hook.
 */
export function sdkModuleSource(specifier: string): string {
  const names = SDK_PACKAGES[specifier] ?? []
  const key = JSON.stringify(SDK_HOOK_SYMBOL)
  return (
    `const m = globalThis[Symbol.for(${key})](${JSON.stringify(specifier)})\n` +
    `export const { ${names.join(', ')} } = m\n` +
    'export default m\n'
  )
}
