import { describe, expect, it } from 'vitest'
import { bucketOf } from './histogram'
import { Metric, Series } from './series'

describe('Series', () => {
  it('keeps 1 s buckets until the capacity, then merges pairs (sums add, maxima take the larger)', () => {
    const s = new Series(4)
    s.add(0, Metric.Invocations)
    s.add(999, Metric.Invocations)
    s.add(1000, Metric.Invocations, 5)
    s.max(500, Metric.ConcurrentExecutions, 3)
    s.max(1500, Metric.ConcurrentExecutions, 7)
    s.add(3999, Metric.Throttles)
    expect(s.export().values.Invocations).toEqual([2, 5, 0, 0])
    // 4 s is past 4 buckets of 1 s: the width doubles to 2 s.
    s.add(4000, Metric.Invocations)
    const e = s.export()
    expect(e.bucketMs).toBe(2000)
    expect(e.values.Invocations).toEqual([7, 0, 1])
    expect(e.values.ConcurrentExecutions).toEqual([7, 0, 0])
    expect(e.values.Throttles).toEqual([0, 1, 0])
  })

  it('bounds memory on a long run: a day of points stays within capacity', () => {
    const s = new Series(512)
    for (let t = 0; t < 86_400_000; t += 1000) s.add(t, Metric.Invocations, 2)
    const e = s.export()
    expect(e.values.Invocations.length).toBeLessThanOrEqual(512)
    expect(e.values.Invocations.reduce((a, b) => a + b)).toBe(172_800)
    expect(e.bucketMs).toBe(256_000)
    const last = s.export(10)
    expect([last.firstBucket, last.values.Invocations.length]).toEqual([
      e.values.Invocations.length - 10,
      10,
    ])
  })

  it('keeps per-bucket duration percentiles within the coarse bound (±7.9 %)', () => {
    const s = new Series(8)
    for (let i = 1; i <= 100; i++) s.duration(0, bucketOf(i))
    for (let i = 0; i < 10; i++) s.duration(1000, bucketOf(1000))
    const e = s.export()
    expect(Math.abs((e.durationP50[0] as number) - 50) / 50).toBeLessThan(0.079)
    expect(Math.abs((e.durationP99[1] as number) - 1000) / 1000).toBeLessThan(0.079)
  })

  it('carries a level (a queue depth) through buckets where it did not change', () => {
    const s = new Series(8)
    // 3 events wait from 0.5 s; one leaves at 3.2 s; the rest at 5.1 s.
    s.level(500, Metric.AsyncQueueDepth, 1)
    s.level(600, Metric.AsyncQueueDepth, 3)
    s.level(3200, Metric.AsyncQueueDepth, 2)
    s.add(4000, Metric.Invocations)
    expect(s.export().values.AsyncQueueDepth).toEqual([3, 3, 3, 3, 2])
    s.level(5100, Metric.AsyncQueueDepth, 0)
    // Bucket 5 started at 2 (its highest), then nothing waits.
    s.add(6000, Metric.Invocations)
    expect(s.export().values.AsyncQueueDepth).toEqual([3, 3, 3, 3, 2, 2, 0])
    // Past the capacity, merged pairs keep the higher level.
    s.level(9000, Metric.AsyncQueueDepth, 4)
    const merged = s.export()
    expect(merged.bucketMs).toBe(2000)
    expect(merged.values.AsyncQueueDepth).toEqual([3, 3, 2, 0, 4])
  })
})
