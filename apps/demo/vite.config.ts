import { defineConfig } from 'vite';

// /api goes to the demo backend (sign-in, STS vending). The proxy keeps the page's Host header (no changeOrigin):
// the backend refuses Hosts other than the page's. Workspace packages are read from source (no build needed).
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: {
    proxy: { '/api': process.env.OSS_CSE_DEMO_API ?? 'http://127.0.0.1:8787' },
  },
  worker: { format: 'es' },
  // Pre-bundle ali-oss (CommonJS) at start, so the first page load is not reloaded by the optimizer.
  optimizeDeps: { include: ['ali-oss'] },
  build: { target: 'es2022' },
});
