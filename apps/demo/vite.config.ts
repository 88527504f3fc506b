import { defineConfig, type Connect, type Plugin } from 'vite';

// /api goes to the demo backend (sign-in, STS vending). The proxy keeps the page's Host header (no changeOrigin):
// the backend refuses Hosts other than the page's. Workspace packages are read from source (no build needed).

/**
 * The decrypting Service Worker at /oss-cse-sw.js (root, so its scope covers every page and /oss-cse/): in dev the
 * path serves src/sw.ts through Vite's module transform; a build emits it as its own entry under that name. Pages
 * send no Referer (a share link's fragment never reaches a server anyway; this keeps even the viewer's path out).
 */
function demoHeaders(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.url === '/oss-cse-sw.js') req.url = '/src/sw.ts';
    next();
  };
  return {
    name: 'oss-cse-demo-headers',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

export default defineConfig({
  plugins: [demoHeaders()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: {
    proxy: { '/api': process.env.OSS_CSE_DEMO_API ?? 'http://127.0.0.1:8787' },
  },
  worker: { format: 'es' },
  // Pre-bundle ali-oss (CommonJS) at start, so the first page load is not reloaded by the optimizer.
  optimizeDeps: { include: ['ali-oss'] },
  build: {
    target: 'es2022',
    rollupOptions: {
      input: { main: 'index.html', share: 'share.html', sw: 'src/sw.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'oss-cse-sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
