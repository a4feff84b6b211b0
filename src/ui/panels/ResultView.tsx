import { useStore } from 'zustand'
import { formatMs } from '../../core/lambda/log-lines'
import type { HistoryEntry } from '../../stores/invocation-store'
import { invocationStore } from '../../stores/invocation-store'
import { SandboxLabels } from './ConfigBar'

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

const discardReason = {
  timeout: 'it timed out',
  'out-of-memory': 'it ran out of memory',
  crash: 'its runtime crashed',
} as const

/** What the console's "Execution result" shows: the response or the error, and the figures. */
export function ResultView() {
  const entry = useStore(invocationStore, (state) =>
    state.history.find((candidate) => candidate.seq === state.selected),
  )
  const hostError = useStore(invocationStore, (state) => state.hostError)
  const pending = useStore(invocationStore, (state) => state.pending)

  return (
    <div className="result-panel" data-testid="result-panel" aria-live="polite" aria-busy={pending}>
      {hostError && (
        <div className="result-status failed" role="alert">
          {hostError}
        </div>
      )}
      {!entry && !hostError && <Welcome />}
      {entry && <EntryView entry={entry} />}
    </div>
  )
}

function EntryView({ entry }: { entry: HistoryEntry }) {
  if (entry.kind === 'rejected') {
    return (
      <>
        <div className="result-status failed" data-status="rejected">
          Not invoked: {entry.rejection.error.errorType}
        </div>
        <pre className="json-view">{JSON.stringify(entry.rejection.error, null, 2)}</pre>
      </>
    )
  }
  const record = entry.record
  return (
    <>
      <div className={`result-status ${record.status}`} data-status={record.status}>
        {record.status === 'succeeded'
          ? '✓ Succeeded'
          : `✗ Failed: ${record.error?.errorType ?? 'error'}`}
      </div>
      <dl className="figures">
        <div>
          <dt>Environment</dt>
          <dd data-testid="result-environment">
            #{record.environmentId}{' '}
            <span className={`badge ${record.cold ? 'cold' : 'warm'}`}>
              {record.cold ? 'cold start' : 'warm'}
            </span>
            {record.sandbox && (
              <span className="sandbox-kind" data-testid="result-sandbox">
                {' '}
                in {SandboxLabels[record.sandbox].label}
              </span>
            )}
          </dd>
        </div>
        {record.initDurationMs !== undefined && (
          <div>
            <dt>Init</dt>
            <dd>{formatMs(record.initDurationMs)} ms</dd>
          </div>
        )}
        <div>
          <dt>Duration</dt>
          <dd>{formatMs(record.durationMs)} ms</dd>
        </div>
        <div>
          <dt>Billed</dt>
          <dd>{record.billedDurationMs} ms</dd>
        </div>
        <div>
          <dt>Memory</dt>
          <dd>
            {record.maxMemoryUsedMB} / {record.memorySizeMB} MB
          </dd>
        </div>
      </dl>
      {record.notices?.map((notice) => (
        <p key={notice} className="notice">
          {notice}
        </p>
      ))}
      {record.environmentDiscarded && (
        <p className="notice">
          Environment #{record.environmentId} was discarded because{' '}
          {discardReason[record.environmentDiscarded]}: the next invocation is a cold start.
        </p>
      )}
      <pre className="json-view" data-testid="result-body">
        {record.status === 'succeeded'
          ? pretty(record.responseJson ?? 'null')
          : JSON.stringify(record.error, null, 2)}
      </pre>
    </>
  )
}

/** What to do first, and what the figures mean (and do not mean). */
function Welcome() {
  return (
    <div className="welcome">
      <p>
        Press <strong>Invoke</strong> (Ctrl+Enter) to run the handler with the test event. The first
        invocation is a <strong>cold start</strong>: a new execution environment runs your
        module&apos;s top-level code (INIT) before the handler. The next ones are{' '}
        <strong>warm</strong>: same environment, same globals.
      </p>
      <details>
        <summary>How close is this to Lambda?</summary>
        <ul>
          <li>
            Your code really runs, with Lambda&apos;s Node.js handler styles, <code>context</code>,{' '}
            <code>process.env</code>, log format, error types and timeout, in the sandbox you pick:{' '}
            <strong>QuickJS</strong> (a JavaScript engine compiled to WebAssembly, inside a worker:
            a hard memory limit and a measured Max Memory Used) or a <strong>Web Worker</strong>{' '}
            (this browser&apos;s own engine in a sandboxed worker: native speed, but the browser
            lets a page neither cap nor measure a worker&apos;s memory).
          </li>
          <li>
            In QuickJS, Duration counts the interpreter&apos;s work (its interrupt polls, turned
            into milliseconds by a constant measured once), so the same code always reports the same
            Duration; work inside one native call, like a huge <code>JSON.stringify</code>, is
            barely counted. In a Web Worker, Duration is measured, so it varies a little. Init
            Duration covers your module only, not Node&apos;s own start (about 100 ms on Lambda).
          </li>
          <li>
            Timers and <code>Date</code> follow the environment&apos;s virtual clock: a 2 s{' '}
            <code>setTimeout</code> adds 2 s of Duration without making you wait.
          </li>
          <li>
            Max Memory Used is the QuickJS heap; a real Node.js runtime adds about 60 MB of its own.
            Your own files can be imported; of packages, only a subset of the AWS SDK v3 exists (S3,
            SQS, DynamoDB, EventBridge, SNS, Lambda), answered by in-memory stand-ins with fixed
            latencies. Anything else fails as it would on Lambda without a layer.
          </li>
          <li>
            The <a href="./selftest.html">sandbox self-test</a> runs the contract and hostile-code
            cases against both kinds in this browser.
          </li>
        </ul>
      </details>
    </div>
  )
}
