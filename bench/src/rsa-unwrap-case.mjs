// RSA-2048 PKCS#1 v1.5 unwrap rate of several contenders, measured in turns (each contender runs `seconds`, then
// the next, `runs` rounds) so that load on the machine falls on all of them alike. Shared by Node
// (rsa-unwrap.mjs) and the Chromium page (bench/rsa-page).

/** Calls `fn` for `seconds`; returns calls per second. */
async function rate(fn, seconds) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

const medianOf = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * `core` is @oss-cse/core; `contenders` maps a name to `(setup) => Promise<unwrap>` where setup holds the key
 * pair (core components), the wrapped CEK and the CEK, and `unwrap()` resolves to the CEK bytes.
 * Returns per contender: median, min and max ops/s over the rounds.
 */
export async function rsaUnwrapCase(core, contenders, { seconds = 2, runs = 3 } = {}) {
  const { privateKey, publicKey } = await core.generateRsaKeyPair({ bits: 2048 });
  const cek = crypto.getRandomValues(new Uint8Array(32));
  const writer = await core.RsaMasterKey.import({ publicKey });
  const wrapped = await writer.wrap(cek, { part: 'key' });
  const setup = { core, privateKey, publicKey, wrapped, cek };
  const unwraps = {};
  for (const [name, make] of Object.entries(contenders)) {
    const unwrap = await make(setup);
    const out = await unwrap();
    if (out.length !== 32 || out.some((b, i) => b !== cek[i])) throw new Error(`${name}: wrong unwrap result`);
    unwraps[name] = unwrap;
  }
  const samples = Object.fromEntries(Object.keys(unwraps).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, unwrap] of Object.entries(unwraps)) samples[name].push(await rate(unwrap, seconds));
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, xs]) => [
      name,
      { opsPerSec: medianOf(xs), min: Math.min(...xs), max: Math.max(...xs) },
    ]),
  );
}

/** The PKCS#1 v1.5 unwrap context of a data key. */
export const UNWRAP_CONTEXT = {
  wrapAlgorithm: 'RSA/NONE/PKCS1Padding',
  part: 'key',
  formatVersion: 2,
  expectedLength: 32,
  headerValue: '',
};

/** A contender unwrapping through RsaMasterKey with the given private-operation factory (undefined: core's default). */
export const viaMasterKey =
  (privateOperation) =>
  async ({ core, privateKey, wrapped }) => {
    const key = await core.RsaMasterKey.import({ privateKey, ...(privateOperation ? { privateOperation } : {}) });
    return () => key.unwrap(wrapped, UNWRAP_CONTEXT);
  };

/** The contenders every runtime has: core's previous BigInt path, and the portable one (wasm, and js only). */
export const portableContenders = (core) => ({
  'BigInt (previous core path)': viaMasterKey(core.bigIntRsaPrivateOperation),
  'portable (default: wasm SIMD)': viaMasterKey(undefined),
  'portable, JavaScript arithmetic': viaMasterKey((key) => core.portableRsaPrivateOperation(key, { arithmetic: 'js' })),
});
