// oss2's resumable-upload checkpoint (oss2-generated/resumable-upload-checkpoint.json): its
// content_crypto_material is the shape of our MultipartMaterial. Resuming from it must continue oss2's upload:
// the same key/start headers, the same part layout as oss2's requests, and parts encrypted under the
// checkpoint's data key and IV at their offsets (checked with node:crypto). The checkpoint file itself is
// SDK-private (docs/format.md §5.6): our clients never read oss2's ResumableStore.
import { describe, expect, it } from 'vitest';
import { loadVector } from '@oss-cse/test-vectors';
import { MultipartEncryptionContext } from '../src/multipart/multipart-context.js';
import { oss2Keys, oss2MasterKey } from './support/keys.js';
import { patternBytes } from './support/vectors.js';
import { ctrAt, rsaUnwrap } from './support/node-crypto-reader.js';

interface CheckpointVector {
  checkpoint_record: {
    size: number;
    part_size: number;
    content_crypto_material: {
      wrap_alg: string;
      cek_alg: string;
      encrypted_key: string;
      encrypted_iv: string;
      mat_desc: Record<string, string> | null;
    };
  };
  request_sequence: Array<{ method: string; query: string; body_len: number }>;
  data_size: number;
}

const vector = () => loadVector<CheckpointVector>('oss2-generated', 'resumable-upload-checkpoint');

describe('oss2 resumable-upload checkpoint', () => {
  it("resumes from its content_crypto_material with oss2's headers, part layout and keystream", async () => {
    const { checkpoint_record: record, request_sequence: requests, data_size } = await vector();
    const material = record.content_crypto_material;
    expect(record.size).toBe(data_size);
    const ctx = await MultipartEncryptionContext.resume({
      keyring: await oss2MasterKey(),
      material: {
        wrapAlg: material.wrap_alg as 'RSA/NONE/PKCS1Padding',
        cekAlg: material.cek_alg as 'AES/CTR/NoPadding',
        encryptedKey: material.encrypted_key,
        encryptedIv: material.encrypted_iv,
        matDesc: material.mat_desc,
        dataSize: record.size,
        partSize: record.part_size,
      },
    });
    // The same key and start on every part, as oss2 sends them.
    expect(ctx.partHeaders()).toMatchObject({
      'x-oss-meta-client-side-encryption-key': material.encrypted_key,
      'x-oss-meta-client-side-encryption-start': material.encrypted_iv,
      'x-oss-meta-client-side-encryption-wrap-alg': material.wrap_alg,
      'x-oss-meta-client-side-encryption-data-size': String(data_size),
      'x-oss-meta-client-side-encryption-part-size': String(record.part_size),
    });
    // The part layout of oss2's UploadPart requests (the last body of each part number).
    const bodies = new Map<number, number>();
    for (const r of requests) {
      const n = /partNumber=(\d+)/.exec(r.query);
      if (r.method === 'PUT' && n) bodies.set(Number(n[1]), r.body_len);
    }
    expect(ctx.plan.parts().map((p) => [p.partNumber, p.length])).toEqual(
      [...bodies.entries()].sort((a, b) => a[0] - b[0]),
    );
    // Parts are AES-CTR under the checkpoint's data key and IV, unwrapped here by node:crypto alone.
    const pem = (await oss2Keys()).private_key_pkcs1_pem;
    const cek = rsaUnwrap(pem, material.encrypted_key, material.wrap_alg);
    const iv = rsaUnwrap(pem, material.encrypted_iv, material.wrap_alg);
    expect([cek.length, iv.length, [...iv.subarray(8, 12)]]).toEqual([32, 16, [0, 0, 0, 0]]);
    for (const part of ctx.plan.parts().slice(1)) {
      const plain = patternBytes(part.length, part.partNumber);
      expect(
        Buffer.from(await ctx.encryptPart(part.partNumber, plain)).equals(ctrAt(cek, iv, part.offset, plain)),
      ).toBe(true);
    }
  });

  it('refuses the material with key and IV swapped (typed ERR_UNWRAP_FAILED)', async () => {
    const { checkpoint_record: record } = await vector();
    const m = record.content_crypto_material;
    const keyring = await oss2MasterKey();
    const swapped = MultipartEncryptionContext.resume({
      keyring,
      material: {
        wrapAlg: 'RSA/NONE/PKCS1Padding',
        cekAlg: 'AES/CTR/NoPadding',
        encryptedKey: m.encrypted_iv,
        encryptedIv: m.encrypted_key,
        matDesc: null,
        dataSize: record.size,
        partSize: record.part_size,
      },
    });
    await expect(swapped).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
  });
});
