// Bundle sizes: each app of bench/bundle/ built alone by Vite (production, minified, the packages read from source
// like the demo) and weighed minified and gzipped, split into what a page loads at once (its entry chunk, the chunks
// that chunk imports, and its Web Worker) and what it loads only on demand (dynamic import()). The budget: what
// oss-cse adds to ali-oss on a page that uploads and downloads with a PEM RSA key, and the same with KMS.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../bundle/', import.meta.url));
const KiB = 1024;

/**
 * The on-demand modules a page that uploads files of any size loads on its first upload above the multipart
 * threshold: the multipart upload code (and what its chunk imports) and the IndexedDB store of its resume record.
 * ali-oss's page carries its multipartUpload in its one bundle, so these count in what the page loads.
 */
const LARGE_UPLOAD = [
  'packages/transfer/src/upload/upload.ts',
  'packages/browser/src/resume/indexeddb-resume-store.ts',
];

/**
 * The apps; `over` names the baseline app whose bytes are subtracted, `budget` caps that difference (gzip bytes),
 * `fetches` lists the on-demand modules (path suffixes) the page's own flow loads: their chunks count as loaded.
 */
export const APPS = [
  { id: 'ali-oss', file: 'ali-oss.js', title: 'ali-oss alone (baseline): multipartUpload + get' },
  {
    id: 'browser-pem',
    file: 'browser-pem.js',
    title: '@oss-cse/browser: upload (multipart included) + get, PEM RSA key',
    over: 'ali-oss',
    budget: 40 * KiB,
    fetches: LARGE_UPLOAD,
  },
  {
    id: 'browser-kms',
    file: 'browser-kms.js',
    title: '@oss-cse/browser: upload (multipart included) + get, KMS key (@oss-cse/kms)',
    over: 'ali-oss',
    budget: 50 * KiB,
    fetches: LARGE_UPLOAD,
  },
  {
    id: 'transfer-fetch',
    file: 'transfer-fetch.js',
    title: '@oss-cse/transfer createClient (fetch transport, no ali-oss): upload + get, PEM RSA key',
  },
  {
    id: 'core-rsa-master-key',
    file: 'core-rsa-master-key.js',
    title: '@oss-cse/core `RsaMasterKey` alone (PEM import, wrap)',
  },
  { id: 'core-offline', file: 'core-offline.js', title: '@oss-cse/core `Keyring` + `encryptObject` + `decryptObject`' },
];

const conditions = ['source', 'module', 'browser', 'development|production'];
const weigh = (code) => ({ min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length });
const add = (a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip });
const ZERO = { min: 0, gzip: 0 };

/**
 * Splits chunks into those loaded with the entries (entry chunks, the chunks holding a module of `fetches`, and what
 * they import statically) and the rest. A module of `fetches` in no chunk is an error (a renamed file must not drop
 * out of the count).
 */
export function partition(chunks, fetches = []) {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name)) return;
    initial.add(name);
    for (const dep of byName.get(name)?.imports ?? []) visit(dep);
  };
  for (const c of chunks) if (c.isEntry) visit(c.fileName);
  const atOnce = new Set(initial);
  for (const suffix of fetches) {
    const holders = chunks.filter((c) => Object.keys(c.modules).some((id) => id.endsWith(suffix)));
    if (holders.length === 0) throw new Error(`bundle-size: no chunk holds ${suffix}`);
    for (const c of holders) visit(c.fileName);
  }
  return {
    initial: chunks.filter((c) => initial.has(c.fileName)),
    fetched: chunks.filter((c) => initial.has(c.fileName) && !atOnce.has(c.fileName)),
    lazy: chunks.filter((c) => !initial.has(c.fileName)),
  };
}

const total = (chunks) => chunks.reduce((sum, c) => add(sum, weigh(c.code)), ZERO);
const moduleIds = (chunks) => chunks.flatMap((c) => Object.keys(c.modules));

