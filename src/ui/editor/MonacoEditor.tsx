import { useEffect, useRef } from 'react'
import { monaco } from './monaco-setup'

/** A problem to underline in the editor. Lines and columns start at 1. */
export interface EditorMarker {
  line: number
  column: number
  endLine?: number
  endColumn?: number
  message: string
}

/** Another file of the project, kept as a model so the TypeScript service resolves imports of it. */
export interface SiblingModel {
  /** `file:///lib.js` */
  path: string
  language: string
  value: string
}

export interface MonacoEditorProps {
  /** Model URI path, e.g. `file:///index.mjs`: gives the TypeScript service a file name. */
  path: string
  language: string
  value: string
  onChange(value: string): void
  /** Ctrl/Cmd+Enter inside the editor. */
  onInvoke(): void
  /** Markers owned by the playground (invocation errors, JSON errors). */
  markers: EditorMarker[]
  ariaLabel: string
  theme: 'vs' | 'vs-dark'
  /** The other files, as models beside the edited one (IntelliSense across `import`s). */
  siblings?: readonly SiblingModel[]
}

const MARKER_OWNER = 'playground'

/** A Monaco editor bound to one model; the model keeps its undo history across value changes. */
export default function MonacoEditor(props: MonacoEditorProps) {
  const { path, language, value, onChange, onInvoke, markers, ariaLabel, theme, siblings } = props
  const container = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  // The editor is created once; callbacks change every render, so it reads them through refs.
  const onChangeRef = useRef(onChange)
  const onInvokeRef = useRef(onInvoke)
  const siblingsRef = useRef(siblings)
  useEffect(() => {
    siblingsRef.current = siblings
    onChangeRef.current = onChange
    onInvokeRef.current = onInvoke
  })

  useEffect(() => {
    if (!container.current) return
    const uri = monaco.Uri.parse(path)
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, language, uri)
    const editor = monaco.editor.create(container.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 15,
      lineHeight: 22,
      fontFamily: "'JetBrains Mono', 'DejaVu Sans Mono', ui-monospace, monospace",
      scrollBeyondLastLine: false,
      tabSize: 2,
      ariaLabel,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      padding: { top: 8 },
    })
    editorRef.current = editor
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => onInvokeRef.current())
    const subscription = model.onDidChangeContent(() => onChangeRef.current(model.getValue()))
    // With siblings, the model outlives a tab switch (its undo history too): the sibling models
    // hook owns it and disposes it when its file goes away.
    const shared = siblingsRef.current !== undefined
    return () => {
      subscription.dispose()
      editor.dispose()
      if (!shared) model.dispose()
      editorRef.current = null
    }
    // The model is created for this path once; value and language updates are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (model && model.getValue() !== value) {
      // An edit operation (not setValue) keeps undo: a template pick can be undone with Ctrl+Z.
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null)
    }
  }, [value])

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (model && model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language)
  }, [language])

  useEffect(() => {
    monaco.editor.setTheme(theme)
  }, [theme])

  useSiblingModels(siblings, path)

  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      markers.map((marker) => ({
        severity: monaco.MarkerSeverity.Error,
        message: marker.message,
        startLineNumber: marker.line,
        startColumn: marker.column,
        endLineNumber: marker.endLine ?? marker.line,
        endColumn:
          marker.endColumn ?? model.getLineMaxColumn(Math.min(marker.line, model.getLineCount())),
      })),
    )
  }, [markers, value])

  return <div ref={container} className="monaco-host" />
}

/**
 * Keeps a model per sibling file with its current text, and disposes the models of files that
 * went away. The edited file's model is owned here too, so that a tab switch keeps it (and its
 * undo history) and a deleted file's model goes.
 */
function useSiblingModels(siblings: readonly SiblingModel[] | undefined, editedPath: string): void {
  const owned = useRef(new Set<string>())
  useEffect(() => {
    if (siblings === undefined) return
    const wanted = new Set([...siblings.map((s) => s.path), editedPath])
    for (const sibling of siblings) {
      const uri = monaco.Uri.parse(sibling.path)
      const model = monaco.editor.getModel(uri)
      if (!model) monaco.editor.createModel(sibling.value, sibling.language, uri)
      else if (model.getValue() !== sibling.value) model.setValue(sibling.value)
      else if (model.getLanguageId() !== sibling.language)
        monaco.editor.setModelLanguage(model, sibling.language)
    }
    for (const path of owned.current) {
      if (wanted.has(path)) continue
      owned.current.delete(path)
      monaco.editor.getModel(monaco.Uri.parse(path))?.dispose()
    }
    for (const path of wanted) owned.current.add(path)
  }, [siblings, editedPath])
  useEffect(
    () => () => {
      for (const path of owned.current) monaco.editor.getModel(monaco.Uri.parse(path))?.dispose()
      owned.current.clear()
    },
    [],
  )
}
