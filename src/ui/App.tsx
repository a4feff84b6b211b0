import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { useProjectStore } from '../stores/project-store'
import { useUiStore } from '../stores/ui-store'
import { invokeCurrent, prewarmHost, type InvokeBlock } from './hooks/function-host'
import { ConfigBar } from './panels/ConfigBar'
import { Header, type View } from './panels/Header'
import { LogPanel } from './panels/LogPanel'
import { ResultColumn } from './panels/ResultColumn'

// Monaco is about 1 MB gzipped: the shell paints first, the editors arrive when it has loaded.
const CodePanel = lazy(() => import('./panels/CodePanel'))
const EventPanel = lazy(() => import('./panels/EventPanel'))
// The Platform view (simulation worker, uPlot) loads when first opened.
const PlatformView = lazy(() =>
  import('./platform/PlatformView').then((module) => ({ default: module.PlatformView })),
)

export function App() {
  const theme = useUiStore((state) => state.theme)
  const [block, setBlock] = useState<InvokeBlock>(null)
  const [view, setView] = useState<View>('function')
  // Read by the key handler below, which is bound once.
  const viewRef = useRef(view)
  viewRef.current = view

  const invoke = () => {
    void invokeCurrent().then(setBlock)
  }

  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])

  useEffect(() => {
    // Outside the editors (which bind the key themselves), Ctrl/Cmd+Enter invokes too.
    const onKey = (event: KeyboardEvent) => {
      if (viewRef.current !== 'function') return
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault()
        void invokeCurrent().then(setBlock)
      }
    }
    window.addEventListener('keydown', onKey)
    const idle = setTimeout(prewarmHost, 300)
    return () => {
      window.removeEventListener('keydown', onKey)
      clearTimeout(idle)
    }
  }, [])

  return (
    <div className="app">
      <Header onInvoke={invoke} view={view} onView={setView} />
      {view === 'platform' ? (
        <Suspense fallback={<div className="loading-note">Loading the Platform view…</div>}>
          <PlatformView />
        </Suspense>
      ) : (
        <FunctionWorkspace invoke={invoke} block={block} setBlock={setBlock} />
      )}
    </div>
  )
}

/** The Function view: code, test event, result and logs of real invocations. */
function FunctionWorkspace({
  invoke,
  block,
  setBlock,
}: {
  invoke(): void
  block: InvokeBlock
  setBlock(block: InvokeBlock): void
}) {
  return (
    <>
      <ConfigBar />
      <main className="workspace">
        <section className="panel code-panel" aria-label="Handler code">
          <Suspense fallback={<EditorFallback which="code" />}>
            <CodePanel onInvoke={invoke} />
          </Suspense>
        </section>
        <section className="panel event-panel" aria-label="Test event">
          <Suspense fallback={<EditorFallback which="event" />}>
            <EventPanel onInvoke={invoke} block={block} onEdit={() => setBlock(null)} />
          </Suspense>
        </section>
        <section className="panel result-column" aria-label="Result">
          <ResultColumn />
        </section>
        <section className="panel log-column" aria-label="Logs">
          <LogPanel />
        </section>
      </main>
    </>
  )
}

/** Shown while Monaco loads: the text itself, read-only, so nothing looks lost. */
function EditorFallback({ which }: { which: 'code' | 'event' }) {
  const text = useProjectStore((state) => (which === 'code' ? state.code : state.eventJson))
  return (
    <div className="editor-fallback">
      <div className="panel-title">{which === 'code' ? 'Code' : 'Test event'}</div>
      <pre aria-busy="true">{text}</pre>
      <div className="loading-note">Loading the editor…</div>
    </div>
  )
}
