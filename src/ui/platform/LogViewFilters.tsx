import type { LogPage } from '../../sim-worker/log-store'
import { formatCount } from './format'
import type { LogFilterForm } from './log-filter'

/** The filter form above the log list. */
export function LogFilters(props: {
  form: LogFilterForm
  functions: string[]
  onChange: (form: LogFilterForm) => void
}) {
  const { form, onChange } = props
  const set = (patch: Partial<LogFilterForm>) => onChange({ ...form, ...patch })
  return (
    <div className="lv-filters" role="group" aria-label="Log filters">
      <label>
        Function{' '}
        <select
          data-testid="log-filter-function"
          value={form.fn}
          onChange={(e) => set({ fn: e.target.value })}
        >
          <option value="">All</option>
          {props.functions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Level{' '}
        <select
          data-testid="log-filter-level"
          value={form.level}
          onChange={(e) => set({ level: e.target.value as LogFilterForm['level'] })}
        >
          <option value="">All</option>
          <option value="INFO">INFO</option>
          <option value="WARN">WARN</option>
          <option value="ERROR">ERROR</option>
          <option value="platform">Platform</option>
        </select>
      </label>
      <label>
        Request{' '}
        <input
          data-testid="log-filter-request"
          type="search"
          value={form.requestId}
          placeholder="id part"
          onChange={(e) => set({ requestId: e.target.value })}
        />
      </label>
      <label>
        Text{' '}
        <input
          data-testid="log-filter-text"
          type="search"
          value={form.text}
          placeholder="case-sensitive"
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
      <label>
        <input
          data-testid="log-filter-cold"
          type="checkbox"
          checked={form.coldOnly}
          onChange={(e) => set({ coldOnly: e.target.checked })}
        />{' '}
        Cold only
      </label>
    </div>
  )
}

/** The list's title, how many lines match and are kept, and the follow toggle. */
export function LogBar(props: { page: LogPage; follow: boolean; onFollow: (on: boolean) => void }) {
  const { page } = props
  return (
    <div className="lv-bar">
      <h2>Log lines</h2>
      <span data-testid="log-count" aria-live="off">
        {formatCount(page.total)} {page.total === 1 ? 'line' : 'lines'}
        {page.capacity > 0 && ` · last ${formatCount(page.capacity)} lines kept`}
        {page.skipped > 0 && ` · ${formatCount(page.skipped)} runs too fast to log`}
      </span>
      <label>
        <input
          data-testid="log-follow"
          type="checkbox"
          checked={props.follow}
          onChange={(e) => props.onFollow(e.target.checked)}
        />{' '}
        Follow
      </label>
    </div>
  )
}
