/**
 * `npx tsx scripts/calibrate-quickjs-ticks.ts`: measures, on this machine, how many wall-clock
 * milliseconds one interrupt tick of QuickJS (10,000 polls: function calls and jumps) takes,
 * over a mix of workloads typical of handlers, and prints the `MS_PER_TICK` constant to paste
 * into src/sandboxes/quickjs/tick-calibration.ts. Run it once per build of the QuickJS wasm (a
 * new QuickJS version changes both the speed and what a poll is), on an idle machine.
 *
 * Each workload is a guest function called as a CPU segment of a real sandbox VM (same wasm,
 * same limits, same poll counting as the environments); it runs long enough (tens of ticks) that
 * the wall clock's resolution does not matter. Per workload: the median of the samples' wall ms
 * per tick in each of 5 rounds, and the lowest of those medians (other processes only ever make
 * it slower); the constant is the median over workloads, so no single kind of code dominates.
 * It also prices native JSON by size (polls per character): not charged yet; a shim proxy that
 * charges big JSON calls by size would use it (native calls do not poll).
 */
import { GuestVm } from '../src/sandboxes/quickjs/guest-vm'
import { nodeWasmSource } from '../src/sandboxes/quickjs/load-quickjs-node'
import { POLLS_PER_TICK } from '../src/sandboxes/quickjs/poll-counter'
import { MS_PER_TICK } from '../src/sandboxes/quickjs/tick-calibration'
import { newCappedQuickJS } from '../src/sandboxes/quickjs/wasm-module'

const SAMPLES = 15
const WARMUP = 3
/** Rounds per workload; each keeps its least disturbed one (the machine is shared). */
const ROUNDS = 5

/** Guest functions, each a kind of work handlers do; `n` scales it to tens of ticks. */
const WORKLOADS: Record<string, string> = {
  'arithmetic loop': `(n) => { let s = 0; for (let i = 0; i < n * 40000; i++) s = (s + i * 7) % 1000003; return s }`,
  'function calls (fib)': `(n) => { const fib = (k) => (k < 2 ? k : fib(k - 1) + fib(k - 2)); let s = 0; for (let i = 0; i < n; i++) s += fib(18); return s }`,
  'objects and arrays': `(n) => {
    let total = 0
    for (let r = 0; r < n; r++) {
      const items = Array.from({ length: 500 }, (_, i) => ({ id: i, name: 'item' + i, price: i * 1.5 }))
      const cheap = items.filter((x) => x.price < 300).map((x) => ({ ...x, tag: x.id % 3 }))
      total += cheap.reduce((acc, x) => acc + x.price, 0) + Object.keys(cheap[0]).length
    }
    return total
  }`,
  'string building': `(n) => {
    let size = 0
    for (let r = 0; r < n; r++) {
      let s = ''
      const parts = []
      for (let i = 0; i < 400; i++) { s += String.fromCharCode(97 + (i % 26)); parts.push(\`k\${i}=\${i * 3};\`) }
      size += s.length + parts.join('').split(';').length + s.toUpperCase().indexOf('Z')
    }
    return size
  }`,
  'maps, sets and classes': `(n) => {
    class Counter { constructor() { this.m = new Map() } add(k) { this.m.set(k, (this.m.get(k) || 0) + 1) } }
    let out = 0
    for (let r = 0; r < n; r++) {
      const c = new Counter(), seen = new Set()
      for (let i = 0; i < 600; i++) { c.add('w' + (i % 50)); seen.add(i % 97) }
      out += c.m.size + seen.size
    }
    return out
  }`,
  'small JSON in and out': `(n) => {
    let len = 0
    for (let r = 0; r < n * 40; r++) {
      const body = JSON.parse('{"user":{"id":' + r + ',"roles":["a","b"]},"items":[1,2,3,4,5]}')
      body.items.push(r)
      len += JSON.stringify({ statusCode: 200, body }).length
    }
    return len
  }`,
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const low = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN
  const high = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
  return (low + high) / 2
}

