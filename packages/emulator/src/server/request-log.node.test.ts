import { describe, expect, it } from 'vitest';
import { startEmulator, type RequestLogEntry } from '../index.js';
import { ossClient } from '../../test/support/clients.js';

describe('request log (onRequest)', () => {
  it('reports each request once with its method, path and query, headers, status and the bytes sent', async () => {
    const log: RequestLogEntry[] = [];
    const emulator = await startEmulator({ port: 0, buckets: ['logged'], onRequest: (e) => log.push(e) });
    try {
      const oss = ossClient(emulator, { bucket: 'logged' });
      await oss.put('a.bin', Buffer.alloc(100_000, 7));
      log.length = 0;
      await oss.get('a.bin', { headers: { Range: 'bytes=0-9999', Referer: 'http://page.test/viewer' } });
      await oss.get('missing.bin').catch(() => undefined);
      await expect.poll(() => log.length).toBe(2);
      const [ranged, missing] = log;
      expect(ranged).toMatchObject({ method: 'GET', url: '/logged/a.bin', status: 206 });
      expect(ranged!.headers['range']).toBe('bytes=0-9999');
      expect(ranged!.headers['referer']).toBe('http://page.test/viewer');
      expect(ranged!.bytesSent).toBeGreaterThanOrEqual(10_000);
      expect(ranged!.bytesSent).toBeLessThan(12_000);
      expect(missing).toMatchObject({ method: 'GET', url: '/logged/missing.bin', status: 404 });
    } finally {
      await emulator.close();
    }
  });
});
