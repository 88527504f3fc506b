// The transport suite against the emulator, written once for every ObjectTransport and run for the fetch transport
// in Node (fetch-transport.emulator.node.test.ts) and in Chromium (fetch-transport.emulator.browser.test.ts), and for
// @oss-cse/browser's ali-oss transport in Chromium: every operation with V4 and V1, account keys and STS
// credentials, awkward keys and empty bodies, and the error table end to end. Web platform APIs only.
import { OssCseError, readAll, type Credentials } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import type { ConnectionOptions } from '../../src/client/client-options.js';
import { isRetryable } from '../../src/errors/oss-errors.js';
import {
  createFetchTransport,
  type FetchTransport,
  type FetchTransportOptions,
} from '../../src/transport/fetch/fetch-transport.js';
import type { ObjectTransport, RequestContext } from '../../src/transport/object-transport.js';

/** What the suite runs against (serialisable: the browser project gets it through `inject`). */
export interface FetchSuiteTarget {
  readonly ossEndpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly account: Credentials;
  readonly sts: Credentials;
  /** STS credentials allowed PutObject and GetObject under `prefix` only. */
  readonly limited: { readonly prefix: string; readonly credentials: Credentials };
  /** STS credentials valid for one second after the setup. */
  readonly expiring: Credentials;
  /** An endpoint where nothing listens. */
  readonly refusedEndpoint: string;
}

/** An emulator fault rule (see the emulator README, "Fault injection"); the suite always scopes it by key prefix. */
export interface FaultRule {
  readonly type: 'fail' | 'delay' | 'reset';
  readonly keyPrefix: string;
  readonly operation?: string;
  readonly status?: number;
  readonly code?: string;
  readonly delayMs?: number;
  readonly afterBytes?: number;
  readonly count?: number;
}

const PART = 102_400;

function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7 + (i >> 8)) & 255;
  return out;
}

/** Byte equality without a per-element deep compare (vitest's is slow on 100 KB); the diff only on a mismatch. */
function expectBytes(actual: Uint8Array, expected: Uint8Array): void {
  const same = actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  if (!same) expect(actual).toEqual(expected);
  expect(same).toBe(true);
}

/** The OssCseError `p` rejects with (the test fails when it resolves or rejects with anything else). */
export async function failure(p: Promise<unknown>): Promise<OssCseError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(OssCseError);
  return e as OssCseError;
}

/** Every text an error shows: message, String(), JSON, details, along the cause chain. */
function everythingShown(e: unknown): string {
  const out: string[] = [];
  for (
    let c: unknown = e, depth = 0;
    c !== undefined && c !== null && depth < 8;
    c = (c as { cause?: unknown }).cause, depth++
  ) {
    out.push(
      String(c),
      JSON.stringify(c) ?? '',
      (c as Error).message ?? '',
      JSON.stringify((c as OssCseError).details ?? {}),
    );
  }
  return out.join('\n');
}

/** A fresh key prefix under `fetch-suite/` (the only keys fault rules may target). */
const prefix = (name: string) => `fetch-suite/${name}-${crypto.randomUUID().slice(0, 8)}/`;
const with_ = (credentials: Credentials, extra: Partial<RequestContext> = {}): RequestContext => ({
  credentials,
  ...extra,
});

/** A transport the suite runs against: its name in the test titles, and how to make one. */
export interface TransportUnderTest<T extends ObjectTransport = ObjectTransport> {
  readonly name: string;
  create(options: ConnectionOptions): T;
}

/**
 * Declares the suite for one transport.
 *
 * @example
 * ```ts
 * transportSuite(inject('fetchSuiteTarget'), (rule) => postFaultRule(rule), { name: 'ali-oss transport', create:
 * createAliOssTransport });
 * ```
 */
