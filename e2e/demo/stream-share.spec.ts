import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  BUCKET,
  PNG,
  PREFIX,
  pemKey,
  random,
  sha256,
  startDemoStack,
  writeFile,
  type DemoStack,
} from './demo-fixture.js';
import { openDemo, openWithKey, row, transfer } from './demo-page.js';
import { testVideo } from './test-video.js';

// The decrypting Service Worker and share links in Debian Chromium against the emulator: a video plays and seeks
// through the worker, fetch() gets exact plaintext for every range form, and a share link plays and downloads in a
// fresh browser context, fails clearly once expired, and never reaches a server's logs.

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let stack: DemoStack;
let key: Awaited<ReturnType<typeof pemKey>>;
const video = readFileSync(testVideo());
const videoPath = writeFile('clip.webm', video);
const MiB = 1024 * 1024;
const PART = 8 * MiB;
const data = random(2 * PART + 123_457);
const dataPath = writeFile('ranges.bin', data);

test.beforeAll(async () => {
  stack = await startDemoStack();
  key = await pemKey();
});
test.afterAll(async () => {
  await stack?.close();
});

/** Bytes the emulator sent for GETs of `name` (ciphertext) since request number `from` of its log. */
const ciphertextSent = (name: string, from: number) =>
  stack.requests
    .slice(from)
    .filter((r) => r.method === 'GET' && r.url.split('?')[0] === `/${BUCKET}/${PREFIX}${name}`)
    .reduce((sum, r) => sum + r.bytesSent, 0);

const time = (v: Locator) => v.evaluate((e: HTMLVideoElement) => e.currentTime);

/** Plays `player` until it has advanced, seeks to 2/3 of the duration and plays on from there. */
async function playAndSeek(player: Locator): Promise<number> {
  await expect.poll(() => time(player), { timeout: 60_000 }).toBeGreaterThan(1);
  const duration = await player.evaluate((e: HTMLVideoElement) => e.duration);
  expect(duration).toBeGreaterThan(35);
  await player.evaluate(
    (e: HTMLVideoElement, t) => {
      e.currentTime = t;
    },
    (duration * 2) / 3,
  );
  await expect.poll(() => time(player), { timeout: 60_000 }).toBeGreaterThan((duration * 2) / 3 + 1);
  expect(await player.evaluate((e: HTMLVideoElement) => e.error)).toBeNull();
  await player.evaluate((e: HTMLVideoElement) => e.pause());
  return duration;
}

/** Seconds of the video the player holds (its buffered ranges). */
const bufferedSeconds = (player: Locator) =>
  player.evaluate((e: HTMLVideoElement) => {
    let s = 0;
    for (let i = 0; i < e.buffered.length; i++) s += e.buffered.end(i) - e.buffered.start(i);
    return s;
  });

async function upload(page: Page, path: string, name: string): Promise<void> {
  await page.getByTestId('files').setInputFiles(path);
  await expect(transfer(page, name)).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await page.getByTestId('refresh').click();
  await expect(row(page, name)).toBeVisible();
}

test('an encrypted 23 MiB video plays through the Service Worker, seeks to 2/3, and fetches about what the player holds', async ({
  page,
}) => {
  await openWithKey(page, stack, key.pem);
  await upload(page, videoPath, 'clip.webm');
  expect((await stack.oss.head(`${PREFIX}clip.webm`)).res.headers['content-type']).toBe('video/webm');
  await expect(page.locator('body[data-worker="ready"]')).toBeAttached({ timeout: 30_000 });

  const from = stack.requests.length;
  await row(page, 'clip.webm').getByTestId('play-btn').click();
  const player = page.getByTestId('player');
  const duration = await playAndSeek(player);
  const needed = (video.length * (await bufferedSeconds(player))) / duration;
  const sent = ciphertextSent('clip.webm', from);
  console.log(`ciphertext sent ${sent} bytes; the player holds ${Math.round(needed)} of ${video.length}`);
  expect(sent).toBeGreaterThan(0);
  expect(sent).toBeLessThan(1.5 * needed);
  await page.screenshot({ path: test.info().outputPath('playing.png') });
});

test('with a KMS key, playing and seeking the video through the worker unwraps its data key once (the materials cache)', async ({
  page,
}) => {
  await openDemo(page, stack);
  await page.getByTestId('mode-kms').check();
  await expect(page.getByTestId('key-info')).toContainText('wraps with KMS/ALICLOUD');
  await expect(page.locator('body[data-worker="ready"]')).toBeAttached({ timeout: 30_000 });
  await upload(page, writeFile('clip-kms.webm', video), 'clip-kms.webm');

  // Every unwrap of a KMS-wrapped object is one KMS Decrypt per wrapped header (data key, IV): reading it costs 2
  // calls however many ranges the player asks for; without the cache each range would unwrap again.
  const kmsCalls = (from: number) => stack.requests.slice(from).filter((r) => r.url.startsWith('/kms')).length;
  const from = stack.requests.length;
  await row(page, 'clip-kms.webm').getByTestId('play-btn').click();
  await playAndSeek(page.getByTestId('player'));
  const ranges = stack.requests
    .slice(from)
    .filter((r) => r.method === 'GET' && r.url.split('?')[0] === `/${BUCKET}/${PREFIX}clip-kms.webm`).length;
  expect(ranges).toBeGreaterThan(2);
  expect(kmsCalls(from)).toBe(2);
});

