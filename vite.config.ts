import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { resolve } from 'node:path'

export default defineConfig({
  plugins: [react()],
  worker: {
    // Module workers keep QuickJS's and sucrase's dynamic imports as lazy chunks.
    format: 'es',
  },
  optimizeDeps: {
    // Dependencies reached only from workers or import() are found late in dev and force a full
    // reload ("optimized dependencies changed"), which would throw away unsaved editor state.
    include: [
      'comlink',
      'quickjs-emscripten-core',
      '@jitl/quickjs-wasmfile-release-sync',
      'sucrase',
    ],
  },
  build: {
    target: 'es2022',
    // Monaco's TypeScript worker alone is about 6.6 MB; it loads lazily, after first paint.
    chunkSizeWarningLimit: 8000,
    manifest: true,
    // Two pages: the app, and the sandbox self-test (selftest.html, linked from nowhere yet).
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        selftest: resolve(import.meta.dirname, 'selftest.html'),
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
})
