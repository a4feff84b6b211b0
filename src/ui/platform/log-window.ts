/**
 * The arithmetic of the virtualized log list: which rows a scroll position shows, and which
 * page of rows to ask the worker for. Fixed row height keeps all of it O(1).
 */

/** Height of one log row, px (the CSS in logs.css uses the same). */
export const RowHeight = 20

/** Rows fetched above and below the visible ones, so a small scroll needs no new query. */
export const Overscan = 20

/** The rows to fetch for a viewport. */
export interface RowWindow {
  offset: number
  limit: number
}

/** The rows a viewport of `height` px scrolled to `scrollTop` needs, with overscan. */
export function rowWindow(scrollTop: number, height: number): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / RowHeight)
  const visible = Math.ceil(Math.max(0, height) / RowHeight) + 1
  const offset = Math.max(0, first - Overscan)
  return { offset, limit: first - offset + visible + Overscan }
}

/** True when the fetched page covers every row the viewport shows. */
export function covers(page: RowWindow, scrollTop: number, height: number, total: number): boolean {
  const first = Math.floor(Math.max(0, scrollTop) / RowHeight)
  const last = Math.min(total, Math.ceil((Math.max(0, scrollTop) + height) / RowHeight))
  return first >= page.offset && last <= page.offset + page.limit
}

/** Calls `fn` at most once per `ms`; a call inside the gap runs once the gap ends. */
export function throttle(fn: () => void, ms: number): { call(): void; cancel(): void } {
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  const run = () => {
    timer = null
    last = Date.now()
    fn()
  }
  return {
    call() {
      if (timer !== null) return
      const wait = last + ms - Date.now()
      if (wait <= 0) run()
      else timer = setTimeout(run, wait)
    },
    cancel() {
      if (timer !== null) clearTimeout(timer)
      timer = null
    },
  }
}
