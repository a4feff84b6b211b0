import { describe, expect, it } from 'vitest'
import {
  defaultFunctionConfig,
  lambdaEnvironment,
  logStreamName,
  validateFunctionConfig,
  type FunctionConfig,
} from './function-config'

function withChange(change: Partial<FunctionConfig>): FunctionConfig {
  return { ...defaultFunctionConfig(), ...change }
}

describe('validateFunctionConfig', () => {
  it('accepts the console defaults', () => {
    expect(validateFunctionConfig(defaultFunctionConfig())).toEqual([])
  })

  it('refuses memory outside 128–10,240 MB and names the limit', () => {
    expect(validateFunctionConfig(withChange({ memoryMB: 64 }))).toEqual([
      {
        field: 'memoryMB',
        message:
          "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
      },
    ])
    expect(validateFunctionConfig(withChange({ memoryMB: 10_241 }))[0]?.message).toContain(
      'less than or equal to 10240',
    )
    expect(validateFunctionConfig(withChange({ memoryMB: 128.5 }))[0]?.message).toContain(
      'whole number',
    )
  })

  it('refuses timeouts outside 1–900 s', () => {
    expect(validateFunctionConfig(withChange({ timeoutSeconds: 0 }))[0]?.message).toContain(
      "Value '0' at 'timeout'",
    )
    expect(validateFunctionConfig(withChange({ timeoutSeconds: 901 }))[0]?.message).toContain(
      'less than or equal to 900',
    )
  })

  it('refuses bad names, reserved and oversized environment variables', () => {
    expect(validateFunctionConfig(withChange({ name: 'my function' }))[0]?.field).toBe('name')
    expect(
      validateFunctionConfig(withChange({ environment: { AWS_REGION: 'x' } }))[0]?.message,
    ).toContain('Reserved keys used in this request: AWS_REGION')
    expect(validateFunctionConfig(withChange({ environment: { '1X': 'x' } }))[0]?.field).toBe(
      'environment',
    )
    const big = { BIG: 'x'.repeat(4_094) }
    expect(validateFunctionConfig(withChange({ environment: big }))[0]?.message).toContain(
      '4KB limit',
    )
  })
})

describe('lambdaEnvironment', () => {
  it("adds Lambda's own variables to the user's", () => {
    const config = withChange({ name: 'orders', memoryMB: 256, environment: { TABLE: 't' } })
    const stream = logStreamName(Date.UTC(2026, 10, 26), 'e6f4a0c4241adcd70c262d34c0bbc85c')
    expect(stream).toBe('2026/11/26/[$LATEST]e6f4a0c4241adcd70c262d34c0bbc85c')
    const env = lambdaEnvironment(config, stream)
    expect(env).toMatchObject({
      TABLE: 't',
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_REGION: 'us-east-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
      AWS_LAMBDA_LOG_STREAM_NAME: stream,
      _HANDLER: 'index.handler',
    })
    expect(env.NODE_PATH).toContain('/opt/nodejs/node22/node_modules')
  })
})
