import { FORMAT_SOURCE } from './format'
import { INSPECT_SOURCE } from './inspect'

/**
 * Guest-side source of `util.inspect` and `util.format` as one part compiled on first use: a
 * function expression `(__nodeStack, __fnToString) => ({ inspect, format })`. The host compiles
 * it under the shim's file name (so its frames stay hidden from user stacks) when the guest first
 * formats something other than a lone plain string, and keeps that compile time off the
 * environment's clock: it is the sandbox's cost, not the function's. Parsing it at every cold
 * start cost about 1.9 ms, half of the shim's installation.
 */
export const FORMAT_PART_SOURCE = String.raw`(function (__nodeStack, __fnToString) {
  'use strict'
  ${INSPECT_SOURCE}
  ${FORMAT_SOURCE}
  return { inspect: __inspect, format: __format }
})`

/**
 * Guest-side source (inside the shim's closure) of `__format(args)` and `__inspect(v, depth)`,
 * which compile the part above on first need. A lone string with no `%` prints as it is, as
 * `util.format` would print it, without compiling anything.
 */
export const FORMAT_LAZY_SOURCE = String.raw`
  const __fnToString = Function.prototype.toString
  let __formatting = null
  const __formatPart = () => (__formatting ??= host.compile('format')(__nodeStack, __fnToString))

  function __inspect(value, depth) {
    return __formatPart().inspect(value, depth)
  }

  function __format(args) {
    if (args.length === 1 && typeof args[0] === 'string' && args[0].indexOf('%') < 0) return args[0]
    return __formatPart().format(args)
  }
`

/** Parts the host compiles on the guest's request (`host.compile(name)`), by name. */
export const LAZY_PARTS: Readonly<Record<string, string>> = { format: FORMAT_PART_SOURCE }
