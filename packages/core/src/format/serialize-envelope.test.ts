// Conformance (Node + Chromium): the headers we write have the exact shape oss2 writes, field by field.
import { describe, expect, it } from 'vitest';
import { envelopeHeaders } from './serialize-envelope.js';
import { parseEnvelope } from './parse-envelope.js';
import { serializeMatdesc, parseMatdesc, sameMatdesc } from './matdesc.js';
import { cseHeaders, multipartVector, putVector } from '../../test/support/vectors.js';
import { WRAP_RSA_PKCS1 } from '../keys/master-key.js';

const wrapped = {
  wrappedKey: new Uint8Array(256).fill(1),
  wrappedIv: new Uint8Array(256).fill(2),
  wrapAlgorithm: WRAP_RSA_PKCS1,
} as const;
const shape = (h: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(h).map(([k, v]) => [k, k.endsWith('-key') || k.endsWith('-start') ? `base64:${v.length}` : v]),
  );

describe('envelopeHeaders', () => {
  it('PutObject headers match oss2 field by field (plain put)', async () => {
    const v = await putVector('put-rsa-pkcs1v15-17-bytes');
    const mine = envelopeHeaders(wrapped, { operation: 'put' });
    expect(shape(mine)).toEqual(shape(cseHeaders(v.put_request.headers)));
  });

  it('PutObject headers match oss2 with caller MD5, length and matdesc', async () => {
    const v = await putVector('put-rsa-pkcs1v15-with-md5-length-matdesc');
    const oss2 = cseHeaders(v.put_request.headers);
    const mine = envelopeHeaders(
      {
        ...wrapped,
        matdesc: { key1: 'value1', k2: 'v2' },
        unencryptedContentLength: 17,
        unencryptedContentMd5: 'Rh8T4+Nz/wq4ohkoOv4z2w==',
      },
      { operation: 'put' },
    );
    expect(shape(mine)).toEqual(shape(oss2));
    expect(mine['x-oss-meta-client-side-encryption-matdesc']).toBe('{"key1": "value1", "k2": "v2"}');
  });

  it('Initiate and every UploadPart carry the same set as oss2 (same key/start, data-size, part-size)', async () => {
    const v = await multipartVector();
    const target = { dataSize: v.data_size, partSize: v.part_size } as const;
    const init = envelopeHeaders(wrapped, { operation: 'initiate-multipart', ...target });
    expect(shape(init)).toEqual(shape(cseHeaders(v.initiate_request.headers)));
    for (const part of v.parts) {
      expect(shape(envelopeHeaders(wrapped, { operation: 'upload-part', ...target }))).toEqual(
        shape(cseHeaders(part.request.headers)),
      );
      expect(cseHeaders(part.request.headers)['x-oss-meta-client-side-encryption-start']).toBe(
        cseHeaders(v.initiate_request.headers)['x-oss-meta-client-side-encryption-start'],
      );
    }
    expect(v.complete_request.headers).not.toHaveProperty('x-oss-meta-client-side-encryption-key');
  });

  it('round-trips through parseEnvelope', () => {
    const h = envelopeHeaders(
      { ...wrapped, matdesc: { a: 'b' } },
      { operation: 'upload-part', dataSize: 5, partSize: 102400 },
    );
    const e = parseEnvelope(h)!;
    expect(e.wrappedKey).toEqual(wrapped.wrappedKey);
    expect(e).toMatchObject({ matdesc: { a: 'b' }, dataSize: 5, partSize: 102400, wrapAlgorithm: WRAP_RSA_PKCS1 });
  });

  it('omits matdesc when empty and never writes wrap-alg rsa', () => {
    expect(envelopeHeaders({ ...wrapped, matdesc: {} }, { operation: 'put' })).not.toHaveProperty(
      'x-oss-meta-client-side-encryption-matdesc',
    );
    expect(() => envelopeHeaders({ ...wrapped, wrapAlgorithm: 'rsa' as never }, { operation: 'put' })).toThrow(
      expect.objectContaining({ code: 'ERR_UNSUPPORTED_WRAP_ALG' }),
    );
  });
});

describe('matdesc', () => {
  it('serializes like Python json.dumps (ASCII, escapes)', () => {
    expect(serializeMatdesc({ 'k"ey': 'v\\al', t: 'tab\tnew\nline', u: 'café ☃ 𝄞' })).toBe(
      '{"k\\"ey": "v\\\\al", "t": "tab\\tnew\\nline", "u": "caf\\u00e9 \\u2603 \\ud834\\udd1e"}',
    );
    expect(serializeMatdesc(undefined)).toBeUndefined();
  });
  it('compares parsed objects, not strings (Go, Python and Java spellings are equal)', () => {
    const go = parseMatdesc('{"k2":"v2","key1":"value1"}');
    const py = parseMatdesc('{"key1": "value1", "k2": "v2"}');
    expect(sameMatdesc(go, py)).toBe(true);
    expect(sameMatdesc(go, { key1: 'value1' })).toBe(false);
    expect(sameMatdesc(undefined, {})).toBe(true);
    expect(parseMatdesc('  ')).toBeUndefined();
    expect(parseMatdesc(serializeMatdesc({ u: 'café ☃ 𝄞' })!)).toEqual({ u: 'café ☃ 𝄞' });
  });
});
