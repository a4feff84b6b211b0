import { POLLS_PER_TICK } from './poll-counter'

/**
 * CPU milliseconds one interrupt tick of QuickJS stands for (one tick is `POLLS_PER_TICK`
 * polls: function calls and jumps). The QuickJS sandbox charges guest CPU by polls, not by the
 * wall clock, so the same code yields the same Duration on every machine and in every run.
 *
 * How, where, when: `npx tsx scripts/calibrate-quickjs-ticks.ts`, on 2026-11-27, on this
 * project's build machine (2 vCPU AMD EPYC, shared; Node 20.20.2), with the QuickJS wasm of
 * `@jitl/quickjs-wasmfile-release-sync` 0.32.0 in Node (same binary as the browser's). It runs
 * six workloads as sandbox segments (an arithmetic loop, recursive calls, object and array work,
 * string building, maps/sets/classes, small JSON in and out), takes for each the median wall ms
 * per tick over 15 samples in each of 5 rounds and keeps the lowest round, then the median over
 * workloads: 0.156, 0.177, 0.59, 1.14, 2.50 and 12.7 ms per tick, median 0.87 (three runs gave
 * 0.851–0.879). Over the mix, Durations stay near what the wall clock measured here; per kind
 * of code the charge is 0.07–5.6× its wall time here (a tight loop 5.6×, calls 4.9×, maps 1.5×,
 * strings 0.76×, allocation 0.35×, small JSON 0.07×): a poll is not a fixed amount of work.
 * Measure again (and paste the printed constant) when the QuickJS build changes.
 *
 * What it misses: native work that does not poll counts for almost nothing. A `JSON.stringify`
 * or `JSON.parse` of megabytes, a big regular expression, `Array.prototype.join` or `sort` of a
 * large array, or concatenating long strings are each one call, so their real cost is not
 * charged; a loop around them still is, per iteration. The guest VM's wall-clock backstop
 * (guest-vm.ts) only bounds how long such a loop can hold the host.
 */
export const MS_PER_TICK = 0.87

/** CPU milliseconds per poll (`MS_PER_TICK` spread over the polls of one tick). */
export const MS_PER_POLL = MS_PER_TICK / POLLS_PER_TICK
