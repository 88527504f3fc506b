// createMd5 where WebAssembly cannot be compiled at run time (workerd): it loads the JavaScript MD5 (md5-js.ts, an
// import() so that browsers never download it) and gives the same digests. Node only: the module graph is reloaded
// with WebAssembly compilation refused.
import { afterEach, expect, it, vi } from 'vitest';
import { utf8 } from '../util/bytes.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

it('createMd5 falls back to the JavaScript MD5, loaded on demand, with the same digests', async () => {
  vi.resetModules();
  vi.stubGlobal('WebAssembly', { Module: class { constructor() { throw new Error('Wasm code generation disallowed by embedder'); } } });
  const { createMd5, md5Base64 } = await import('./plaintext-md5.js');
  const h = await createMd5();
  h.update(utf8('message '));
  h.update(utf8('digest'));
  expect(h.digestBase64()).toBe('+WtpfXy3k41SWi8xqvFh0A=='); // RFC 1321: f96b697d7cb7938d525a2f31aaf161d0
  expect(await md5Base64(utf8('abc'))).toBe('kAFQmDzST7DWlj99KOF/cg=='); // 900150983cd24fb0d6963f7d28e17f72
});
