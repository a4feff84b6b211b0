import { useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { DefaultInstanceTypes, estimateFleet } from '../../core/billing/fleet'
import { runStore } from '../../stores/run-store'
import { formatUsd } from './format'

/**
 * The always-on alternative beside the bill: servers sized for the peak the run observed,
 * priced for the same span of virtual time (the core's fleet model and its stated assumptions).
 */
export function FleetCompare() {
  const [index, setIndex] = useState(0)
  const { peak, memoryMB, now, lambdaUsd } = useStore(
    runStore,
    useShallow((s) => ({
      peak: s.frame?.peakConcurrency ?? 0,
      memoryMB: s.frame?.snapshot.functions[0]?.memoryMB ?? 128,
      now: s.frame?.now ?? 0,
      lambdaUsd: s.frame?.snapshot.cost.usd.total ?? 0,
    })),
  )
  const instance = DefaultInstanceTypes[index] ?? DefaultInstanceTypes[0]
  if (instance === undefined || now === 0) return null
  const fleet = estimateFleet([{ peakConcurrency: peak, memoryMB }], now, { instance })
  const cheaper = lambdaUsd <= fleet.spanUsd ? 'Lambda' : 'the fleet'

  return (
    <div className="pf-fleet" data-testid="fleet-compare">
      <label className="pf-field">
        <span>Always-on fleet of</span>
        <select
          value={index}
          onChange={(event) => setIndex(Number(event.target.value))}
          title={instance.source}
        >
          {DefaultInstanceTypes.map((type, i) => (
            <option key={type.name} value={i}>
              {type.name}
            </option>
          ))}
        </select>
      </label>
      <p>
        {fleet.instances} × {instance.name} at ${(instance.microUsdPerHour / 1e6).toFixed(4)}/h for
        the peak of {peak} (bound by {fleet.boundBy}):{' '}
        <strong data-testid="fleet-span-usd">{formatUsd(fleet.spanUsd)}</strong> for the same span;{' '}
        {cheaper} is cheaper so far.
      </p>
      <p className="pf-hint">
        Server prices are editable assumptions, not from the reference; 70% target utilization, at
        least 2 instances.
      </p>
    </div>
  )
}