/** The package a module belongs to: `@oss-cse/<name>` for the workspace, the npm name for dependencies. */
export function packageOf(id) {
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(id);
  if (dep) return dep[1] === 'vite' || dep[1] === 'rolldown' ? 'bundler runtime' : dep[1];
  const workspace = /\/packages\/([^/]+)\//.exec(id);
  if (workspace) return `@oss-cse/${workspace[1]}`;
  return id.includes('rolldown') || id.includes('vite') ? 'bundler runtime' : 'the app itself';
}

/** Rendered bytes (after tree-shaking, before minification) per package. */
function byPackage(chunks) {
  const sizes = {};
  for (const c of chunks)
    for (const [id, m] of Object.entries(c.modules))
      sizes[packageOf(id)] = (sizes[packageOf(id)] ?? 0) + m.renderedLength;
  return sizes;
}

/**
 * Builds one app. Sizes: its page (`initial`: entry chunk, the chunks holding a module of `fetches`, and their
 * static imports; `fetched` is the part of it the page loads with import() during its flow), its Workers (entries and
 * their static imports), and what either loads with import() otherwise (`lazy`); `modules` lists the modules of page
 * and Workers.
 */
export async function measureApp(app) {
  const workerChunks = [];
  const collect = {
    name: 'oss-cse-bundle-size',
    generateBundle(_, bundle) {
      for (const o of Object.values(bundle)) if (o.type === 'chunk') workerChunks.push(o);
    },
  };
  const result = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions },
    worker: { format: 'es', plugins: () => [collect] },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: { input: `${ROOT}${app.file}` },
    },
  });
  const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const page = partition(
    output.filter((o) => o.type === 'chunk'),
    app.fetches,
  );
  const worker = partition(workerChunks);
  return {
    ...app,
    initial: total(page.initial),
    fetched: total(page.fetched),
    worker: total(worker.initial),
    lazy: total([...page.lazy, ...worker.lazy]),
    loaded: total([...page.initial, ...worker.initial]),
    modules: moduleIds([...page.initial, ...worker.initial]),
    rendered: { page: byPackage(page.initial), worker: byPackage(worker.initial) },
    lazyModules: moduleIds([...page.lazy, ...worker.lazy]),
  };
}

/**
 * Every app's sizes, and for those with a baseline the bytes added over it (`added`) and whether that is within
 * the budget. `loaded` (page + Workers) is what a page that uploads and downloads fetches; lazy chunks are not in it.
 */
export async function measureBundles(apps = APPS) {
  const measured = [];
  for (const app of apps) measured.push(await measureApp(app));
  const byId = new Map(measured.map((m) => [m.id, m]));
  return measured.map((m) => {
    if (m.over === undefined) return m;
    const base = byId.get(m.over) ?? { loaded: ZERO };
    const added = { min: m.loaded.min - base.loaded.min, gzip: m.loaded.gzip - base.loaded.gzip };
    return { ...m, added, withinBudget: added.gzip <= m.budget };
  });
}

/** "12.3 KB" (1 KB = 1024 bytes). */
export const kb = (bytes) => `${(bytes / KiB).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const m of await measureBundles()) {
    const fetched = m.fetched.min ? ` (${kb(m.fetched.gzip)} of it fetched by a large upload)` : '';
    const line = `${m.id}: page ${kb(m.initial.min)} / ${kb(m.initial.gzip)} gzip${fetched}, worker ${kb(m.worker.min)} / ${kb(m.worker.gzip)}, on demand ${kb(m.lazy.min)} / ${kb(m.lazy.gzip)}`;
    console.log(
      m.added
        ? `${line}; added over ${m.over}: ${kb(m.added.min)} / ${kb(m.added.gzip)} gzip (budget ${kb(m.budget)}: ${m.withinBudget ? 'met' : 'MISSED'})`
        : line,
    );
  }
}
