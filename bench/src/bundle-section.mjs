// The "Bundle size" section of bench/RESULTS.md: every app of bench/bundle/ measured by bundle-size.mjs, the bytes
// oss-cse adds to ali-oss against the budget, and where those bytes go. `npm run bench` writes it (run-all.mjs);
// `node bench/src/bundle-section.mjs` measures again and rewrites the section in place.
import { fileURLToPath } from 'node:url';
import { kb, measureBundles } from './bundle-size.mjs';
import { RESULTS } from './reliability-section.mjs';
import { writeSection } from './results-section.mjs';

const START = '<!-- bundle-size:start -->';
const END = '<!-- bundle-size:end -->';

const pair = (s) => `${kb(s.min)} / ${kb(s.gzip)}`;

/** Rendered bytes per package that the app adds to its baseline (page and Worker together). */
function addedRendered(app, base) {
  const sum = (r) => {
    const out = {};
    for (const part of [r.page, r.worker])
      for (const [name, bytes] of Object.entries(part)) out[name] = (out[name] ?? 0) + bytes;
    return out;
  };
  const mine = sum(app.rendered);
  const theirs = base ? sum(base.rendered) : {};
  return Object.entries(mine)
    .map(([name, bytes]) => [name, bytes - (theirs[name] ?? 0)])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** One sentence per budgeted app: its added gzip bytes shared out by package in proportion to their rendered size. */
function whereItGoes(app, base) {
  const parts = addedRendered(app, base);
  const all = parts.reduce((n, [, bytes]) => n + bytes, 0);
  const share = parts.map(([name, bytes]) => `${name} ${kb((app.added.gzip * bytes) / all)}`);
  const fetched = app.fetched?.gzip ? `, of which ${kb(app.fetched.gzip)} fetched by the first large upload` : '';
  return `- **${app.title}**: ${share.join(', ')} (page ${kb(app.initial.gzip - base.initial.gzip)}${fetched}, Worker ${kb(app.worker.gzip)}).`;
}

/** The section's markdown for measured `results` (from measureBundles). */
export function renderBundleSection(results, { date = new Date().toISOString().slice(0, 10) } = {}) {
  const byId = new Map(results.map((r) => [r.id, r]));
  const verdict = (r) =>
    r.added === undefined ? '' : r.withinBudget ? 'met' : `**missed** (${kb(r.added.gzip - r.budget)} over)`;
  const lines = [
    START,
    '## Bundle size',
    '',
    `Measured ${date} by \`bench/src/bundle-size.mjs\` (also the budget check of \`npm test\`, \`scripts/bundle/bundle-budget.test.ts\`): each`,
    'app of `bench/bundle/` built alone by Vite (production, minified, the workspace packages read from source), sizes',
    'minified / gzip -9 (1 KB = 1024 bytes). **Page**: the entry chunk and the chunks it imports, and for the browser',
    'client pages the chunks their first upload above the multipart threshold loads with `import()` (the multipart upload',
    "code and the IndexedDB store of its resume record: ali-oss's page carries its multipartUpload too); **Worker**: the",
    'Web Worker a page starts to encrypt (its entry and imports); **on demand**: the other chunks loaded with `import()` —',
    'asn1js and pkijs for encrypted PKCS#8 and X.509 keys, the JavaScript MD5 for runtimes without WebAssembly, `download`,',
    '`list`, `rewrap`, `checkCors` and the CORS diagnosis of a failed call, the envelope reader the Worker needs only to',
    'resume a multipart upload — not counted. **Added** = page + Worker minus the ali-oss page: what a page that uploads',
    'files of any size and reads them with `get` downloads on top of ali-oss.',
    '',
    '| app | page | Worker | on demand | added over ali-oss | budget (gzip) | |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.title} | ${pair(r.initial)} | ${r.worker.min ? pair(r.worker) : '-'} | ${r.lazy.min ? pair(r.lazy) : '-'} | ${r.added ? pair(r.added) : '-'} | ${r.budget ? `≤ ${kb(r.budget)}` : '-'} | ${verdict(r)} |`,
    ),
    '',
    "Where the added gzip bytes go (shared out in proportion to each package's size after tree-shaking, before minification):",
    '',
    ...results.filter((r) => r.added !== undefined).map((r) => whereItGoes(r, byId.get(r.over))),
    '',
    'MD5 and CRC-64 run in WebAssembly that @oss-cse/core generates with its own small assembler (no embedded binaries),',
    "in the browser client's Worker only: reads decrypt and check there too, so the page carries neither the content",
    'cipher nor the checksums (the page keeps the assembler for the RSA Montgomery module).',
    '',
    END,
  ];
  return lines.join('\n');
}

/** Measures and replaces (or appends) the section in RESULTS.md. */
/** Writes the section; returns the titles of the apps whose budget is missed (the bench then exits 1). */
export async function writeBundleSection(file = RESULTS) {
  const measured = await measureBundles();
  writeSection({ file, start: START, end: END, section: renderBundleSection(measured) });
  return measured.filter((m) => m.withinBudget === false).map((m) => m.title);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const missed = await writeBundleSection();
  if (missed.length) {
    console.error(`bundle budget missed: ${missed.join('; ')}`);
    process.exitCode = 1;
  }
}
