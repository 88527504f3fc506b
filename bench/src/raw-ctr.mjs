// The AES-CTR baseline: the best raw use of WebCrypto, i.e. crypto.subtle.encrypt on fixed-size slices with
// calls kept in flight up to a byte budget (the same budget as core's transform) and the results taken in
// order, as a streaming consumer would. Free of Node APIs: the same code runs in Node and in Chromium.
import { counterBlockAt } from '@oss-cse/core';

/**
 * Bytes in cipher calls at once: core's default (`DEFAULT_IN_FLIGHT_BYTES` in packages/core/src/cipher/ctr-stream.ts).
 */
export const RAW_IN_FLIGHT_BYTES = 2 * 1024 * 1024;

/** `encryptAt(offset, data)` for AES-CTR with `key` and `iv`: raw `subtle.encrypt` at that stream offset. */
export const subtleCtr =
  (key, iv, subtle = crypto.subtle) =>
  (offset, data) =>
    subtle.encrypt({ name: 'AES-CTR', counter: counterBlockAt(iv, offset), length: 128 }, key, data);

/**
 * Encrypts `data` in `callBytes` slices through `encryptAt`, starting a call while the bytes in calls stay
 * within `maxInFlightBytes` (at least one call), and hands each result to `onOutput` in slice order.
 */
export async function rawCtrPipeline({ data, callBytes, maxInFlightBytes, encryptAt, onOutput = () => {} }) {
  const calls = [];
  let inFlight = 0;
  const takeOldest = async () => {
    const { result, length } = calls.shift();
    inFlight -= length;
    onOutput(await result);
  };
  for (let offset = 0; offset < data.length; offset += callBytes) {
    const slice = data.subarray(offset, offset + callBytes);
    while (calls.length > 0 && inFlight + slice.length > maxInFlightBytes) await takeOldest();
    const result = encryptAt(offset, slice);
    result.catch(() => undefined); // observed in order by takeOldest; no unhandled rejection meanwhile
    calls.push({ result, length: slice.length });
    inFlight += slice.length;
  }
  while (calls.length > 0) await takeOldest();
}
