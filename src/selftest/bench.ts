import { defaultFunctionConfig } from '../core/lambda/function-config'
import type { SandboxKind } from '../sandboxes/types'
import { availableKinds, createHost, releaseHost, requestedKinds } from './kinds'
import type { PageHost } from './kinds'

/** Samples per figure (each a median input). */
const SAMPLES = 120
/** Round trips or warm invocations per sample: one alone is below the page's timer resolution. */
const BATCH = 50
/** Pause before each cold start, so work a host does ahead (a spare sandbox) is ready, ms. */
const COLD_PAUSE_MS = 30

/** What `?bench` measures, per kind and for the bare baseline (all medians, ms). */
export interface BenchResults {
  samples: number
  batch: number
  postMessageRoundTripMs: number
  kinds: Partial<Record<SandboxKind, KindFigures>>
}

/** One kind's figures. */
export interface KindFigures {
  /** A warm invocation of a trivial handler, page → host → page. */
  warmInvokeMs: number
  /** A cold start (new environment, INIT of a small module, the invocation), page → page. */
  coldInvokeMs: number
  /** The host's own wall time for the cold invocation (record.wallMs). */
  coldRecordWallMs: number
  /** The Init Duration the cold records report. */
  initDurationMs: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Median of `SAMPLES` samples, each the mean of `BATCH` runs of `once`. */
async function batched(once: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < BATCH * 5; i++) await once()
  const samples: number[] = []
  for (let s = 0; s < SAMPLES; s++) {
    const start = performance.now()
    for (let i = 0; i < BATCH; i++) await once()
    samples.push((performance.now() - start) / BATCH)
  }
  return median(samples)
}

/** The floor: a message to a bare worker in this page and its echo. */
async function postMessageRoundTrip(): Promise<number> {
  const source = 'onmessage = (e) => postMessage(e.data)'
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
  const worker = new Worker(url)
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      worker.onmessage = () => resolve()
      worker.postMessage('{}')
    })
  try {
    return await batched(once)
  } finally {
    worker.terminate()
    URL.revokeObjectURL(url)
  }
}

async function invokeOk(host: PageHost): Promise<{ wallMs: number; initDurationMs?: number }> {
  const record = await host.invoke('{}')
  if (record.status !== 'succeeded') throw new Error(`bench invocation ${record.status}`)
  return record
}

async function measureKind(kind: SandboxKind): Promise<KindFigures> {
  const host = await createHost(kind)
  try {
    const code = 'let n = 0\nexport const handler = async () => ({ n: ++n })'
    await host.deploy({ config: defaultFunctionConfig(), code, language: 'javascript' })
    const warmInvokeMs = await batched(() => invokeOk(host))
    const cold: number[] = []
    const recordWall: number[] = []
    const init: number[] = []
    for (let s = 0; s < SAMPLES; s++) {
      await host.resetEnvironments()
      await pause(COLD_PAUSE_MS)
      const start = performance.now()
      const record = await invokeOk(host)
      cold.push(performance.now() - start)
      recordWall.push(record.wallMs)
      init.push(record.initDurationMs ?? Number.NaN)
    }
    return {
      warmInvokeMs,
      coldInvokeMs: median(cold),
      coldRecordWallMs: median(recordWall),
      initDurationMs: median(init),
    }
  } finally {
    await releaseHost(host)
  }
}

/**
 * `selftest.html?bench`: measures each available kind against a bare worker round trip and
 * puts the figures as JSON in `[data-testid="bench-result"]` (`data-state="done"`), where
 * bench/webworker.bench.ts reads them.
 */
export async function runBench(root: HTMLElement): Promise<void> {
  const out = document.createElement('pre')
  out.dataset.testid = 'bench-result'
  out.dataset.state = 'running'
  out.textContent = 'Measuring…'
  root.replaceChildren(out)
  try {
    const results: BenchResults = {
      samples: SAMPLES,
      batch: BATCH,
      postMessageRoundTripMs: await postMessageRoundTrip(),
      kinds: {},
    }
    for (const kind of requestedKinds(location.search, availableKinds()))
      results.kinds[kind] = await measureKind(kind)
    out.textContent = JSON.stringify(results, null, 2)
  } catch (error) {
    out.textContent = JSON.stringify({ error: String(error) })
  }
  out.dataset.state = 'done'
}