test('fetch() through the worker returns exactly the plaintext for every range form, across parts and at the last byte; <img> shows an encrypted image', async ({
  page,
}) => {
  await openWithKey(page, stack, key.pem);
  await upload(page, dataPath, 'ranges.bin');
  await expect(page.locator('body[data-worker="ready"]')).toBeAttached({ timeout: 30_000 });
  const size = data.length;
  const url = `/oss-cse/objects/${PREFIX}ranges.bin`;
  const cases: [string | null, number, number, number][] = [
    [null, 200, 0, size - 1],
    ['bytes=0-', 206, 0, size - 1],
    ['bytes=0-0', 206, 0, 0],
    [`bytes=${PART - 7}-${PART + 8}`, 206, PART - 7, PART + 8],
    [`bytes=${2 * PART - 1}-${2 * PART}`, 206, 2 * PART - 1, 2 * PART],
    [`bytes=${PART - 100}-`, 206, PART - 100, size - 1],
    [`bytes=${size - 1}-${size - 1}`, 206, size - 1, size - 1],
    [`bytes=${size - 1}-`, 206, size - 1, size - 1],
    ['bytes=-1', 206, size - 1, size - 1],
    [`bytes=-${PART + 5}`, 206, size - PART - 5, size - 1],
    [`bytes=${size - 10}-${size + 10}`, 206, size - 10, size - 1],
  ];
  for (const [range, status, start, end] of cases) {
    const got = await page.evaluate(
      async ({ url, range }) => {
        const r = await fetch(url, { headers: range ? { range } : {} });
        const bytes = new Uint8Array(await r.arrayBuffer());
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        return {
          status: r.status,
          length: bytes.length,
          sha: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
          headers: Object.fromEntries(r.headers),
        };
      },
      { url, range },
    );
    expect(got.status, String(range)).toBe(status);
    expect(got.length, String(range)).toBe(end - start + 1);
    expect(got.sha, String(range)).toBe(sha256(data.subarray(start, end + 1)));
    expect(got.headers['content-length']).toBe(String(end - start + 1));
    expect(got.headers['accept-ranges']).toBe('bytes');
    if (status === 206) expect(got.headers['content-range']).toBe(`bytes ${start}-${end}/${size}`);
  }
  const past = await page.evaluate(async (url) => {
    const r = await fetch(url, { headers: { range: 'bytes=999999999-' } });
    return { status: r.status, range: r.headers.get('content-range') };
  }, url);
  expect(past).toEqual({ status: 416, range: `bytes */${size}` });

  await upload(page, writeFile('photo.png', PNG), 'photo.png');
  const width = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    return img.naturalWidth;
  }, `/oss-cse/objects/${PREFIX}photo.png`);
  expect(width).toBe(2);

  // A PDF in an <iframe>, answered by the worker and opened by Chromium's PDF viewer.
  const pdf = new TextEncoder().encode(MINIMAL_PDF);
  await upload(page, writeFile('doc.pdf', pdf), 'doc.pdf');
  const pdfUrl = `/oss-cse/objects/${PREFIX}doc.pdf`;
  const framed = page.waitForResponse((r) => r.url().endsWith(pdfUrl));
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, pdfUrl);
  const shown = await framed;
  expect(shown.fromServiceWorker()).toBe(true);
  expect(shown.status()).toBe(200);
  expect(shown.headers()['content-type']).toBe('application/pdf');
  // Chromium hands a PDF document to its viewer: what the frame shows is the viewer's page embedding the stream.
  expect((await shown.body()).toString()).toContain('application/pdf');
  expect(await fetchThroughWorker(page, pdfUrl, 'bytes=0-')).toEqual({ status: 206, sha: sha256(pdf) });
});

/** The smallest well-formed one-page PDF (a viewer opens it; the test checks the bytes the frame received). */
const MINIMAL_PDF = [
  '%PDF-1.4',
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
  '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj',
  'trailer<</Root 1 0 R>>',
  '%%EOF',
  '',
].join('\n');

/** SHA-256 (hex) of what fetch() gets from `url` through the worker with `range`, and the status. */
const fetchThroughWorker = (page: Page, url: string, range: string) =>
  page.evaluate(
    async ({ url, range }) => {
      const r = await fetch(url, { headers: { range } });
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await r.arrayBuffer()));
      return { status: r.status, sha: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
    },
    { url, range },
  );

