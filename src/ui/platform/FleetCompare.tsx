import { useId, useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import {
  compareWithFleet,
  DefaultInstanceTypes,
  estimateFleet,
  type InstanceType,
} from '../../core/billing/fleet'
import { runStore } from '../../stores/run-store'
import { useUiStore } from '../../stores/ui-store'
import { formatUsd } from './format'

const fallbackType = DefaultInstanceTypes[0] as InstanceType

/**
 * The always-on alternative beside the bill: servers sized for the peak the run observed,
 * priced for the same span of virtual time and for a month (the core's fleet model and its
 * stated assumptions). The instance type and its hourly price are remembered in the UI store.
 */
export function FleetCompare() {
  const ids = useId()
  const fleetChoice = useUiStore((s) => s.fleet)
  const { peak, memoryMB, now, lambdaUsd, monthly, perMillion } = useStore(
    runStore,
    useShallow((s) => ({
      peak: s.frame?.peakConcurrency ?? 0,
      memoryMB: s.frame?.snapshot.functions[0]?.memoryMB ?? 128,
      now: s.frame?.now ?? 0,
      lambdaUsd: s.frame?.snapshot.cost.usd.total ?? 0,
      monthly: s.frame?.snapshot.billing.monthly?.usd.total ?? null,
      perMillion: s.frame?.snapshot.billing.costPerMillionInvocations ?? 0,
    })),
  )
  const base = DefaultInstanceTypes.find((t) => t.name === fleetChoice.instance) ?? fallbackType
  const usdPerHour = fleetChoice.usdPerHour ?? base.microUsdPerHour / 1e6
  const instance = { ...base, microUsdPerHour: Math.round(usdPerHour * 1e6) }
  if (now === 0) return null
  const fleet = estimateFleet([{ peakConcurrency: peak, memoryMB }], now, { instance })
  const cheaper = lambdaUsd <= fleet.spanUsd ? 'Lambda' : 'the fleet'
  const month =
    monthly === null
      ? null
      : compareWithFleet({ monthlyUsd: monthly, costPerMillionInvocations: perMillion }, fleet)

  return (
    <div className="pf-fleet" data-testid="fleet-compare">
      <FleetFields type={base} usdPerHour={usdPerHour} noteId={`${ids}-price-note`} />
      <p>
        {fleet.instances} × {instance.name} ({instance.vcpu} vCPU, {instance.memoryMiB / 1024} GiB)
        at ${usdPerHour.toFixed(4)}/h for the peak of {peak} (bound by {fleet.boundBy}):{' '}
        <strong data-testid="fleet-span-usd">{formatUsd(fleet.spanUsd)}</strong> for the same span;{' '}
        {cheaper} is cheaper so far.
      </p>
      {month !== null && (
        <p data-testid="fleet-month">
          Per month: fleet <strong>{formatUsd(month.fleetMonthlyUsd)}</strong>, Lambda at this rate{' '}
          <strong>{formatUsd(month.lambdaMonthlyUsd)}</strong> (
          {month.cheaper === 'serverless'
            ? 'serverless is cheaper'
            : month.cheaper === 'fleet'
              ? 'the fleet is cheaper'
              : 'the same'}
          ).
        </p>
      )}
      <p className="pf-hint" id={`${ids}-price-note`}>
        Server prices are editable assumptions, not from the reference; 70% target utilization, at
        least 2 instances.
      </p>
    </div>
  )
}

/** The instance type and its hourly price, both remembered in the UI store. */
function FleetFields({
  type,
  usdPerHour,
  noteId,
}: {
  type: InstanceType
  usdPerHour: number
  noteId: string
}) {
  const setFleet = useUiStore((s) => s.setFleet)
  // The price field's text while it is being typed (it may be invalid), else null.
  const [draft, setDraft] = useState<string | null>(null)
  const priceText = draft ?? String(usdPerHour)
  const priceValid = draft === null || parsePrice(draft) !== null
  const onPrice = (text: string) => {
    setDraft(text)
    const usd = parsePrice(text)
    if (usd !== null) setFleet({ usdPerHour: usd })
  }

  return (
    <div className="pf-fleet-fields">
      <label className="pf-field">
        <span>Always-on fleet of</span>
        <select
          data-testid="fleet-instance"
          value={type.name}
          onChange={(event) => {
            setDraft(null)
            setFleet({ instance: event.target.value, usdPerHour: null })
          }}
          title={type.source}
        >
          {DefaultInstanceTypes.map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.name}
            </option>
          ))}
        </select>
      </label>
      <label className="pf-field">
        <span>Price, $ per instance-hour</span>
        <input
          data-testid="fleet-price"
          type="number"
          inputMode="decimal"
          min={0}
          step={0.0001}
          value={priceText}
          aria-invalid={!priceValid}
          aria-describedby={noteId}
          onChange={(event) => onPrice(event.target.value)}
          onBlur={() => setDraft(null)}
        />
      </label>
    </div>
  )
}

/** A non-negative hourly price below $1,000, or null. */
function parsePrice(text: string): number | null {
  const usd = Number(text)
  return text.trim() !== '' && Number.isFinite(usd) && usd >= 0 && usd < 1000 ? usd : null
}