/** Wall ms per tick of one workload: median over samples of one guest call each. */
function measure(vm: GuestVm, source: string, scale: number): { msPerTick: number; ticks: number } {
  const { ctx } = vm
  const fn = ctx.unwrapResult(ctx.evalCode(`(${source})`))
  const arg = ctx.newNumber(scale)
  const perTick: number[] = []
  const ticks: number[] = []
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const polls = vm.counter.polls()
    const start = performance.now()
    ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, arg)).dispose()
    const wall = performance.now() - start
    const used = (vm.counter.polls() - polls) / POLLS_PER_TICK
    if (i < WARMUP) continue
    perTick.push(wall / used)
    ticks.push(used)
  }
  arg.dispose()
  fn.dispose()
  return { msPerTick: median(perTick), ticks: median(ticks) }
}

/**
 * Wall ms per character of a native JSON round trip (stringify then parse of the same text), for
 * a proxy that charges those calls by size (they make one poll each, whatever their length).
 */
function measureJson(vm: GuestVm): number {
  const { ctx } = vm
  const source = `(r) => {
    const rows = Array.from({ length: 20000 }, (_, i) => ({ id: i, name: 'row' + i, tags: ['a', 'b'], ok: i % 2 === 0 }))
    return rows
  }`
  const make = ctx.unwrapResult(ctx.evalCode(`(${source})`))
  const data = ctx.unwrapResult(ctx.callFunction(make, ctx.undefined))
  const roundTrip = ctx.unwrapResult(
    ctx.evalCode(
      '(rows) => { const text = JSON.stringify(rows); JSON.parse(text); return text.length }',
    ),
  )
  const perChar: number[] = []
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const start = performance.now()
    const result = ctx.unwrapResult(ctx.callFunction(roundTrip, ctx.undefined, data))
    const wall = performance.now() - start
    const length = ctx.getNumber(result)
    result.dispose()
    if (i >= WARMUP) perChar.push(wall / length)
  }
  for (const handle of [roundTrip, data, make]) handle.dispose()
  return median(perChar)
}

const vm = new GuestVm(await newCappedQuickJS(nodeWasmSource, 1024), 0)
if (!vm.counter.exact) {
  console.error(
    'The poll counter cannot read QuickJS countdown in this build (see poll-counter.ts)',
  )
  process.exit(1)
}
const rows: [string, number, number][] = []
for (const [name, source] of Object.entries(WORKLOADS)) {
  const rounds = Array.from({ length: ROUNDS }, () => measure(vm, source, 20))
  const best = rounds.reduce((a, b) => (b.msPerTick < a.msPerTick ? b : a))
  rows.push([name, best.msPerTick, best.ticks])
}
for (const [name, msPerTick, ticks] of rows) {
  console.log(
    `${name.padEnd(28)} ${msPerTick.toFixed(4).padStart(9)} ms/tick  (${ticks.toFixed(1)} ticks per sample)`,
  )
}
const constant = median(rows.map((row) => row[1]))
console.log(
  `\nmedian over workloads: ${constant.toFixed(4)} ms per tick (committed: ${MS_PER_TICK})`,
)
const jsonMsPerChar = Math.min(...Array.from({ length: ROUNDS }, () => measureJson(vm)))
const pollsPerChar = (jsonMsPerChar * POLLS_PER_TICK) / constant
console.log(
  `JSON.stringify + JSON.parse of ~1 MB: ${(jsonMsPerChar * 1e6).toFixed(1)} ms per million characters` +
    ` = ${pollsPerChar.toFixed(3)} polls per character at this rate (not charged yet)`,
)
console.log(`\nPaste into src/sandboxes/quickjs/tick-calibration.ts:`)
console.log(`export const MS_PER_TICK = ${constant.toPrecision(3)}`)
