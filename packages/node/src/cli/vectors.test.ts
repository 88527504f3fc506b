// Every RSA object of the shared vectors (SDK-written and oss2-generated) decrypts through `oss-cse decrypt`,
// whole and, where oss2 recorded them, ranged. meta.json holds exactly the object's x-oss-meta-* headers.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVector } from '@oss-cse/test-vectors';
import { ensureBuilt, runCli } from '../../test/cli.js';
import { sha256 } from '../../test/setup.js';

interface Vector {
  headers?: Record<string, string>;
  stored_object_metadata?: Record<string, string>;
  keys?: { private_key_pkcs1_pem: string; private_key_pkcs8_pem: string } | null;
  ciphertext_b64?: string;
  parts?: Array<{ plaintext_offset: number; ciphertext_b64: string }>;
  data_size?: number;
  plaintext_b64?: string;
  plaintext_sha256: string;
  plaintext_len?: number;
  oss2_ranged_get_checks?: Array<{ user_byte_range: [number | null, number | null] }>;
}

const FIXED = [
  'v2-rsa-written-by-cpp-sdk',
  'v2-rsa-written-by-go-sdk',
  'v2-rsa-written-by-python-oss2',
  'v1-deprecated-rsa-oaep',
];
const OSS2 = [
  'put-rsa-pkcs1v15-empty',
  'put-rsa-pkcs1v15-1-byte',
  'put-rsa-pkcs1v15-15-bytes',
  'put-rsa-pkcs1v15-16-bytes',
  'put-rsa-pkcs1v15-17-bytes',
  'put-rsa-pkcs1v15-with-md5-length-matdesc',
  'put-localrsa-oaep-sha1-17-bytes',
  'multipart-rsa-pkcs1v15-3parts',
];

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-vectors-'));
}, 120_000);

const metaOnly = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).filter(([k]) => k.toLowerCase().startsWith('x-oss-meta-')));

async function ciphertextOf(v: Vector): Promise<Buffer> {
  if (v.ciphertext_b64 !== undefined) return Buffer.from(v.ciphertext_b64, 'base64');
  const whole = Buffer.alloc(v.data_size!);
  for (const p of v.parts!) Buffer.from(p.ciphertext_b64, 'base64').copy(whole, p.plaintext_offset);
  return whole;
}

describe('oss-cse decrypt reads every RSA vector', () => {
  const cases = [
    ...FIXED.map((n) => ['fixed-from-sdk-tests', n] as const),
    ...OSS2.map((n) => ['oss2-generated', n] as const),
  ];
  it.each(cases)('%s/%s', async (group, name) => {
    const v = await loadVector<Vector>(group, name);
    const keyPem = v.keys
      ? v.keys.private_key_pkcs1_pem
      : (await loadVector<{ private_key_pkcs8_pem: string }>('fixed-from-sdk-tests', 'rsa-1024-test-keypair'))
          .private_key_pkcs8_pem;
    const base = join(dir, name);
    await writeFile(`${base}.key.pem`, keyPem);
    await writeFile(`${base}.bin`, await ciphertextOf(v));
    await writeFile(`${base}.meta.json`, JSON.stringify(metaOnly(v.stored_object_metadata ?? v.headers!)));
    const matdesc = name.includes('matdesc') ? ['--matdesc', '{"key1":"value1","k2":"v2"}'] : [];
    const args = [
      'decrypt',
      '--in',
      `${base}.bin`,
      '--meta',
      `${base}.meta.json`,
      '--private-key',
      `${base}.key.pem`,
      ...matdesc,
    ];
    const r = await runCli([...args, '--out', `${base}.out`], {});
    expect(r.stderr).toMatch(/^decrypted /);
    expect(r.code).toBe(0);
    const plain = await readFile(`${base}.out`);
    expect(sha256(plain)).toBe(v.plaintext_sha256);
    for (const check of v.oss2_ranged_get_checks ?? []) {
      const [start, end] = check.user_byte_range;
      if (start === null) continue;
      const ranged = await runCli([...args, '--out', '-', '--range', `${start}-${end ?? ''}`], {});
      expect(ranged.code).toBe(0);
      expect(ranged.stdout.equals(plain.subarray(start, end === null ? undefined : end + 1))).toBe(true);
    }
  });
});
