import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useStore } from 'zustand'
import { currentLogClient } from '../../sim-worker/client'
import type { LogFilter, LogPage } from '../../sim-worker/log-store'
import { runStore } from '../../stores/run-store'
import { formatClock } from './format'
import { EmptyFilter, toLogFilter, type LogFilterForm } from './log-filter'
import { RowHeight, covers, rowWindow, throttle } from './log-window'
import { LogBar, LogFilters } from './LogViewFilters'
import './logs.css'

/** Re-queries while frames arrive: a few per second is enough for reading. */
const RefreshMs = 250

const NoPage: LogPage = { total: 0, offset: 0, lines: [], kept: 0, capacity: 0, skipped: 0 }

/** The names of the run's functions (stable while they stay the same). */
function useFunctionNames(): string[] {
  const joined = useStore(runStore, (s) =>
    (s.frame?.snapshot.functions ?? []).map((f) => f.name).join('\n'),
  )
  return useMemo(() => (joined === '' ? [] : joined.split('\n')), [joined])
}

/**
 * The page of lines the list shows: asked for at once when the filter or mode changes, and at
 * most a few times a second while frames arrive. Only the newest answer is kept.
 */
function useLogPage(filter: LogFilter, follow: boolean, box: RefObject<HTMLDivElement | null>) {
  const now = useStore(runStore, (s) => s.frame?.now ?? -1)
  const [page, setPage] = useState<LogPage>(NoPage)
  const asked = useRef(0)
  const query = useCallback(async () => {
    const client = currentLogClient()
    const el = box.current
    if (client === null || el === null) return
    const view = rowWindow(el.scrollTop, el.clientHeight)
    // Following asks for the tail: the worker clamps an offset past the end to the last page.
    const offset = follow ? Number.MAX_SAFE_INTEGER : view.offset
    const ticket = ++asked.current
    const next = await client.queryLogs({ filter, offset, limit: view.limit })
    if (ticket === asked.current) setPage(next)
  }, [filter, follow, box])

  const refresh = useMemo(() => throttle(() => void query(), RefreshMs), [query])
  useEffect(() => () => refresh.cancel(), [refresh])
  useEffect(() => void query(), [query])
  useEffect(() => refresh.call(), [now, refresh])

  // Following keeps the newest line in view, as a tail does.
  useLayoutEffect(() => {
    const el = box.current
    if (el !== null && follow) el.scrollTop = el.scrollHeight
  }, [page, follow, box])

  return { page, query }
}

/**
 * Every CloudWatch line the worker keeps, filtered there and drawn virtualized: only the rows in
 * view exist in the DOM, so hundreds of thousands of lines scroll as smoothly as forty.
 */
export function LogView() {
  const functions = useFunctionNames()
  const [form, setForm] = useState<LogFilterForm>(EmptyFilter)
  const [follow, setFollow] = useState(true)
  const box = useRef<HTMLDivElement>(null)
  const filter = useMemo(() => toLogFilter(form), [form])

  const { page, query } = useLogPage(filter, follow, box)

  const onScroll = () => {
    const el = box.current
    if (el === null) return
    const view = { offset: page.offset, limit: page.lines.length }
    if (!covers(view, el.scrollTop, el.clientHeight, page.total)) void query()
  }
  // A person moving up to read stops following (their gestures, not the scroll events: a
  // scroll event cannot tell theirs from the list's own jump to the newest line).
  const stopFollowing = () => {
    if (follow) setFollow(false)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (['ArrowUp', 'PageUp', 'Home'].includes(e.key)) stopFollowing()
  }

  return (
    <div className="lv">
      <LogBar page={page} follow={follow} onFollow={setFollow} />
      <LogFilters form={form} functions={functions} onChange={setForm} />
      <div
        ref={box}
        className="lv-viewport"
        data-testid="platform-log-panel"
        tabIndex={0}
        role="log"
        aria-live="off"
        aria-label="CloudWatch log lines"
        onScroll={onScroll}
        onWheel={(e) => e.deltaY < 0 && stopFollowing()}
        onPointerDown={stopFollowing}
        onKeyDown={onKeyDown}
      >
        <LogRows page={page} />
        {page.total === 0 && <p className="lv-empty">No matching log line yet.</p>}
      </div>
    </div>
  )
}

/** The fetched rows, each at its place in a spacer as tall as all matching lines. */
function LogRows({ page }: { page: LogPage }) {
  // Rows are positioned, so they do not widen the spacer: it is sized to the longest line shown
  // (clock, space, line) so that long lines scroll sideways instead of being cut.
  let longest = 0
  for (const row of page.lines) longest = Math.max(longest, row.line.length)
  return (
    <div
      className="lv-spacer"
      style={{ height: page.total * RowHeight, width: `max(100%, ${longest + 20}ch)` }}
    >
      {page.lines.map((row, i) => (
        <div
          key={page.offset + i}
          className="lv-row"
          data-testid="log-row"
          data-level={row.level}
          data-cold={row.cold ? 'true' : undefined}
          style={{ top: (page.offset + i) * RowHeight }}
          title={row.line}
        >
          <span className="lv-t">{formatClock(row.t)}</span> {row.line}
        </div>
      ))}
    </div>
  )
}
