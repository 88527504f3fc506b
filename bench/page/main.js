// The Chromium side of the benchmarks: functions on `window` that bench/src/chromium.mjs calls with page.evaluate.
import OSS from 'ali-oss';
import { RsaMasterKey } from '@oss-cse/core';
import { createClient, registerDecryptingServiceWorker } from '@oss-cse/browser';
import { aesCtrCase } from '../src/aes-ctr-case.mjs';
import { seededBlock } from '../src/seeded-source.mjs';

let file;
let encrypted;
let plain;
let worker;

window.benchAes = (options) => aesCtrCase(options);

/**
 * Takes the source File the bench chose in the page's file input (a file on disk that Node wrote: the block of the
 * seed repeated, seeded-source.mjs), as a user's chosen file: Chromium reads it from disk, none of it is in the page.
 */
window.useChosenFile = () => {
  file = document.getElementById('source').files[0];
  return file.size;
};

/** The encrypting client with the RSA key Node made (Node decrypts what it stores), and plain ali-oss. */
window.setupClients = async ({ endpoint, region, bucket, sts, privateKeyPem }) => {
  encrypted?.close();
  const masterKey = await RsaMasterKey.import({ privateKey: privateKeyPem });
  encrypted = createClient({
    keyring: masterKey,
    bucket,
    endpoint,
    region: `oss-${region}`,
    database: `bench-${crypto.randomUUID()}`,
    credentials: async () => sts,
  });
  worker?.unlink();
  worker = await registerDecryptingServiceWorker({
    url: '/sw.js',
    bucket: { bucket, endpoint, region: `oss-${region}`, keyring: masterKey, credentials: async () => sts },
  });
  plain = new OSS({
    endpoint,
    region: `oss-${region}`,
    bucket,
    sldEnable: true,
    secure: false,
    accessKeyId: sts.accessKeyId,
    accessKeySecret: sts.accessKeySecret,
    stsToken: sts.securityToken,
    timeout: 600_000,
  });
  return true;
};

const seconds = async (fn) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

window.uploadEncrypted = ({ key, partSize, concurrency }) =>
  seconds(() => encrypted.upload(key, file, { partSize, concurrency, resume: false }));

window.uploadPlain = ({ key, partSize, concurrency }) =>
  seconds(() => plain.multipartUpload(key, file, { partSize, parallel: concurrency }));

/** PUTs `body` to a presigned URL with XMLHttpRequest (what ali-oss's browser build and @oss-cse/browser send with). */
const xhrPut = (url, body) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`presigned PUT ${xhr.status}`)));
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.send(body);
  });

const presignedSenders = {
  /** `fetch` with the Blob slice: the page's floor. */
  'fetch Blob': async (url, slice) => {
    const r = await fetch(url, { method: 'PUT', body: slice });
    if (!r.ok) throw new Error(`presigned PUT ${r.status}`);
  },
  /** XHR with the slice read into bytes (an ArrayBufferView, as ali-oss's browser build sends a part). */
  'XHR bytes': async (url, slice) => xhrPut(url, new Uint8Array(await slice.arrayBuffer())),
};

/**
 * The same part-sized Blob slices sent as presigned PUTs (no SDK, no encryption) by `via` (a presignedSenders
 * name), `concurrency` at a time, to separate objects `${key}-${i}`. Returns the seconds and the object names
 * (checked and deleted by the caller, untimed).
 */
let floorRetries = 0;
/** PUTs the last uploadPresigned() call retried. */
window.floorRetries = () => floorRetries;
window.uploadPresigned = async ({ key, partSize, concurrency, via }) => {
  const send = presignedSenders[via];
  floorRetries = 0;
  let next = 0;
  const names = [];
  const worker = async () => {
    for (let i = next++; i * partSize < file.size; i = next++) {
      const name = `${key}-${i}`;
      names[i] = name;
      // A network error (not an HTTP error) is retried twice: the floor is a reference figure, not a test.
      for (let attempt = 1; ; attempt++) {
        try {
          await send(
            plain.signatureUrl(name, { method: 'PUT', expires: 3600 }),
            file.slice(i * partSize, (i + 1) * partSize),
          );
          break;
        } catch (e) {
          if (!(e instanceof TypeError) || attempt === 3) throw e;
          floorRetries++;
        }
      }
    }
  };
  return { seconds: await seconds(() => Promise.all(Array.from({ length: concurrency }, worker))), names };
};

