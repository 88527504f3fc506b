// unwrapEnvelope must not reveal which of the two wrapped headers failed: both unwraps always run (concurrently),
// every check is made, and every cryptographic failure is the one ERR_UNWRAP_FAILED raised at one point.
import { describe, expect, it } from 'vitest';
import { OssCseError, UNWRAP_FAILED_MESSAGE } from '../errors.js';
import type { Envelope } from '../format/envelope.js';
import { WRAP_RSA_PKCS1, type MasterKey, type UnwrapContext, type WrapAlgorithm } from '../keys/master-key.js';
import { oss2MasterKey } from '../../test/support/keys.js';
import { unwrapEnvelope } from './open-envelope.js';

interface Call {
  readonly part: 'key' | 'iv';
  readonly started: number;
  settled?: number;
}

/** Wraps a master key and records every unwrap call, with a logical clock for start/settle order. */
function spy(inner: MasterKey): MasterKey & { calls: Call[] } {
  let clock = 0;
  const calls: Call[] = [];
  return {
    calls,
    wrapAlgorithm: inner.wrapAlgorithm,
    description: inner.description,
    canUnwrap: inner.canUnwrap,
    supportsUnwrap: (alg: WrapAlgorithm) => inner.supportsUnwrap(alg),
    wrap: (plain, context) => inner.wrap(plain, context),
    async unwrap(wrapped: Uint8Array, context: UnwrapContext) {
      const call: Call = { part: context.part, started: clock++ };
      calls.push(call);
      try {
        return await inner.unwrap(wrapped, context);
      } finally {
        call.settled = clock++;
      }
    },
  };
}

function envelope(wrappedKey: Uint8Array, wrappedIv: Uint8Array): Envelope {
  return {
    formatVersion: 2,
    wrappedKey,
    wrappedIv,
    keyHeader: '',
    startHeader: '',
    cekAlgorithm: 'AES/CTR/NoPadding',
    wrapAlgorithm: WRAP_RSA_PKCS1,
    matdesc: undefined,
    matdescHeader: undefined,
    unencryptedContentLength: undefined,
    unencryptedContentMd5: undefined,
    dataSize: undefined,
    partSize: undefined,
  };
}

async function failure(promise: Promise<unknown>): Promise<OssCseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OssCseError);
  return error as OssCseError;
}

describe('unwrapEnvelope: no observable difference between a bad data key and a bad IV', () => {
  it('runs both unwraps, concurrently, when the data key fails to unwrap', async () => {
    const rsa = await oss2MasterKey();
    const key = spy(rsa);
    const goodIv = await rsa.wrap(new Uint8Array(16).fill(7), { part: 'iv' });
    const garbage = crypto.getRandomValues(new Uint8Array(goodIv.length));
    const error = await failure(unwrapEnvelope({ keyring: key, envelope: envelope(garbage, goodIv) }));
    expect(error.code).toBe('ERR_UNWRAP_FAILED');
    expect(key.calls.map((c) => c.part).sort()).toEqual(['iv', 'key']);
    // Both started before either settled: the second unwrap does not wait for the first one's outcome.
    const lastStart = Math.max(...key.calls.map((c) => c.started));
    const firstSettle = Math.min(...key.calls.map((c) => c.settled!));
    expect(lastStart).toBeLessThan(firstSettle);
  });

  it('a forged data key that unwraps to 32 bytes fails exactly like one that does not unwrap at all', async () => {
    const rsa = await oss2MasterKey();
    const forgedKey = await rsa.wrap(crypto.getRandomValues(new Uint8Array(32)), { part: 'key' });
    const goodIv = await rsa.wrap(new Uint8Array(16), { part: 'iv' });
    const garbage = () => crypto.getRandomValues(new Uint8Array(goodIv.length));

    const cases = [
      envelope(forgedKey, garbage()), // key unwraps, IV does not
      envelope(garbage(), goodIv), // IV unwraps, key does not
      envelope(garbage(), garbage()), // neither
      envelope(goodIv, forgedKey), // both unwrap, with swapped lengths (16 and 32 bytes)
    ];
    const seen: string[] = [];
    for (const env of cases) {
      const key = spy(rsa);
      const error = await failure(unwrapEnvelope({ keyring: key, envelope: env }));
      expect(key.calls).toHaveLength(2);
      seen.push(
        JSON.stringify({
          code: error.code,
          message: error.message,
          cause: error.cause === undefined,
          name: error.name,
        }),
      );
    }
    expect(new Set(seen).size).toBe(1);
    expect(JSON.parse(seen[0]!)).toEqual({
      code: 'ERR_UNWRAP_FAILED',
      message: UNWRAP_FAILED_MESSAGE,
      cause: true,
      name: 'OssCseError',
    });
  });

  it('a master key that returns bytes of the wrong length is the same ERR_UNWRAP_FAILED, naming no length', async () => {
    const rsa = await oss2MasterKey();
    const sloppy: MasterKey = {
      ...spy(rsa),
      unwrap: async (_wrapped, context) => new Uint8Array(context.part === 'key' ? 31 : 16),
    };
    const error = await failure(
      unwrapEnvelope({ keyring: sloppy, envelope: envelope(new Uint8Array(128), new Uint8Array(128)) }),
    );
    expect(error.code).toBe('ERR_UNWRAP_FAILED');
    expect(error.message).toBe(UNWRAP_FAILED_MESSAGE);
  });

  it('a failure that says nothing about the wrapped bytes (e.g. abort) passes through unchanged', async () => {
    const rsa = await oss2MasterKey();
    const reason = new OssCseError('ERR_ABORTED', 'stopped by the caller');
    const flaky: MasterKey = {
      ...spy(rsa),
      unwrap: async (wrapped, context) => {
        if (context.part === 'iv') throw reason;
        return rsa.unwrap(wrapped, context);
      },
    };
    const error = await failure(
      unwrapEnvelope({ keyring: flaky, envelope: envelope(new Uint8Array(128), new Uint8Array(128)) }),
    );
    expect(error).toBe(reason);
  });

  it('still unwraps a genuine envelope', async () => {
    const rsa = await oss2MasterKey();
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const env = envelope(await rsa.wrap(cek, { part: 'key' }), await rsa.wrap(iv, { part: 'iv' }));
    const out = await unwrapEnvelope({ keyring: rsa, envelope: env });
    expect(out.cek).toEqual(cek);
    expect(out.iv).toEqual(iv);
  });
});
