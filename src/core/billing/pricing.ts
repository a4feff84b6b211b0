/**
 * Prices a {@link Usage} under a {@link PriceModel}: account-level free tier and monthly tiers
 * first (as AWS bills them), then each account-level charge allocated to functions in
 * proportion to their usage, exactly, so that the functions always sum to the total.
 *
 * Free-tier decision (reference §1.1 rules, "Free tier"): the pricing page says the free tier
 * "does not apply to functions enabling Provisioned Concurrency", yet its PC Example 1 subtracts
 * 1M free requests from the function's 3M (500,000 of them on PC) and 400,000 free GB-s from
 * the duration billed at the on-demand rate, while PC Example 2 (all 2M requests on PC)
 * subtracts nothing. One rule reproduces both: the free tier covers on-demand requests and
 * on-demand duration (including PC spillover), never requests served by provisioned
 * environments, their duration, or configured concurrency.
 */
import type { Architecture } from '../lambda/function-config'
import { allocate, minBig } from './allocate'
import { MBMS_PER_GBS, type PriceModel } from './price-models'
import {
  emptyExact,
  mbmsToGbSeconds,
  toBreakdown,
  unitsToUsd,
  type BillingBreakdown,
  type BillingReport,
  type ExactBreakdown,
  type LineItem,
} from './report'
import { addArchUsage, emptyArchUsage, type ArchUsage, type Usage } from './usage'

const ARCHS: readonly Architecture[] = ['x86_64', 'arm64']
const PER_GBS = BigInt(MBMS_PER_GBS)

interface Row {
  name: string
  arch: Architecture
  u: ArchUsage
}

function rowsOf(usage: Usage): Row[] {
  const rows: Row[] = []
  for (const [name, fn] of usage) {
    for (const arch of ARCHS) {
      const u = fn[arch]
      if (u) rows.push({ name, arch, u })
    }
  }
  return rows
}

function sumOf(rows: readonly Row[], pick: (u: ArchUsage) => bigint): bigint {
  return rows.reduce((s, r) => s + pick(r.u), 0n)
}

function line(
  id: string,
  label: string,
  quantity: bigint,
  unit: LineItem['unit'],
  rate: number,
): LineItem {
  // Rates are per GB-s (or per request); MB·ms quantities carry a 1,024,000 factor.
  const units = unit === 'GB-s' ? quantity * BigInt(rate) : quantity * BigInt(rate) * PER_GBS
  return {
    id,
    label,
    quantity: unit === 'GB-s' ? mbmsToGbSeconds(quantity) : Number(quantity),
    unit,
    rateUsd: rate / 1e10,
    usd: unitsToUsd(units),
    exactUnits: units.toString(),
  }
}

/** On-demand duration of one architecture through the tiers, free MB·ms taken from the first. */
function tierLines(model: PriceModel, arch: Architecture, used: bigint, free: bigint): LineItem[] {
  const lines: LineItem[] = []
  let lo = 0n
  let freeLeft = free
  model.rates[arch].tiers.forEach((tier, i) => {
    const hi = tier.upToGbSeconds === null ? null : BigInt(tier.upToGbSeconds) * PER_GBS
    const inTier = (hi === null ? used : minBig(used, hi)) - lo
    if (inTier > 0n) {
      const freeHere = minBig(inTier, freeLeft)
      freeLeft -= freeHere
      if (inTier > freeHere) {
        const label = `Duration, ${arch}, tier ${i + 1}`
        lines.push(
          line(`duration.${arch}.tier${i + 1}`, label, inTier - freeHere, 'GB-s', tier.rate),
        )
      }
    }
    if (hi !== null) lo = hi
  })
  return lines
}

const unitsOf = (lines: readonly LineItem[]): bigint =>
  lines.reduce((s, l) => s + BigInt(l.exactUnits), 0n)

/** Exact money per row, the account-level line items, and the free tier taken. */
interface Priced {
  exact: ExactBreakdown[]
  lines: LineItem[]
  freeReq: bigint
  freeMBms: bigint
}

/** Requests: the free tier covers on-demand requests only, shared in proportion. */
function priceRequests(rows: readonly Row[], model: PriceModel, freeTier: boolean, p: Priced) {
  const reqRate = BigInt(model.requestRate) * PER_GBS
  const od = rows.map((r) => r.u.requestsOnDemand)
  const odTotal = od.reduce((a, b) => a + b, 0n)
  p.freeReq = freeTier ? minBig(odTotal, BigInt(model.freeTier.requests)) : 0n
  const freeShare = allocate(p.freeReq, od)
  rows.forEach((r, i) => {
    p.exact[i]!.requests = (od[i]! - freeShare[i]! + r.u.requestsProvisioned) * reqRate
  })
  const billable = odTotal - p.freeReq + sumOf(rows, (u) => u.requestsProvisioned)
  if (billable > 0n)
    p.lines.push(line('requests', 'Requests', billable, 'requests', model.requestRate))
}

/**
 * On-demand duration: the free GB-s shared across both architectures in proportion to their
 * use, then each architecture through its tiers, then each tier bill shared across functions.
 */