window.deleteObjects = async (names) => {
  for (let i = 0; i < names.length; i += 500) await plain.deleteMulti(names.slice(i, i + 500), { quiet: true });
  return true;
};

window.deleteObject = async (key) => {
  await plain.delete(key);
  return true;
};

window.heapUsed = () => performance.memory?.usedJSHeapSize ?? null;

/**
 * Small objects: `n` put+get of `body` (1 KiB) in a row, through plain ali-oss or an encrypting client with a PKCS#1
 * v1.5 or an OAEP key (the key Node made). Returns the seconds and how many gets did not return `body` (Node then
 * checks every stored object, untimed).
 */
let small;
window.setupSmallObjects = async (options) => {
  const { endpoint, region, bucket, sts, privateKeyPem } = options;
  await window.setupClients(options); // plain ali-oss
  for (const c of Object.values(small?.clients ?? {})) c.close();
  const client = async (wrapAlgorithm) =>
    createClient({
      keyring: await RsaMasterKey.import({ privateKey: privateKeyPem, wrapAlgorithm }),
      bucket,
      endpoint,
      region: `oss-${region}`,
      database: `bench-${crypto.randomUUID()}`,
      credentials: async () => sts,
    });
  small = {
    clients: {
      'RSA PKCS#1 v1.5': await client('RSA/NONE/PKCS1Padding'),
      'RSA-OAEP': await client('RSA/NONE/OAEPWithSHA-1AndMGF1Padding'),
    },
    body: crypto.getRandomValues(new Uint8Array(1024)),
  };
  return Array.from(small.body);
};

window.smallPutGet = async ({ which, n, prefix }) => {
  const { body } = small;
  const same = (got) => got.length === body.length && got.every((b, i) => b === body[i]);
  const c = small.clients[which];
  const put = which === 'plain' ? (k) => plain.put(k, new Blob([body])) : (k) => c.put(k, body);
  const get =
    which === 'plain' ? async (k) => new Uint8Array((await plain.get(k)).content) : async (k) => (await c.get(k)).body;
  const got = [];
  const s = await seconds(async () => {
    for (let i = 0; i < n; i++) {
      await put(`${prefix}${i}`);
      got.push(await get(`${prefix}${i}`));
    }
  });
  return { seconds: s, mismatches: got.filter((g) => !same(g)).length };
};

/**
 * Reads `body` to its end, checking every byte against the seeded source (the block of `seed` repeated) at its offset,
 * without a copy of the source in the page; returns seconds.
 */
async function readChecked(body, { seed, size }) {
  const block = await seededBlock(seed);
  const t0 = performance.now();
  let offset = 0;
  for await (const chunk of body) {
    for (let i = 0, at = offset % block.length; i < chunk.length; i++, at = at + 1 === block.length ? 0 : at + 1)
      if (chunk[i] !== block[at]) throw new Error(`byte ${offset + i} differs from the source`);
    offset += chunk.length;
  }
  if (offset !== size) throw new Error(`read ${offset} bytes of ${size}`);
  return (performance.now() - t0) / 1000;
}

/** The object as the page's `<video>` would get it: a fetch of the decrypting Service Worker's URL. */
window.streamThroughWorker = async ({ key, seed, size }) => {
  const res = await fetch(worker.objectUrl(key));
  if (!res.ok) throw new Error(`the worker answered ${res.status}: ${await res.text()}`);
  return readChecked(res.body, { seed, size });
};

/** The same object read by the page's own client (getStream, the same engine code in the page). */
window.streamInPage = async ({ key, seed, size }) => readChecked((await encrypted.getStream(key)).body, { seed, size });