export function transportSuite(
  target: FetchSuiteTarget,
  injectFault: (rule: FaultRule) => Promise<void>,
  under: TransportUnderTest,
): void {
  const { bucket, region, ossEndpoint } = target;
  const transportFor = (options: Partial<ConnectionOptions> = {}) =>
    under.create({ bucket, region, endpoint: ossEndpoint, ...options });

  for (const signatureVersion of ['v4', 'v1'] as const) {
    describe(`${under.name} against the emulator, signature ${signatureVersion}`, () => {
      const transport = transportFor({ signatureVersion });

      for (const [kind, credentials] of [
        ['account keys', target.account],
        ['STS credentials', target.sts],
      ] as const) {
        it(`objects with ${kind}: put (bytes, Blob), head, get (whole, ranged), list, delete`, async () => {
          const p = prefix(`objects-${signatureVersion}`);
          const ctx = with_(credentials);
          const data = pattern(3000, 1);
          const backing = new Uint8Array(data.length + 64).fill(0xee);
          backing.set(data, 32);
          const progress: number[] = [];
          const put = await transport.putObject(
            `${p}bytes.txt`,
            backing.subarray(32, 32 + data.length),
            {},
            { ...ctx, onUploadProgress: (n) => progress.push(n) },
          );
          expect(put.etag).toMatch(/^"[0-9A-F]{32}"$/);
          expect(put.crc64).toMatch(/^\d+$/);
          expect(progress.at(-1)).toBe(data.length);
          expect(progress.every((n) => n <= data.length)).toBe(true);
          await transport.putObject(
            `${p}blob.bin`,
            new Blob([data as BlobPart], { type: 'image/png' }),
            { 'Content-Type': 'text/plain', 'x-oss-meta-note': 'n1' },
            ctx,
          );

          const head = await transport.headObject(`${p}bytes.txt`, ctx);
          expect(head['content-length']).toBe(String(data.length));
          expect(head['content-type']).toBe('application/octet-stream');
          expect(head['etag']).toBe(put.etag);
          expect((await transport.headObject(`${p}blob.bin`, ctx))['content-type']).toBe('text/plain');

          const whole = await transport.getObject(`${p}bytes.txt`, {}, ctx);
          expect(whole.status).toBe(200);
          expect(await readAll(whole.body)).toEqual(data);
          const ranged = await transport.getObject(
            `${p}blob.bin`,
            { range: 'bytes=1000-1999', ifMatch: put.etag },
            ctx,
          );
          expect(ranged.status).toBe(206);
          expect(ranged.headers['content-range']).toBe(`bytes 1000-1999/${data.length}`);
          expect(await readAll(ranged.body)).toEqual(data.subarray(1000, 2000));

          const page = await transport.listObjects({ prefix: p }, ctx);
          expect(page.objects.map((o) => [o.key, o.size, o.etag])).toEqual([
            [`${p}blob.bin`, data.length, put.etag],
            [`${p}bytes.txt`, data.length, put.etag],
          ]);
          expect(page.nextToken).toBeUndefined();

          await transport.deleteObject(`${p}bytes.txt`, ctx);
          await transport.deleteObject(`${p}blob.bin`, ctx);
          await transport.deleteObject(`${p}never-existed`, ctx);
          expect((await transport.listObjects({ prefix: p }, ctx)).objects).toEqual([]);
        });

        it(`multipart with ${kind}: initiate, parts (bytes, Blob), list parts and uploads, complete, abort`, async () => {
          const p = prefix(`multipart-${signatureVersion}`);
          const ctx = with_(credentials);
          const key = `${p}big file.bin`;
          const part1 = pattern(PART, 2);
          const part2 = pattern(777, 3);
          const uploadId = await transport.initiateMultipartUpload(key, { 'x-oss-meta-note': 'n2' }, ctx);
          const other = await transport.initiateMultipartUpload(`${p}aborted.bin`, {}, ctx);
          const p1 = await transport.uploadPart(key, uploadId, 1, part1, {}, ctx);
          const p2 = await transport.uploadPart(key, uploadId, 2, new Blob([part2 as BlobPart]), {}, ctx);
          expect(await transport.listParts(key, uploadId, ctx)).toEqual([
            { partNumber: 1, etag: p1.etag, size: PART },
            { partNumber: 2, etag: p2.etag, size: 777 },
          ]);
          const uploads = await transport.listMultipartUploads({ prefix: p }, ctx);
          expect(uploads.map((u) => [u.key, u.uploadId]).sort()).toEqual(
            [
              [`${p}aborted.bin`, other],
              [key, uploadId],
            ].sort(),
          );

          const done = await transport.completeMultipartUpload(
            key,
            uploadId,
            [
              { partNumber: 2, etag: p2.etag },
              { partNumber: 1, etag: p1.etag },
            ],
            ctx,
          );
          expect(done.etag).toMatch(/^"[0-9A-F]{32}-2"$/);
          const got = await readAll((await transport.getObject(key, {}, ctx)).body);
          expect(got.length).toBe(PART + 777);
          expectBytes(got.subarray(0, PART), part1);
          expectBytes(got.subarray(PART), part2);

          await transport.abortMultipartUpload(`${p}aborted.bin`, other, ctx);
          expect((await failure(transport.listParts(`${p}aborted.bin`, other, ctx))).code).toBe('ERR_NOT_FOUND');
          expect(await transport.listMultipartUploads({ prefix: p }, ctx)).toEqual([]);
          await transport.deleteObject(key, ctx);
        });
      }

      it('awkward keys (unicode, spaces, +, %, /, reserved characters) and empty bodies round-trip exactly', async () => {
        const p = prefix(`keys-${signatureVersion}`);
        const ctx = with_(target.sts);
        const keys = [
          `${p}dir/sub dir/file (1).bin`,
          `${p}plus+and%percent%2F`,
          `${p}中文/ключ/ü ñ.txt`,
          `${p}a//double`,
          `${p}trailing space `,
          `${p}~!@$&'()*,;=:[]`,
          `${p}q?h#`,
          `${p}a/../dots/./x`,
        ];
        for (const [i, key] of keys.entries()) await transport.putObject(key, pattern(i + 1, i), {}, ctx);
        await transport.putObject(`${p}empty`, new Uint8Array(0), {}, ctx);
        const listed = await transport.listObjects({ prefix: p }, ctx);
        expect(listed.objects.map((o) => o.key).sort()).toEqual([...keys, `${p}empty`].sort());
        for (const [i, key] of keys.entries()) {
          expect(await readAll((await transport.getObject(key, {}, ctx)).body)).toEqual(pattern(i + 1, i));
          expect((await transport.headObject(key, ctx))['content-length']).toBe(String(i + 1));
        }
        expect(await readAll((await transport.getObject(`${p}empty`, {}, ctx)).body)).toEqual(new Uint8Array(0));
        expect((await transport.headObject(`${p}empty`, ctx))['content-length']).toBe('0');
        for (const key of [...keys, `${p}empty`]) await transport.deleteObject(key, ctx);
      });

      it('lists page by page with continuation tokens, and rolls up common prefixes', async () => {
        const p = prefix(`list-${signatureVersion}`);
        const ctx = with_(target.account);
        const keys = [`${p}a/1`, `${p}a/2`, `${p}b/3`, `${p}c`, `${p}d`];
        for (const key of keys) await transport.putObject(key, new Uint8Array(1), {}, ctx);
        const seen: string[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const page = await transport.listObjects({ prefix: p, maxKeys: 2, token }, ctx);
          seen.push(...page.objects.map((o) => o.key));
          token = page.nextToken;
          pages++;
        } while (token !== undefined);
        expect(seen).toEqual(keys);
        expect(pages).toBe(3);
        const rolled = await transport.listObjects({ prefix: p, delimiter: '/' }, ctx);
        expect(rolled.prefixes).toEqual([`${p}a/`, `${p}b/`]);
        expect(rolled.objects.map((o) => o.key)).toEqual([`${p}c`, `${p}d`]);
        for (const key of keys) await transport.deleteObject(key, ctx);
      });

      it('credentials: a wrong secret is ERR_CREDENTIALS, an expired token ERR_TOKEN_EXPIRED, a policy ERR_ACCESS_DENIED (also on HEAD)', async () => {
        const p = prefix(`auth-${signatureVersion}`);
        const key = `${p}x.bin`;
        await transport.putObject(key, pattern(10, 5), {}, with_(target.account));
        const wrong = { ...target.account, accessKeySecret: `${target.account.accessKeySecret}-wrong` };
        expect((await failure(transport.getObject(key, {}, with_(wrong)))).details).toMatchObject({
          ossCode: 'SignatureDoesNotMatch',
          status: 403,
        });
        expect((await failure(transport.headObject(key, with_(wrong)))).code).toBe('ERR_CREDENTIALS');

        const expiresAt = Date.parse(String(target.expiring.expiration));
        await new Promise((done) => setTimeout(done, Math.max(0, expiresAt - Date.now() + 50)));
        const expired = with_(target.expiring);
        for (const e of [
          await failure(transport.getObject(key, {}, expired)),
          await failure(transport.headObject(key, expired)),
          await failure(transport.putObject(key, new Uint8Array(1), {}, expired)),
        ])
          expect(e.code).toBe('ERR_TOKEN_EXPIRED');

        const limited = with_(target.limited.credentials);
        const allowed = `${target.limited.prefix}${crypto.randomUUID()}.bin`;
        await transport.putObject(allowed, pattern(5, 6), {}, limited);
        expect(await readAll((await transport.getObject(allowed, {}, limited)).body)).toEqual(pattern(5, 6));
        expect((await failure(transport.putObject(`${p}denied.bin`, new Uint8Array(1), {}, limited))).code).toBe(
          'ERR_ACCESS_DENIED',
        );
        expect((await failure(transport.headObject(key, limited))).code).toBe('ERR_ACCESS_DENIED');
        expect((await failure(transport.deleteObject(allowed, limited))).code).toBe('ERR_ACCESS_DENIED');
        await transport.deleteObject(allowed, with_(target.account));
        await transport.deleteObject(key, with_(target.account));
      });

      it('a rejected signature shows neither the secret nor the token in the error', async () => {
        const wrong = { ...target.sts, accessKeySecret: 'not-the-secret-0123456789' };
        const e = await failure(transport.putObject(`${prefix('redaction')}k`, new Uint8Array(3), {}, with_(wrong)));
        expect(e.code).toBe('ERR_CREDENTIALS');
        const shown = everythingShown(e);
        for (const secret of [wrong.accessKeySecret, target.sts.securityToken!, target.sts.accessKeySecret])
          expect(shown).not.toContain(secret);
      });
    });
  }

  describe(`${under.name} against the emulator: the error table`, () => {
    const transport = transportFor();
    const ctx = with_(target.account);

    it('404 NoSuchKey and NoSuchUpload → ERR_NOT_FOUND', async () => {
      const p = prefix('missing');
      for (const e of [
        await failure(transport.getObject(`${p}none`, {}, ctx)),
        await failure(transport.headObject(`${p}none`, ctx)),
      ]) {
        expect(e.code).toBe('ERR_NOT_FOUND');
      }
      const bogus = '0123456789ABCDEF0123456789ABCDEF';
      for (const e of [
        await failure(transport.uploadPart(`${p}k`, bogus, 1, new Uint8Array(1), {}, ctx)),
        await failure(transport.listParts(`${p}k`, bogus, ctx)),
        await failure(transport.completeMultipartUpload(`${p}k`, bogus, [{ partNumber: 1, etag: '"A"' }], ctx)),
        await failure(transport.abortMultipartUpload(`${p}k`, bogus, ctx)),
      ])
        expect([e.code, e.details?.['ossCode']]).toEqual(['ERR_NOT_FOUND', 'NoSuchUpload']);
    });

    it('If-Match mismatch → ERR_SOURCE_CHANGED; a range past the end → ERR_INVALID_RANGE (an end past it is clamped)', async () => {
      const key = `${prefix('conditions')}k`;
      await transport.putObject(key, pattern(10, 7), {}, ctx);
      expect(
        (await failure(transport.getObject(key, { ifMatch: '"00000000000000000000000000000000"' }, ctx))).code,
      ).toBe('ERR_SOURCE_CHANGED');
      expect((await failure(transport.getObject(key, { range: 'bytes=10-20' }, ctx))).code).toBe('ERR_INVALID_RANGE');
      const clamped = await transport.getObject(key, { range: 'bytes=5-100' }, ctx);
      expect([clamped.status, clamped.headers['content-range']]).toEqual([206, 'bytes 5-9/10']);
      expect(await readAll(clamped.body)).toEqual(pattern(10, 7).subarray(5));
      await transport.deleteObject(key, ctx);
    });

    it('an injected 503 → retryable ERR_TRANSPORT with the OSS code', async () => {
      const p = prefix('unavailable');
      await injectFault({ type: 'fail', keyPrefix: p, status: 503, code: 'ServiceUnavailable', count: 1 });
      const e = await failure(transport.putObject(`${p}k`, new Uint8Array(1), {}, ctx));
      expect([e.code, isRetryable(e)]).toEqual(['ERR_TRANSPORT', true]);
      expect(e.details).toMatchObject({ status: 503, ossCode: 'ServiceUnavailable' });
    });

    it('connection refused → retryable ERR_TRANSPORT without a status', async () => {
      const refused = transportFor({ endpoint: target.refusedEndpoint });
      const e = await failure(refused.headObject('k', ctx));
      expect([e.code, isRetryable(e), e.details?.['status']]).toEqual(['ERR_TRANSPORT', true, null]);
    });

    it('no answer within timeoutMs → retryable ERR_TRANSPORT naming the timeout', async () => {
      const p = prefix('slow');
      await injectFault({ type: 'delay', keyPrefix: p, delayMs: 2000, count: 1 });
      const e = await failure(transportFor({ timeoutMs: 300 }).putObject(`${p}k`, new Uint8Array(1), {}, ctx));
      expect([e.code, isRetryable(e)]).toEqual(['ERR_TRANSPORT', true]);
      expect(e.message).toContain('timeout');
    });

    it('abort through the signal → ERR_ABORTED', async () => {
      const p = prefix('abort');
      await injectFault({ type: 'delay', keyPrefix: p, delayMs: 2000, count: 1 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      expect(
        (await failure(transport.headObject(`${p}k`, with_(target.account, { signal: controller.signal })))).code,
      ).toBe('ERR_ABORTED');
    });

    it('a connection dropped mid-body fails the read with a retryable error, never a short success', async () => {
      const p = prefix('reset');
      const data = pattern(300_000, 8);
      await transport.putObject(`${p}k`, data, {}, ctx);
      await injectFault({ type: 'reset', keyPrefix: p, operation: 'GetObject', afterBytes: 100_000, count: 1 });
      // The failure shows when the body is read (fetch) or already when the answer is awaited (XHR).
      const e = await failure(transport.getObject(`${p}k`, {}, ctx).then((got) => readAll(got.body)));
      expectBytes(await readAll((await transport.getObject(`${p}k`, {}, ctx)).body), data);
      expect([e.code, isRetryable(e)]).toEqual(['ERR_TRANSPORT', true]);
      await transport.deleteObject(`${p}k`, ctx);
    });
  });
}

/**
 * Declares the suite for the fetch transport, with what only it does: presigned URLs, and what it sends (the
 * signature) kept out of its errors.
 *
 * @example
 * ```ts
 * fetchTransportSuite(inject('fetchSuiteTarget'), (rule) => postFaultRule(rule));
 * ```
 */
export function fetchTransportSuite(target: FetchSuiteTarget, injectFault: (rule: FaultRule) => Promise<void>): void {
  transportSuite(target, injectFault, { name: 'fetch transport', create: (options) => createFetchTransport(options) });
  const { bucket, region, ossEndpoint } = target;
  const transportFor = (options: Partial<FetchTransportOptions> = {}): FetchTransport =>
    createFetchTransport({ bucket, region, endpoint: ossEndpoint, ...options });

  for (const signatureVersion of ['v4', 'v1'] as const) {
    describe(`fetch transport only, signature ${signatureVersion}`, () => {
      const transport = transportFor({ signatureVersion });

      it('presigned GET URLs (account keys and STS) fetch the object with no headers; objectUrl alone is refused', async () => {
        const key = `${prefix(`presign-${signatureVersion}`)}shared file+1.bin`;
        await transport.putObject(key, pattern(100, 4), {}, with_(target.account));
        for (const credentials of [target.account, target.sts]) {
          const url = await transport.presignGetObject(key, { expiresIn: 120, credentials });
          expect(url.startsWith(`${transport.objectUrl(key)}?`)).toBe(true);
          const res = await fetch(url);
          expect(res.status).toBe(200);
          expect(new Uint8Array(await res.arrayBuffer())).toEqual(pattern(100, 4));
        }
        const unsigned = await fetch(transport.objectUrl(key));
        expect(unsigned.status).toBe(403);
        await unsigned.body?.cancel();
        await transport.deleteObject(key, with_(target.account));
      });

      it('a rejected signature shows none of the secret, the token or the signature it sent in the error', async () => {
        const sent: string[] = [];
        const spying = transportFor({
          signatureVersion,
          fetch: (input, init) => {
            sent.push((init?.headers as Record<string, string>)['authorization']!);
            return fetch(input, init);
          },
        });
        const wrong = { ...target.sts, accessKeySecret: 'not-the-secret-0123456789' };
        const e = await failure(spying.putObject(`${prefix('redaction')}k`, new Uint8Array(3), {}, with_(wrong)));
        expect(e.code).toBe('ERR_CREDENTIALS');
        const signature = /(?:Signature=|:)([^,:\s]+)$/.exec(sent[0]!)![1]!;
        const shown = everythingShown(e);
        for (const secret of [wrong.accessKeySecret, target.sts.securityToken!, signature, target.sts.accessKeySecret])
          expect(shown).not.toContain(secret);
      });
    });
  }
}
