import * as Comlink from 'comlink'
import { describe, expect, it } from 'vitest'
import { defaultFunctionConfig } from '../../core/lambda/function-config'
import { createFunctionHost } from '../function-host'
import { nodeWasmSource } from '../quickjs/load-quickjs-node'
import type { Deployment, InvocationRecord } from '../types'
import { createWorkerFunctionHost } from './client'
import type { WorkerLike } from './client'

/** A "worker" in this thread: the api is exposed on one end of a MessageChannel. */
function inThreadWorker(api: object, onTerminate: () => void = () => {}): WorkerLike {
  const { port1, port2 } = new MessageChannel()
  Comlink.expose(api, port2)
  return Object.assign(port1, {
    terminate() {
      onTerminate()
      port1.close()
      port2.close()
    },
  })
}

const deployment: Deployment = {
  config: { ...defaultFunctionConfig(), timeoutSeconds: 1 },
  code: 'let count = 0\nexport const handler = async () => ++count',
  language: 'javascript',
}

describe('the worker client', () => {
  it('drives a function host across a Comlink channel: cold, then warm', async () => {
    const host = createFunctionHost({ wasm: nodeWasmSource, seed: 3 })
    const client = createWorkerFunctionHost({ spawnWorker: () => inThreadWorker(host) })
    await client.deploy(deployment)
    const first = (await client.invoke('{}')) as InvocationRecord
    const second = (await client.invoke('{}')) as InvocationRecord
    expect([first.cold, first.responseJson, second.cold, second.responseJson]).toEqual([
      true,
      '1',
      false,
      '2',
    ])
    expect(await client.environments()).toHaveLength(1)
    client.terminate()
  })

  it('a worker that does not answer within timeout + grace is killed, respawned and redeployed', async () => {
    const spawned: string[] = []
    const deployedTo: number[] = []
    let terminated = 0
    const client = createWorkerFunctionHost({
      graceMs: 50,
      initAllowanceMs: 0,
      spawnWorker: () => {
        const index = spawned.length
        spawned.push(index === 0 ? 'hangs' : 'answers')
        return inThreadWorker(
          {
            deploy: async () => void deployedTo.push(index),
            invoke: (eventJson: string) =>
              index === 0
                ? new Promise(() => {})
                : Promise.resolve({
                    status: 'rejected',
                    error: { errorType: 'Echo', errorMessage: eventJson },
                  }),
          },
          () => terminated++,
        )
      },
    })
    await client.deploy({ ...deployment, config: { ...deployment.config, timeoutSeconds: 1 } })
    const crashed = await client.invoke('{"n":1}')
    expect(crashed).toMatchObject({
      status: 'failed',
      environmentDiscarded: 'crash',
      error: { errorType: 'Runtime.ExitError' },
    })
    expect((crashed as InvocationRecord).notices?.[0]).toMatch(/crashed/)
    expect(spawned).toEqual(['hangs', 'answers'])
    expect(terminated).toBe(1)
    expect(await client.invoke('{"n":2}')).toEqual({
      status: 'rejected',
      error: { errorType: 'Echo', errorMessage: '{"n":2}' },
    })
    // The respawned worker received the last deployment before the next invocation.
    expect(deployedTo).toEqual([0, 1])
    client.terminate()
  })
})