test('the worker asks the page again for a token once it expired, and for its link after the browser stopped it', async ({
  page,
}) => {
  await openWithKey(page, stack, key.pem);
  await expect(page.locator('body[data-worker="ready"]')).toBeAttached({ timeout: 30_000 });
  const url = `/oss-cse/objects/${PREFIX}ranges.bin`;
  const slice = (start: number, end: number) => ({ status: 206, sha: sha256(data.subarray(start, end + 1)) });
  expect(await fetchThroughWorker(page, url, 'bytes=100-199')).toEqual(slice(100, 199));

  const tokens = () => stack.requests.filter((r) => r.url.startsWith('/sts')).length;
  const before = tokens();
  await stack.emulator.faults.expireStsTokens();
  expect(await fetchThroughWorker(page, url, `bytes=${PART}-${PART + 99}`)).toEqual(slice(PART, PART + 99));
  expect(tokens()).toBeGreaterThan(before);

  // What the browser does to an idle worker: stop it. The restarted worker has no link until it asks the page.
  const cdp = await page.context().newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => states.push(...e.versions.map((v) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => states.at(-1)).toBe('stopped');
  expect(await fetchThroughWorker(page, url, 'bytes=-5')).toEqual(slice(data.length - 5, data.length - 1));
  expect(states.at(-1)).toBe('running');
});

/** Clicks Share on `name` with a link lifetime of `seconds` and returns the link. */
async function shareLink(page: Page, name: string, seconds: number): Promise<string> {
  await page.getByTestId('share-expires').fill(String(seconds));
  await row(page, name).getByTestId('share-btn').click();
  const input = page.getByTestId('share-link');
  await expect(input).toHaveAttribute('data-key', `${PREFIX}${name}`);
  return input.inputValue();
}

test('a share link plays and downloads byte-identical in a fresh context, and its fragment never reaches a server', async ({
  page,
  browser,
}) => {
  await openWithKey(page, stack, key.pem);
  await page.getByTestId('refresh').click();
  const link = await shareLink(page, 'clip.webm', 3600);
  const fragment = link.slice(link.indexOf('#') + 1);
  const dataKey = new URLSearchParams(fragment).get('k')!;
  expect(dataKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(link.split('#')[0]).toMatch(/\/share\.html$/);

  const from = stack.requests.length;
  const recipient = await browser.newContext({ acceptDownloads: true });
  try {
    const viewer = await recipient.newPage();
    await viewer.goto(link);
    await expect(viewer.getByTestId('viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await viewer.getByTestId('share-media').evaluate((e: HTMLVideoElement) => {
      e.muted = true;
      void e.play();
    });
    await playAndSeek(viewer.getByTestId('share-media'));
    const download = viewer.waitForEvent('download');
    await viewer.getByTestId('share-download').click();
    const saved = readFileSync(await (await download).path());
    expect(sha256(saved)).toBe(sha256(video));
    expect(await recipient.cookies()).toEqual([]);
  } finally {
    await recipient.close();
  }

  const seen = stack.requests.slice(from);
  expect(seen.some((r) => r.url.includes('x-oss-signature') || r.url.includes('Signature='))).toBe(true);
  for (const r of seen) {
    const text = `${r.url} ${JSON.stringify(r.headers)}`;
    expect(text).not.toContain(dataKey);
    expect(text).not.toContain(encodeURIComponent(dataKey));
    expect(r.headers['referer'] ?? '').not.toContain('#');
  }
});

test('a share link fails with a clear message once its presigned URL has expired', async ({ page, browser }) => {
  await openWithKey(page, stack, key.pem);
  await page.getByTestId('refresh').click();
  const link = await shareLink(page, 'clip.webm', 60);
  const recipient = await browser.newContext();
  try {
    // The storage's clock passes the expiry while the recipient's does not: the refusal comes from the server.
    stack.emulator.clock.shift(120_000);
    const viewer = await recipient.newPage();
    await viewer.goto(link);
    await expect(viewer.getByTestId('viewer')).toHaveAttribute('data-state', 'error', { timeout: 30_000 });
    await expect(viewer.getByTestId('share-error')).toContainText('This share link does not work');
    await expect(viewer.getByTestId('share-error')).toContainText('ERR_ACCESS_DENIED');
    await expect(viewer.getByTestId('share-error')).toContainText(/expired/i);

    // The recipient's clock past the expiry too: the viewer says so without asking the server.
    await viewer.clock.install({ time: Date.now() + 120_000 });
    await viewer.reload();
    await expect(viewer.getByTestId('share-error')).toContainText('This share link expired at');
  } finally {
    stack.emulator.clock.reset();
    await recipient.close();
  }
});
