// A page whose frames and Workers hold many WebAssembly instances can run out of address space for one more: Chromium
// then rejects with RangeError ("WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new
// instance"; seen in this project's browser tests, from a Web Worker). MD5, CRC-64 and the RSA arithmetic then run
// their JavaScript versions with the same results, instead of failing the transfer. Runs in Node and in Chromium.
import { afterEach, expect, it, vi } from 'vitest';
import { modPow } from '../keys/rsa/bigint-math.js';
import { createMontgomeryModulus } from '../keys/rsa/montgomery/modulus.js';
import { utf8 } from '../util/bytes.js';
import { crc64Wasm, createCrc64Wasm } from './crc64-wasm.js';
import { createMd5, md5Base64 } from './plaintext-md5.js';

const noRoomForWasm = () =>
  vi
    .spyOn(WebAssembly, 'instantiate')
    .mockRejectedValue(
      new RangeError('WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance'),
    );

afterEach(() => {
  vi.restoreAllMocks();
});

// Many hashers at once: each one created while there is no room falls back on its own.
const MANY = 20;

it('createMd5 and md5Base64 give the right digests when no WebAssembly instance can be created', async () => {
  const instantiate = noRoomForWasm();
  const md5s = await Promise.all(Array.from({ length: MANY }, () => createMd5()));
  expect(instantiate).toHaveBeenCalled();
  for (const md5 of md5s) {
    md5.update(utf8('message '));
    md5.update(utf8('digest'));
    expect(md5.digestBase64()).toBe('+WtpfXy3k41SWi8xqvFh0A=='); // RFC 1321: f96b697d7cb7938d525a2f31aaf161d0
  }
  expect(await md5Base64(utf8('abc'))).toBe('kAFQmDzST7DWlj99KOF/cg=='); // 900150983cd24fb0d6963f7d28e17f72
});

it('createCrc64Wasm and crc64Wasm give the right values when no WebAssembly instance can be created', async () => {
  const instantiate = noRoomForWasm();
  const check = utf8('123456789');
  const crcs = await Promise.all(Array.from({ length: MANY }, () => createCrc64Wasm()));
  expect(instantiate).toHaveBeenCalled();
  for (const crc of crcs)
    expect(crc.update(check.subarray(0, 4)).update(check.subarray(4)).value()).toBe(0x995dc9bbdf1939fan);
  expect(await crc64Wasm(check)).toBe(0x995dc9bbdf1939fan); // CRC-64/XZ check value
});

it('the RSA arithmetic runs in JavaScript when no WebAssembly memory can be created, with the same results', async () => {
  noRoomForWasm();
  const n = (1n << 1024n) - 105n; // odd
  const m = await createMontgomeryModulus(n);
  expect(m.kind).toBe('js');
  const e = (1n << 1023n) + 77n;
  expect(m.powSecret(12345n, m.prepareExponent(e))).toBe(modPow(12345n, e, n));
});

it('once there is room again, WebAssembly is used again', async () => {
  noRoomForWasm();
  (await createMd5()).digestBase64();
  vi.restoreAllMocks();
  const instantiate = vi.spyOn(WebAssembly, 'instantiate');
  const fresh = await Promise.all(Array.from({ length: MANY }, () => createMd5()));
  expect(instantiate).toHaveBeenCalled();
  for (const md5 of fresh) {
    md5.update(utf8('abc'));
    expect(md5.digestBase64()).toBe('kAFQmDzST7DWlj99KOF/cg==');
  }
  expect((await createMontgomeryModulus(1000003n)).kind).toBe('wasm-simd');
});
