// MD5 and CRC-64 where WebAssembly cannot be compiled at run time (workerd): createMd5, crc64Wasm and createCrc64Wasm
// load the JavaScript versions (md5-js.ts, crc64.ts: import() so that browsers never download them) and give the same
// values. Node only: the module graph is reloaded with WebAssembly compilation refused.
import { afterEach, expect, it, vi } from 'vitest';
import { utf8 } from '../util/bytes.js';

const refuseWasm = () => {
  vi.resetModules();
  vi.stubGlobal('WebAssembly', {
    Module: class {
      constructor() {
        throw new Error('Wasm code generation disallowed by embedder');
      }
    },
  });
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

it('createMd5 falls back to the JavaScript MD5, loaded on demand, with the same digests', async () => {
  refuseWasm();
  const { createMd5, md5Base64 } = await import('./plaintext-md5.js');
  const h = await createMd5();
  h.update(utf8('message '));
  h.update(utf8('digest'));
  expect(h.digestBase64()).toBe('+WtpfXy3k41SWi8xqvFh0A=='); // RFC 1321: f96b697d7cb7938d525a2f31aaf161d0
  expect(await md5Base64(utf8('abc'))).toBe('kAFQmDzST7DWlj99KOF/cg=='); // 900150983cd24fb0d6963f7d28e17f72
});

it('crc64Wasm and createCrc64Wasm fall back to the JavaScript CRC-64, loaded on demand, with the same values', async () => {
  refuseWasm();
  const { crc64Wasm, createCrc64Wasm } = await import('./crc64-wasm.js');
  const check = utf8('123456789');
  expect(await crc64Wasm(check)).toBe(0x995dc9bbdf1939fan); // CRC-64/XZ check value
  const h = await createCrc64Wasm();
  expect(h.update(check.subarray(0, 4)).update(check.subarray(4)).value()).toBe(0x995dc9bbdf1939fan);
});
