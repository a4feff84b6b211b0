/**
 * Exact integer allocation of an amount over weights (largest remainder), so that per-function
 * shares of an account-level charge always sum to the charge itself.
 */

/**
 * Splits `total` into integer parts proportional to `weights`, summing exactly to `total`.
 * The units left over by flooring go to the largest remainders (ties: earliest index), so
 * the result is deterministic. All weights zero: everything goes to no one (all parts 0n,
 * which only sums to `total` when `total` is 0n; callers pass 0n then).
 *
 * @example
 * allocate(10n, [1n, 1n, 1n]) // [4n, 3n, 3n]
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n)
  if (sum === 0n) return weights.map(() => 0n)
  const parts = weights.map((w) => (total * w) / sum)
  let left = total - parts.reduce((a, b) => a + b, 0n)
  if (left === 0n) return parts
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))
  for (const { i } of order) {
    if (left === 0n) break
    parts[i] = (parts[i] ?? 0n) + 1n
    left -= 1n
  }
  return parts
}

/** The smaller of two bigints. */
export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}
