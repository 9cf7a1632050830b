import { defineConfig } from 'vite';

// The renderer is built once and served both by the Electron window (file://) and by the agent
// (http://), so asset paths are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:9477', '/metrics': 'http://127.0.0.1:9477' },
  },
});
