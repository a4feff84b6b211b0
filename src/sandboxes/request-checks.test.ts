import { describe, expect, it } from 'vitest'
import { Limits } from '../core/lambda/limits'
import { checkRequest } from './request-checks'

describe('checkRequest', () => {
  it('lets a JSON event through', () => {
    expect(checkRequest('{"name":"Ada"}')).toBeUndefined()
  })

  it('refuses text that is not JSON, with the parser reason in the message', () => {
    const rejection = checkRequest('{name: 1}')
    expect(rejection?.status).toBe('rejected')
    expect(rejection?.error.errorType).toBe('InvalidRequestContentException')
    expect(rejection?.error.errorMessage).toMatch(/^Could not parse request body into json: /)
  })

  it('refuses a request past the 6 MB synchronous limit before parsing it', () => {
    const big = `"${'x'.repeat(Limits.SyncRequestBytes)}"`
    const rejection = checkRequest(big)
    expect(rejection?.error.errorType).toBe('RequestEntityTooLargeException')
  })
})
