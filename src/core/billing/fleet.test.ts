import { describe, expect, it } from 'vitest'
import {
  compareWithFleet,
  DefaultInstanceTypes,
  estimateFleet,
  sizeFleet,
  type InstanceType,
} from './fleet'

const HOUR = 3_600_000
const m7g = DefaultInstanceTypes.find((t) => t.name === 'm7g.large')!

describe('fleet sizing', () => {
  it('given a peak of 100 at 1769 MB (100 vCPU), m7g.large at 70% needs 72 instances, CPU-bound', () => {
    const sized = sizeFleet([{ peakConcurrency: 100, memoryMB: 1769 }], { instance: m7g })
    expect(sized).toEqual({
      instances: 72,
      boundBy: 'cpu',
      vcpuNeeded: 100,
      memoryMiBNeeded: 176_900,
    })
  })

  it('given a peak of 1 at 128 MB, keeps the 2-instance minimum', () => {
    const sized = sizeFleet([{ peakConcurrency: 1, memoryMB: 128 }], { instance: m7g })
    expect(sized).toMatchObject({ instances: 2, boundBy: 'minimum' })
  })

  it('given an instance short of memory, memory decides; peaks of several functions add up', () => {
    const lowMem: InstanceType = {
      name: 'x',
      vcpu: 16,
      memoryMiB: 2048,
      microUsdPerHour: 1,
      source: 'test',
    }
    const sized = sizeFleet(
      [
        { peakConcurrency: 10, memoryMB: 1024 },
        { peakConcurrency: 4, memoryMB: 512 },
      ],
      { instance: lowMem, targetUtilization: 1, minInstances: 1 },
    )
    // 12,288 MiB / 2048 = 6 instances; CPU: (10 × 1024 + 4 × 512) / 1769 ≈ 6.9 vCPU → 1.
    expect(sized).toMatchObject({ instances: 6, boundBy: 'memory', memoryMiBNeeded: 12_288 })
  })

  it('prices 72 × $0.0816/h: $5.8752 for a 1-hour span and $4,288.896 for 730 hours', () => {
    const fleet = estimateFleet([{ peakConcurrency: 100, memoryMB: 1769 }], HOUR, { instance: m7g })
    expect(fleet.spanUsd).toBeCloseTo(5.8752, 10)
    expect(fleet.monthlyUsd).toBeCloseTo(4288.896, 9)
  })

  it('marks every default price as an editable assumption', () => {
    expect(DefaultInstanceTypes.length).toBeGreaterThanOrEqual(2)
    for (const t of DefaultInstanceTypes) expect(t.source).toMatch(/assumption/)
  })
})

describe('serverless against the fleet', () => {
  const fleet = estimateFleet([{ peakConcurrency: 100, memoryMB: 1769 }], HOUR, { instance: m7g })

  it('given Lambda at $120/month and $5 per million requests, serverless wins until ~857.8M requests/month', () => {
    const cmp = compareWithFleet({ monthlyUsd: 120, costPerMillionInvocations: 5 }, fleet)
    expect(cmp.cheaper).toBe('serverless')
    expect(cmp.ratio).toBeCloseTo(4288.896 / 120, 9)
    expect(cmp.breakEvenRequestsPerMonth).toBeCloseTo(857_779_200, 0)
  })

  it('given Lambda dearer than the fleet, the fleet wins; without requests there is no break-even', () => {
    const cmp = compareWithFleet({ monthlyUsd: 5000, costPerMillionInvocations: 0 }, fleet)
    expect(cmp).toMatchObject({ cheaper: 'fleet', breakEvenRequestsPerMonth: null })
  })
})
