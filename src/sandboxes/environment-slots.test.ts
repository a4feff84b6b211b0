import { describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../core/lambda/function-config'
import { deploymentKey, EnvironmentSlots, notDeployed, openDeployment } from './environment-slots'

const config = defaultFunctionConfig()

/** Slots over plain named environments; `released` lists what was freed, in order. */
function slotsOf(dead = new Set<string>()) {
  const released: string[] = []
  const slots = new EnvironmentSlots<string>({
    release: (env) => void released.push(env),
    usable: (env) => !dead.has(env),
  })
  return { slots, released, dead }
}

describe('EnvironmentSlots (what both kinds of host share)', () => {
  it('a new environment is busy; once finished it serves the next invocation warm', () => {
    const { slots } = slotsOf()
    const id = slots.reserveId()
    const slot = slots.add(id, config, 'env-1', 1_000, 1)
    expect(slots.warm()).toBeUndefined()
    slots.finish(slot, 30, false)
    expect(slots.warm()).toBe(slot)
    expect(slots.summaries()).toEqual([
      { environmentId: 1, state: 'idle', createdAt: 1_000, invocations: 1, maxMemoryUsedMB: 30 },
    ])
  })

  it('a failed invocation discards its environment; a dead one is never picked warm', () => {
    const { slots, released, dead } = slotsOf()
    const a = slots.add(slots.reserveId(), config, 'a', 0)
    const b = slots.add(slots.reserveId(), config, 'b', 0)
    slots.finish(a, 1, true)
    slots.finish(b, 1, false)
    dead.add('b')
    expect([released, slots.warm(), slots.summaries().map((s) => s.environmentId)]).toEqual([
      ['a'],
      undefined,
      [2],
    ])
  })

  it('retireAll frees idle environments now and busy ones when their invocation ends', () => {
    const { slots, released } = slotsOf()
    const idle = slots.add(slots.reserveId(), config, 'idle', 0)
    slots.finish(idle, 1, false)
    const busy = slots.add(slots.reserveId(), config, 'busy', 0)
    slots.retireAll()
    expect(released).toEqual(['idle'])
    expect(slots.summaries().map((s) => s.state)).toEqual(['busy'])
    slots.finish(busy, 1, false)
    expect([released, slots.summaries()]).toEqual([['idle', 'busy'], []])
  })
})

describe('the deployed function', () => {
  it('checks the configuration once and copies the deployment', async () => {
    const deployment = {
      config: { ...config, memoryMB: 64 },
      code: 'x',
      language: 'javascript' as const,
    }
    const opened = openDeployment(deployment)
    deployment.code = 'changed'
    expect(opened.deployment.code).toBe('x')
    expect(opened.configProblem?.error.errorType).toBe('InvalidParameterValueException')
    expect(opened.key).toBe(deploymentKey({ ...deployment, code: 'x' }))
    expect((await opened.prepared).ok).toBe(true)
    expect(notDeployed().error.errorType).toBe('ResourceNotFoundException')
    // Another version of an extra file is a new deployment too.
    const files = [{ name: 'lib.js', code: 'exports.a = 1' }]
    const changed = [{ name: 'lib.js', code: 'exports.a = 2' }]
    expect(deploymentKey({ ...deployment, files })).not.toBe(
      deploymentKey({ ...deployment, files: changed }),
    )
  })
})
