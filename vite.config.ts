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
    // `npx vite` serves the UI with hot reload against an agent on 9477. The agent refuses
    // cross-site writes, so the proxy drops the dev server's Origin header.
    proxy: Object.fromEntries(
      ['/api', '/metrics'].map((path) => [
        path,
        {
          target: 'http://127.0.0.1:9477',
          configure: (proxy: {
            on(e: 'proxyReq', f: (req: { removeHeader(n: string): void }) => void): void;
          }) => proxy.on('proxyReq', (req) => req.removeHeader('origin')),
        },
      ]),
    ),
  },
});
