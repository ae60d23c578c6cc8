import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Three bundles: the thin Electron main (shell + core), the preload (sandboxed, so CommonJS),
// and the React renderer — the same renderer the loopback host serves to browsers.
export default defineConfig({
  main: {
    build: {
      // playwright-core drives a system Chromium for the CLI and tests only; the shell prints
      // with Electron's printToPDF (src-main/shell/print.ts), so it is never bundled.
      externalizeDeps: { include: ['playwright-core'] },
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          'scan-worker': resolve(__dirname, 'src-main/scan/worker.ts'),
          'exchange-worker': resolve(__dirname, 'src-main/exchange/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
      chunkSizeWarningLimit: 2000,
    },
  },
});