function priceOnDemand(rows: readonly Row[], model: PriceModel, freeTier: boolean, p: Priced) {
  const ofArch = ARCHS.map((a) => rows.flatMap((r, i) => (r.arch === a ? [i] : [])))
  const used = ofArch.map((idx) => idx.reduce((s, i) => s + rows[i]!.u.onDemandMBms, 0n))
  const freeLimit = BigInt(model.freeTier.gbSeconds) * PER_GBS
  p.freeMBms = freeTier ? minBig(used[0]! + used[1]!, freeLimit) : 0n
  const freeByArch = allocate(p.freeMBms, used)
  ARCHS.forEach((arch, a) => {
    const archLines = tierLines(model, arch, used[a]!, freeByArch[a]!)
    p.lines.push(...archLines)
    const idx = ofArch[a]!
    const shares = allocate(
      unitsOf(archLines),
      idx.map((i) => rows[i]!.u.onDemandMBms),
    )
    idx.forEach((i, k) => {
      const { onDemandInitMBms: init, onDemandMBms: all } = rows[i]!.u
      p.exact[i]!.onDemandDuration = shares[k]!
      p.exact[i]!.init += allocate(shares[k]!, [init, all - init])[0]!
    })
  })
}

/** Charges without tiers or free tier: PC duration, configured PC, ephemeral storage. */
function priceLinear(rows: readonly Row[], model: PriceModel, p: Priced) {
  for (const arch of ARCHS) {
    const ofArch = rows.filter((r) => r.arch === arch)
    const rates = model.rates[arch]
    const pcd = sumOf(ofArch, (u) => u.provisionedMBms)
    const pcc = sumOf(ofArch, (u) => u.provisionedConfiguredMBms)
    const pcdLabel = `Duration on provisioned, ${arch}`
    const pccLabel = `Provisioned Concurrency, ${arch}`
    if (pcd > 0n)
      p.lines.push(line(`pc-duration.${arch}`, pcdLabel, pcd, 'GB-s', rates.provisionedDuration))
    if (pcc > 0n)
      p.lines.push(
        line(`pc-configured.${arch}`, pccLabel, pcc, 'GB-s', rates.provisionedConfigured),
      )
  }
  const eph = sumOf(rows, (u) => u.ephemeralMBms)
  const ephLabel = 'Ephemeral storage above 512 MB'
  if (eph > 0n) p.lines.push(line('ephemeral', ephLabel, eph, 'GB-s', model.ephemeralRate))
  rows.forEach((r, i) => {
    const x = p.exact[i]!
    const rates = model.rates[r.arch]
    x.provisionedDuration = r.u.provisionedMBms * BigInt(rates.provisionedDuration)
    x.init += r.u.provisionedInitMBms * BigInt(rates.provisionedDuration)
    x.provisioned = r.u.provisionedConfiguredMBms * BigInt(rates.provisionedConfigured)
    x.ephemeral = r.u.ephemeralMBms * BigInt(model.ephemeralRate)
    x.compute = x.onDemandDuration + x.provisionedDuration + x.ephemeral
    x.total = x.requests + x.compute + x.provisioned
  })
}

function priceRows(rows: readonly Row[], model: PriceModel, freeTier: boolean): Priced {
  const p: Priced = { exact: rows.map(() => emptyExact()), lines: [], freeReq: 0n, freeMBms: 0n }
  priceRequests(rows, model, freeTier, p)
  priceOnDemand(rows, model, freeTier, p)
  priceLinear(rows, model, p)
  return p
}

function addExact(a: ExactBreakdown, b: ExactBreakdown): void {
  for (const k of Object.keys(a) as (keyof ExactBreakdown)[]) a[k] += b[k]
}

function breakdownOf(x: ExactBreakdown, u: ArchUsage): BillingBreakdown {
  return toBreakdown(x, {
    requests: u.requestsOnDemand + u.requestsProvisioned,
    mbms: u.onDemandMBms + u.provisionedMBms,
    initMBms: u.onDemandInitMBms + u.provisionedInitMBms,
    configuredMBms: u.provisionedConfiguredMBms,
    ephemeralMBms: u.ephemeralMBms,
  })
}

/**
 * The bill for `usage` under `model`. The usage is taken as one billing month from its start:
 * the free tier applies in full, tiers count from zero.
 */
export function priceUsage(usage: Usage, model: PriceModel, freeTier: boolean): BillingReport {
  const rows = rowsOf(usage)
  const { exact, lines, freeReq, freeMBms } = priceRows(rows, model, freeTier)
  const functions: Record<string, BillingBreakdown> = {}
  const totalX = emptyExact()
  const totalU = emptyArchUsage()
  for (const name of usage.keys()) {
    const fx = emptyExact()
    const fu = emptyArchUsage()
    rows.forEach((r, i) => {
      if (r.name !== name) return
      addExact(fx, exact[i]!)
      addArchUsage(fu, r.u)
    })
    functions[name] = breakdownOf(fx, fu)
    addExact(totalX, fx)
    addArchUsage(totalU, fu)
  }
  return {
    ...breakdownOf(totalX, totalU),
    model: model.id,
    freeTier: {
      applied: freeTier,
      requests: Number(freeReq),
      requestsLimit: model.freeTier.requests,
      gbSeconds: mbmsToGbSeconds(freeMBms),
      gbSecondsLimit: model.freeTier.gbSeconds,
    },
    functions,
    lineItems: lines,
  }
}
