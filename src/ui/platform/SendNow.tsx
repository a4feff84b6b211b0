import { useStore } from 'zustand'
import type { SentRequest } from '../../core/invoke-now'
import { runStore } from '../../stores/run-store'
import { runCodeStore, setSendState } from './run-code'
import type { SimDriver } from './use-sim-driver'
import './run-code.css'

/** Most characters of a response shown (the whole body is in the request's own lines). */
const MaxBodyChars = 2000

/** "Send one request now" and, under it, what became of the last one. */
export function SendNow({ driver }: { driver: SimDriver }) {
  const status = useStore(runStore, (s) => s.status)
  const send = useStore(runCodeStore, (s) => s.send)
  const live = status === 'paused' || status === 'running'
  return (
    <div className="pf-send">
      <button
        type="button"
        className="button"
        data-testid="send-now-button"
        onClick={() => void driver.sendNow()}
        disabled={!live || send?.kind === 'sending'}
        title="One synchronous invocation at the current virtual time, with the Function tab's test event"
      >
        ➤ Send one request
      </button>
      {send !== null && send.kind !== 'sending' && (
        <div
          className="pf-send-result"
          role="status"
          aria-label="The request sent by hand"
          data-testid="send-result"
        >
          <button
            type="button"
            className="pf-send-close"
            aria-label="Close"
            onClick={() => setSendState(null)}
          >
            ×
          </button>
          {send.kind === 'refused' ? (
            <p className="pf-send-head" data-status="refused">
              Not sent: {send.error}
            </p>
          ) : (
            <SentView request={send.request} paused={status === 'paused'} />
          )}
        </div>
      )}
    </div>
  )
}

const Heads: Record<SentRequest['status'], string> = {
  running: 'Running…',
  succeeded: '200 OK',
  failed: '200, X-Amz-Function-Error: Unhandled',
  throttled: '429 TooManyRequestsException',
}

function SentView({ request, paused }: { request: SentRequest; paused: boolean }) {
  const body = pretty(request.responseJson)
  const took =
    request.endedAt === null
      ? ''
      : `, ended ${((request.endedAt - request.sentAt) / 1000).toFixed(3)} s later`
  return (
    <>
      <p className="pf-send-head" data-status={request.status} data-testid="send-status">
        {Heads[request.status]}
        <span className="pf-send-meta">
          {' '}
          {request.cold ? 'cold start' : 'warm'}
          {took} · <code>{request.requestId.slice(0, 8)}</code>
        </span>
      </p>
      {request.status === 'running' && paused && (
        <p className="pf-hint">
          It started at the current virtual time: step or play to finish it.
        </p>
      )}
      {request.throttledBecause && (
        <p className="pf-hint">Throttled: {request.throttledBecause}.</p>
      )}
      {body !== null && (
        <pre className="pf-send-body" data-testid="send-response">
          {body}
        </pre>
      )}
      {request.lines.length > 0 && (
        <pre className="pf-send-lines" data-testid="send-lines">
          {request.lines.map((l) => l.line).join('\n')}
        </pre>
      )}
    </>
  )
}

/** The body indented, or as sent when it is not JSON; cut to {@link MaxBodyChars}. */
function pretty(json: string | null): string | null {
  if (json === null) return null
  let text = json
  try {
    text = JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    // Shown as it came.
  }
  return text.length > MaxBodyChars ? `${text.slice(0, MaxBodyChars)}… (cut)` : text
}
