import { describe, expect, it } from 'vitest'
import { GuestVm } from './guest-vm'
import { nodeWasmSource } from './load-quickjs-node'
import { POLLS_PER_TICK } from './poll-counter'
import { newCappedQuickJS } from './wasm-module'

async function freshVm(): Promise<GuestVm> {
  return new GuestVm(await newCappedQuickJS(nodeWasmSource, 128), 0)
}

/** Polls a piece of code made, run as a segment of `vm`. */
function pollsOf(vm: GuestVm, code: string): number {
  const before = vm.counter.polls()
  const result = vm.guard(() => vm.ctx.evalCode(code))
  if (result?.error) throw new Error(JSON.stringify(vm.dumpError(result.error)))
  result?.value.dispose()
  return vm.counter.polls() - before
}

const loop = (n: number) => `for (let i = 0; i < ${n}; i++) {}`

describe('PollCounter', () => {
  it("reads QuickJS's own countdown in this build (the committed offset holds)", async () => {
    const vm = await freshVm()
    // Given an empty loop, QuickJS polls at each iteration's two jumps: the count is exact.
    const small = pollsOf(vm, loop(1000))
    const large = pollsOf(vm, loop(26_000))
    expect(vm.counter.exact).toBe(true)
    expect(large - small).toBe(2 * 25_000)
    // The large loop crossed ticks: the interrupt handler counted them and the count held.
    expect(large).toBeGreaterThan(5 * POLLS_PER_TICK)
  })

  it('counts the same polls for the same code, whatever ran in the context before', async () => {
    const a = await freshVm()
    const b = await freshVm()
    pollsOf(b, loop(3_333))
    pollsOf(b, 'JSON.stringify({ a: [1, 2, 3] })')
    const code =
      '(() => { let s = 0; for (let i = 0; i < 12345; i++) s += [i].map((x) => x * 2)[0] })()'
    const counts = [pollsOf(a, code), pollsOf(b, code), pollsOf(a, code), pollsOf(b, code)]
    expect(new Set(counts).size).toBe(1)
  })

  it('a loop of N iterations costs twice the polls of N / 2 (within a few polls of setup)', async () => {
    const vm = await freshVm()
    const half = pollsOf(vm, loop(50_000))
    const whole = pollsOf(vm, loop(100_000))
    expect(Math.abs(whole - 2 * half)).toBeLessThan(10)
  })
})
