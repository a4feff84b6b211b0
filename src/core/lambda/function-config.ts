import { Limits, utf8Length } from './limits'

/** Node.js runtimes the playground offers. Their behaviour differences are modelled where known. */
export const Runtimes = ['nodejs22.x', 'nodejs20.x'] as const
export type Runtime = (typeof Runtimes)[number]

/** Instruction set; changes price (arm64 is cheaper) and nothing else in the model. */
export type Architecture = 'x86_64' | 'arm64'

/** What a person configures for one function, with Lambda's own names and units. */
export interface FunctionConfig {
  /** Function name: 1–64 letters, digits, hyphens or underscores. */
  name: string
  /** Managed runtime identifier. */
  runtime: Runtime
  /** `file.export`, for example `index.handler`. */
  handler: string
  /** Memory, MB: 128–10,240 in 1 MB steps. CPU share follows it (1,769 MB = 1 vCPU). */
  memoryMB: number
  /** Timeout, whole seconds: 1–900. */
  timeoutSeconds: number
  /** x86_64 or arm64. */
  architecture: Architecture
  /** The user's environment variables (Lambda's own are added at run time). */
  environment: Record<string, string>
}

/** Region and account the simulated functions live in (they appear in ARNs and env vars). */
export const Place = { region: 'us-east-1', accountId: '123456789012' } as const

/** A new function as Lambda's console creates it. */
export function defaultFunctionConfig(): FunctionConfig {
  return {
    name: 'my-function',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    memoryMB: 128,
    timeoutSeconds: Limits.DefaultTimeoutSeconds,
    architecture: 'x86_64',
    environment: {},
  }
}

/** A refused value: the field, and Lambda's message for it. */
export interface ConfigError {
  field: 'name' | 'memoryMB' | 'timeoutSeconds' | 'environment' | 'handler'
  message: string
}

/** Keys Lambda sets itself and refuses from users. */
export const ReservedEnvironmentKeys = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
] as const

const NAME_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/
const ENV_KEY_PATTERN = /^[a-zA-Z]([a-zA-Z0-9_])+$/
const HANDLER_PATTERN = /^[^\s]+\.[a-zA-Z_$][\w$]*$/

function constraint(value: unknown, field: string, rule: string): string {
  return `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`
}

function checkWholeNumber(value: number, field: string, min: number, max: number): string | null {
  if (!Number.isInteger(value)) return constraint(value, field, 'Member must be a whole number')
  if (value < min)
    return constraint(value, field, `Member must have value greater than or equal to ${min}`)
  if (value > max)
    return constraint(value, field, `Member must have value less than or equal to ${max}`)
  return null
}

/**
 * Checks a configuration against Lambda's limits. Returns every refused field with the message
 * Lambda's API gives for it (an empty list when the configuration is valid).
 */
export function validateFunctionConfig(config: FunctionConfig): ConfigError[] {
  const errors: ConfigError[] = []
  if (!NAME_PATTERN.test(config.name)) {
    errors.push({
      field: 'name',
      message: constraint(
        config.name,
        'functionName',
        'Member must be 1 to 64 letters, numbers, hyphens or underscores',
      ),
    })
  }
  if (!HANDLER_PATTERN.test(config.handler)) {
    errors.push({
      field: 'handler',
      message: constraint(
        config.handler,
        'handler',
        'Member must look like file.export, e.g. index.handler',
      ),
    })
  }
  const memory = checkWholeNumber(
    config.memoryMB,
    'memorySize',
    Limits.MinMemoryMB,
    Limits.MaxMemoryMB,
  )
  if (memory) errors.push({ field: 'memoryMB', message: memory })
  const timeout = checkWholeNumber(
    config.timeoutSeconds,
    'timeout',
    Limits.MinTimeoutSeconds,
    Limits.MaxTimeoutSeconds,
  )
  if (timeout) errors.push({ field: 'timeoutSeconds', message: timeout })
  const envError = validateEnvironment(config.environment)
  if (envError) errors.push({ field: 'environment', message: envError })
  return errors
}

function validateEnvironment(environment: Record<string, string>): string | null {
  const keys = Object.keys(environment)
  const reserved = keys.filter((key) =>
    (ReservedEnvironmentKeys as readonly string[]).includes(key),
  )
  if (reserved.length > 0) {
    return (
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. ' +
      `Reserved keys used in this request: ${reserved.join(', ')}`
    )
  }
  const badKey = keys.find((key) => !ENV_KEY_PATTERN.test(key))
  if (badKey !== undefined) {
    return constraint(
      badKey,
      'environment.variables',
      'Member must start with a letter and contain at least two letters, digits or underscores',
    )
  }
  const size = keys.reduce(
    (sum, key) => sum + utf8Length(key) + utf8Length(environment[key] ?? ''),
    0,
  )
  if (size > Limits.EnvironmentVariablesBytes) {
    return `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${size} bytes`
  }
  return null
}

/** `arn:aws:lambda:us-east-1:123456789012:function:name` */
export function functionArn(name: string): string {
  return `arn:aws:lambda:${Place.region}:${Place.accountId}:function:${name}`
}

/** `/aws/lambda/name` */
export function logGroupName(name: string): string {
  return `/aws/lambda/${name}`
}

/** `2026/11/26/[$LATEST]<32 hex>`, from the environment's creation time and a random suffix. */
export function logStreamName(createdAtMs: number, hex32: string, version = '$LATEST'): string {
  const date = new Date(createdAtMs).toISOString().slice(0, 10).replaceAll('-', '/')
  return `${date}/[${version}]${hex32}`
}

/**
 * The environment variables a function sees: the user's plus Lambda's own.
 * `AWS_ACCESS_KEY_ID` and friends are deliberately absent: the playground has no credentials.
 */
export function lambdaEnvironment(
  config: FunctionConfig,
  streamName: string,
  initializationType: 'on-demand' | 'provisioned-concurrency' = 'on-demand',
): Record<string, string> {
  return {
    ...config.environment,
    AWS_REGION: Place.region,
    AWS_DEFAULT_REGION: Place.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMB),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: initializationType,
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(config.name),
    AWS_LAMBDA_LOG_STREAM_NAME: streamName,
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: config.handler,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    NODE_PATH: `/opt/nodejs/node${config.runtime.slice(6, 8)}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task`,
  }
}
