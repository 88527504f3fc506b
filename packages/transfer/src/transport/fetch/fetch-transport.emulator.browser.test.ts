// The fetch transport's emulator suite in Chromium (cross-origin requests under the bucket's CORS rule), plus
// virtual-hosted addressing, which only a browser can resolve (`<bucket>.localhost`).
import { readAll } from '@oss-cse/core';
import { describe, expect, inject, it } from 'vitest';
import { fetchTransportSuite, type FetchSuiteTarget } from '../../../test/support/fetch-transport-suite.js';
import { createFetchTransport } from './fetch-transport.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fetchSuiteTarget: FetchSuiteTarget;
    fetchSuiteFaults: string;
  }
}

const target = inject('fetchSuiteTarget');

/** Fault rules through the global setup's relay (the emulator's admin routes refuse web pages). */
fetchTransportSuite(target, async (rule) => {
  const res = await fetch(inject('fetchSuiteFaults'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(res.status).toBe(200);
});

describe('fetch transport in Chromium: virtual-hosted addressing', () => {
  it('puts and gets through http://<bucket>.localhost:PORT', async () => {
    const transport = createFetchTransport({
      bucket: target.bucket,
      region: target.region,
      endpoint: target.ossEndpoint,
      pathStyle: false,
    });
    const key = `fetch-suite/virtual-${crypto.randomUUID()}/a b.bin`;
    expect(transport.objectUrl(key)).toBe(
      `${target.ossEndpoint.replace('//', `//${target.bucket}.`)}/${key.replace(' ', '%20')}`,
    );
    const ctx = { credentials: target.sts };
    await transport.putObject(key, new Uint8Array([1, 2, 3]), {}, ctx);
    expect(await readAll((await transport.getObject(key, {}, ctx)).body)).toEqual(new Uint8Array([1, 2, 3]));
    await transport.deleteObject(key, ctx);
  });
});
