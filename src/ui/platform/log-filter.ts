/** The log view's filter form and what it asks the worker for. */
import type { LineLevel, LogFilter } from '../../sim-worker/log-store'

/** What the filter form edits (plain strings, as the inputs hold them). */
export interface LogFilterForm {
  /** A function name, or '' for all. */
  fn: string
  requestId: string
  /** '' (all), a level, or 'platform'. */
  level: '' | 'INFO' | 'WARN' | 'ERROR' | 'platform'
  text: string
  coldOnly: boolean
}

/** No filter: every line. */
export const EmptyFilter: LogFilterForm = {
  fn: '',
  requestId: '',
  level: '',
  text: '',
  coldOnly: false,
}

/** The worker's filter for a form: ERROR also finds FATAL lines, INFO also DEBUG and TRACE. */
export function toLogFilter(form: LogFilterForm): LogFilter {
  const levels: Record<LogFilterForm['level'], LineLevel[]> = {
    '': [],
    INFO: ['INFO', 'DEBUG', 'TRACE'],
    WARN: ['WARN'],
    ERROR: ['ERROR', 'FATAL'],
    platform: ['platform'],
  }
  return {
    functions: form.fn === '' ? [] : [form.fn],
    requestId: form.requestId.trim(),
    levels: levels[form.level],
    text: form.text,
    coldOnly: form.coldOnly,
  }
}
