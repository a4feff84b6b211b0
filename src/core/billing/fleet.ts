/**
 * The always-on alternative: a fleet of servers sized for the peak the run observed, priced for
 * the simulated span and for a 730-hour month, beside the Lambda bill — so a run answers "when
 * is serverless cheaper?".
 *
 * Assumptions (deliberately simple; each is a parameter):
 * - Each in-flight request needs, on a server, what Lambda gave it: its configured memory and
 *   `memoryMB / 1769` of a vCPU (reference §2.3: 1,769 MB = 1 vCPU, at most 6). Servers share
 *   nothing better than Lambda does (no smarter packing, no lighter runtime).
 * - The fleet must hold the peak concurrency of every function at once (peaks are summed, which
 *   over-sizes when peaks do not coincide), at `targetUtilization` of each instance (headroom,
 *   default 0.7), with at least `minInstances` (default 2, for availability) running all the time.
 * - Instances run all month (no auto scaling, no reserved or spot pricing, no load balancer,
 *   storage, data transfer or operations work). Real fleets differ in all of these.
 * - Prices are editable. The defaults are NOT from the reference: they are on-demand Linux
 *   list prices in us-east-1 as last seen by the author, to be checked and edited.
 */
import { HOURS_PER_MONTH } from './meter'

/** A server type. */
export interface InstanceType {
  name: string
  vcpu: number
  memoryMiB: number
  /** On-demand price, millionths of a USD per hour (integer; $0.0416/h is 41,600). */
  microUsdPerHour: number
  /** Where the price comes from, shown beside it. */
  source: string
}

const ASSUMED = 'editable assumption: us-east-1 on-demand Linux list price, not from the reference'

/** Default choices: a burstable, a general-purpose arm64 and a compute-optimized arm64 type. */
export const DefaultInstanceTypes: readonly InstanceType[] = [
  { name: 't3.medium', vcpu: 2, memoryMiB: 4096, microUsdPerHour: 41_600, source: ASSUMED },
  { name: 'm7g.large', vcpu: 2, memoryMiB: 8192, microUsdPerHour: 81_600, source: ASSUMED },
  { name: 'c7g.xlarge', vcpu: 4, memoryMiB: 8192, microUsdPerHour: 145_000, source: ASSUMED },
]

/** One function's peak demand, as the run observed it. */
export interface FleetWorkload {
  /** Highest number of its requests in flight at once. */
  peakConcurrency: number
  /** Its configured memory, MB. */
  memoryMB: number
}

/** How to size the fleet. */
export interface FleetOptions {
  instance: InstanceType
  /** Fraction of each instance's vCPU and memory to plan for (0–1], default 0.7. */
  targetUtilization?: number
  /** Instances kept even at zero load, default 2. */
  minInstances?: number
}

/** A sized and priced fleet. */
export interface FleetEstimate {
  instance: InstanceType
  instances: number
  /** Why that many: the binding constraint. */
  boundBy: 'cpu' | 'memory' | 'minimum'
  vcpuNeeded: number
  memoryMiBNeeded: number
  spanUsd: number
  monthlyUsd: number
}

const MB_PER_VCPU = 1769
const MAX_VCPU = 6

/** How many instances, and why. */
export type FleetSize = Pick<
  FleetEstimate,
  'instances' | 'boundBy' | 'vcpuNeeded' | 'memoryMiBNeeded'
>

/** Sizes a fleet for the summed peaks of `workloads` (see the module's assumptions). */
export function sizeFleet(workloads: readonly FleetWorkload[], options: FleetOptions): FleetSize {
  const util = options.targetUtilization ?? 0.7
  const min = options.minInstances ?? 2
  if (!(util > 0 && util <= 1)) throw new RangeError(`targetUtilization must be in (0, 1]`)
  let vcpu = 0
  let mem = 0
  for (const w of workloads) {
    vcpu += w.peakConcurrency * Math.min(w.memoryMB / MB_PER_VCPU, MAX_VCPU)
    mem += w.peakConcurrency * w.memoryMB
  }
  // Rounded to a millionth so that float noise (2.0000000001) cannot add an instance.
  const ceil = (x: number) => Math.ceil(Math.round(x * 1e6) / 1e6)
  const byCpu = ceil(vcpu / (options.instance.vcpu * util))
  const byMem = ceil(mem / (options.instance.memoryMiB * util))
  const instances = Math.max(min, byCpu, byMem)
  const boundBy: FleetSize['boundBy'] =
    min >= Math.max(byCpu, byMem) ? 'minimum' : byCpu >= byMem ? 'cpu' : 'memory'
  return { instances, boundBy, vcpuNeeded: vcpu, memoryMiBNeeded: mem }
}

/**
 * Sizes and prices the fleet for a span of `spanMs` of virtual time and for a month.
 * Money is computed in integer micro-dollars × ms and converted to USD at the end.
 */
export function estimateFleet(
  workloads: readonly FleetWorkload[],
  spanMs: number,
  options: FleetOptions,
): FleetEstimate {
  const sized = sizeFleet(workloads, options)
  const perHour = BigInt(sized.instances) * BigInt(options.instance.microUsdPerHour)
  const spanMicroUsdMs = perHour * BigInt(Math.round(spanMs))
  const hourMs = 3_600_000n
  const spanUsd =
    Number(spanMicroUsdMs / hourMs) / 1e6 + Number(spanMicroUsdMs % hourMs) / 3_600_000 / 1e6
  return {
    instance: options.instance,
    ...sized,
    spanUsd,
    monthlyUsd: Number(perHour * BigInt(HOURS_PER_MONTH)) / 1e6,
  }
}

/** Serverless against the fleet, per month. */
export interface ServerlessVsFleet {
  lambdaMonthlyUsd: number
  fleetMonthlyUsd: number
  cheaper: 'serverless' | 'fleet' | 'same'
  /** Fleet cost ÷ Lambda cost (above 1: serverless is cheaper by that factor). */
  ratio: number
  /**
   * Monthly requests at which Lambda would cost as much as this fleet, at the run's cost per
   * million requests (free tier ignored; the fleet's size held fixed). Null without requests.
   */
  breakEvenRequestsPerMonth: number | null
}

/** Compares a monthly Lambda projection with a fleet estimate. */
export function compareWithFleet(
  lambda: { monthlyUsd: number; costPerMillionInvocations: number },
  fleet: FleetEstimate,
): ServerlessVsFleet {
  const l = lambda.monthlyUsd
  const f = fleet.monthlyUsd
  return {
    lambdaMonthlyUsd: l,
    fleetMonthlyUsd: f,
    cheaper: l < f ? 'serverless' : l > f ? 'fleet' : 'same',
    ratio: l === 0 ? Number.POSITIVE_INFINITY : f / l,
    breakEvenRequestsPerMonth:
      lambda.costPerMillionInvocations > 0 ? (f / lambda.costPerMillionInvocations) * 1e6 : null,
  }
}
