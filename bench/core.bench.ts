/**
 * `npm run bench -- core`: the simulation core's throughput and memory.
 *
 * 1. Throughput: simulated invocations per wall-clock second for a steady Poisson workload with
 *    modeled (log-normal) durations, against two baselines measured in the same run: the arrival
 *    generator alone, and a bare binary heap doing the same number of push/pop pairs as the run
 *    has invocations times two (an arrival and a completion each), in the "hold" pattern of
 *    event-list benchmarks. Goal: ≥ 2,000,000 invocations/s on one core.
 * 2. Memory: a 24-hour scenario at 100 requests per second (8.64 million invocations), run in a
 *    child process started with --expose-gc, so the heap can be measured after a full GC.
 *    Goal: bounded, < 200 MB.
 *
 * Prints a table and writes bench/results/core.json.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSimulation } from '../src/core/simulation'
import { parseScenario } from '../src/core/scenario/validate'
import type { Scenario } from '../src/core/scenario/types'
import { createArrivalProcess } from '../src/core/traffic/arrivals'
import { createRng } from '../src/core/sim/rng'

const MB = 1024 * 1024

function scenario(json: object): Scenario {
  const result = parseScenario(json)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.scenario
}

/** Steady Poisson traffic: 1,000 requests/s of ~50 ms (about 50 busy environments). */
function steadyScenario(seconds: number, ratePerSecond: number): Scenario {
  return scenario({
    version: 1,
    seed: 1,
    durationSeconds: seconds,
    functions: [
      {
        name: 'api',
        memoryMB: 1769,
        duration: { kind: 'lognormal', meanMs: 50, stdDevMs: 20 },
        init: { kind: 'constant', ms: 150 },
      },
    ],
    traffic: [{ function: 'api', arrivals: { kind: 'poisson', ratePerSecond } }],
  })
}

/** Wall time of `fn`, ms (best of `repeats`, which hides one-off GC and JIT pauses). */
function bestOf<T>(repeats: number, fn: () => T): { ms: number; value: T } {
  let best = Infinity
  let value: T | undefined
  for (let i = 0; i < repeats; i++) {
    const start = performance.now()
    value = fn()
    best = Math.min(best, performance.now() - start)
  }
  return { ms: best, value: value as T }
}

function runSimulation(s: Scenario) {
  const simulation = createSimulation(s)
  simulation.run()
  return simulation.report()
}

/** The arrival generator alone: how fast times can be produced at all. */
function drainArrivals(s: Scenario): number {
  const process = createArrivalProcess(
    s.traffic[0]!.arrivals,
    createRng(s.seed),
    s.durationSeconds * 1000,
  )
  let count = 0
  while (process.next() !== null) count++
  return count
}

/** A plain binary min-heap on float times, `pairs` hold operations (pop the minimum, push later). */
function heapHold(pairs: number, size: number): number {
  const heap = new Float64Array(size)
  const rng = createRng(2)
  for (let i = 0; i < size; i++) heap[i] = i
  let checksum = 0
  for (let n = 0; n < pairs; n++) {
    const top = heap[0]!
    checksum += top
    // Replace the root with a later time and sift it down (a pop followed by a push).
    const time = top - 50 * Math.log(1 - rng.next())
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= size) break
      const r = l + 1
      const c = r < size && heap[r]! < heap[l]! ? r : l
      if (heap[c]! >= time) break
      heap[i] = heap[c]!
      i = c
    }
    heap[i] = time
  }
  return checksum
}

function throughput() {
  const s = steadyScenario(2_000, 1_000)
  runSimulation(steadyScenario(60, 1_000)) // warm the JIT
  const sim = bestOf(3, () => runSimulation(s))
  const invocations = sim.value.invocations
  const arrivals = bestOf(3, () => drainArrivals(s))
  const heap = bestOf(3, () => heapHold(invocations * 2, 64))
  const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000))
  return {
    invocations,
    simulationMs: sim.ms,
    invocationsPerSecond: perSecond(invocations, sim.ms),
    arrivalsPerSecond: perSecond(arrivals.value, arrivals.ms),
    heapPairsPerSecond: perSecond(invocations * 2, heap.ms),
    /** The simulation's time per invocation over the bare heap's time for two events. */
    ratioToHeap: sim.ms / heap.ms,
  }
}

/** In the child (--expose-gc): heap after GC before and after a 24 h run at 100 requests/s. */
function memoryChild(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const before = process.memoryUsage().heapUsed
  const s = steadyScenario(86_400, 100)
  const simulation = createSimulation(s)
  let peakHeap = 0
  // Run an hour at a time so the peak heap during the run is seen, not only the end state.
  for (let hour = 1; hour <= 24; hour++) {
    simulation.run({ until: hour * 3_600_000 })
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  }
  gc?.()
  const after = process.memoryUsage().heapUsed
  // Read the report only now, so the simulation is certainly still alive when the heap is measured.
  const report = simulation.report()
  console.log(
    JSON.stringify({
      gcAvailable: gc !== undefined,
      invocations: report.invocations,
      heapBeforeMB: before / MB,
      heapAfterGcMB: after / MB,
      retainedMB: (after - before) / MB,
      peakHeapMB: peakHeap / MB,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  )
}

function memory(): Record<string, number | boolean> {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', import.meta.filename, '--memory-child'],
    {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    },
  )
  if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`)
  const lines = child.stdout.trim().split('\n')
  return JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, number | boolean>
}

function main(): void {
  const t = throughput()
  const m = memory()
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  const rows: [string, string, string][] = [
    [
      'simulated invocations / s (steady Poisson, modeled durations)',
      fmt(t.invocationsPerSecond),
      'goal ≥ 2,000,000',
    ],
    ['baseline: arrival generator alone, arrivals / s', fmt(t.arrivalsPerSecond), ''],
    ['baseline: bare binary heap, push+pop pairs / s', fmt(t.heapPairsPerSecond), ''],
    ['simulation time / bare-heap time (2 events per invocation)', t.ratioToHeap.toFixed(2), ''],
    [
      `24 h at 100/s (${fmt(Number(m.invocations))} invocations): heap after GC, MB`,
      Number(m.heapAfterGcMB).toFixed(1),
      'goal < 200',
    ],
    ['24 h at 100/s: of which retained by the simulation, MB', Number(m.retainedMB).toFixed(1), ''],
    ['24 h at 100/s: peak heap during the run, MB', Number(m.peakHeapMB).toFixed(1), ''],
    ['24 h at 100/s: max RSS of the process, MB', Number(m.maxRssMB).toFixed(1), ''],
  ]
  const width = Math.max(...rows.map((r) => r[0].length))
  for (const [name, value, goal] of rows)
    console.log(`${name.padEnd(width)}  ${value.padStart(12)}  ${goal}`)
  const dir = join(import.meta.dirname, 'results')
  mkdirSync(dir, { recursive: true })
  const result = { date: new Date().toISOString(), node: process.version, throughput: t, memory: m }
  writeFileSync(join(dir, 'core.json'), `${JSON.stringify(result, null, 2)}\n`)
}

if (process.argv.includes('--memory-child')) memoryChild()
else main()
