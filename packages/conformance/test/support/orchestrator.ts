// The Node side: ONE emulator for every runtime, the objects Node writes before any runtime reads them, the
// signed requests and fault object of each runtime's input, the STS vending endpoint, and the runner bundle (built
// once, on first use).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptObject, type Credentials } from '@oss-cse/core';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import { createClient, type TransferClient } from '@oss-cse/transfer';
import { pathStyleUrlPath, signRequestV1 } from '@oss-cse/emulator/testing';
import { rawRequest, responseCode } from '../../../emulator/test/support/raw-request.js';
import type { ConformanceInput, SignedRequest } from '../../src/context.js';
import type { RuntimeName } from '../../src/env.js';
import { oss2MasterKey, patternBytes } from '../../src/suite/fixtures.js';
import { FAULT_OBJECT, NODE_OBJECTS } from '../../src/suite/from-node.js';
import { THREE_PARTS } from '../../src/suite/transfer/cross-runtime.js';
import { bundleRunners, type Bundle } from './bundle.js';
import { startVending } from './vending.js';

/** Origins of the pages Chromium runs the suite in (a static server on a free loopback port). */
export const PAGE_ORIGINS = ['http://127.0.0.1:*'];

const BUCKET = 'conformance';

export interface Orchestrator {
  /** The runner bundle, built on first use. */
  bundle(): Promise<Bundle>;
  /** Writes the runtime's fault object and signs fresh requests for it. */
  inputFor(runtime: RuntimeName): Promise<ConformanceInput>;
  /** GETs an object with the account key (to check what a runtime wrote). */
  readObject(key: string): Promise<{ headers: Headers; body: Uint8Array }>;
  /** The engine's client in Node (fetch transport) with the account key and the oss2 PKCS#1 master key. */
  client(): Promise<TransferClient>;
  close(): Promise<void>;
}

export async function startOrchestrator(): Promise<Orchestrator> {
  const emulator = await startEmulator({ port: 0, admin: true, buckets: [BUCKET], corsOrigins: PAGE_ORIGINS });
  const workDir = mkdtempSync(join(tmpdir(), 'oss-cse-conformance-'));
  let bundle: Promise<Bundle> | undefined;
  const client = async () =>
    createClient({
      keyring: await oss2MasterKey(),
      bucket: BUCKET,
      region: emulator.region,
      endpoint: emulator.ossEndpoint,
      credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
      partSize: THREE_PARTS.partSize,
    });
  const vending = await startVending(
    (runtime) => runtimeCredentials(emulator, runtime, runtimePrefix(runtime)),
    PAGE_ORIGINS,
  );
  try {
    for (const spec of NODE_OBJECTS) {
      const key = await oss2MasterKey({ oaep: spec.wrap === 'oaep' });
      const { headers, ciphertext } = await encryptObject({
        keyring: key,
        plaintext: patternBytes(spec.size, spec.seed),
        computeMd5: true,
      });
      await put(emulator, nodeObjectKey(spec.id), ciphertext, headers);
    }
    await (await client()).upload(nodeObjectKey(THREE_PARTS.id), patternBytes(THREE_PARTS.size, THREE_PARTS.seed));
  } catch (e) {
    await vending.close();
    await emulator.close();
    throw e;
  }
  return {
    client,
    bundle: () => (bundle ??= bundleRunners(join(workDir, 'bundle'))),
    async inputFor(runtime) {
      const faultKey = `conformance/${runtime}/fault.bin`;
      const { headers, ciphertext } = await encryptObject({
        keyring: await oss2MasterKey(),
        plaintext: patternBytes(FAULT_OBJECT.size, FAULT_OBJECT.seed),
        computeMd5: false,
      });
      await put(emulator, faultKey, ciphertext, headers);
      const prefix = runtimePrefix(runtime);
      return {
        runtime,
        emulator: { endpoint: emulator.ossEndpoint, region: emulator.region, bucket: BUCKET },
        sts: { ...(await runtimeSts(emulator, runtime, prefix)), vendUrl: vending.urlFor(runtime) },
        nodeObjects: Object.fromEntries(
          [...NODE_OBJECTS, THREE_PARTS].map(({ id }) => {
            const key = nodeObjectKey(id);
            return [id, { key, get: signedGet(emulator, key) }];
          }),
        ),
        faultObject: { key: faultKey, get: signedGet(emulator, faultKey) },
      };
    },
    async readObject(key) {
      const res = await rawRequest(emulator, { method: 'GET', bucket: BUCKET, key });
      if (res.status !== 200) throw new Error(`GET ${key} answered ${res.status} ${await responseCode(res)}`);
      return { headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
    },
    async close() {
      await vending.close();
      await emulator.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** The prefix a runtime's STS credentials may write under. */
export const runtimePrefix = (runtime: RuntimeName) => `conformance/${runtime}/`;

const nodeObjectKey = (id: string) => `${NODE_PREFIX}${id}`;
const NODE_PREFIX = 'conformance/from-node/';

/** A runtime's STS credentials, and credentials of the same policy that the emulator expired at once. */
async function runtimeSts(
  emulator: Emulator,
  runtime: RuntimeName,
  prefix: string,
): Promise<Omit<ConformanceInput['sts'], 'vendUrl'>> {
  const expired = await runtimeCredentials(emulator, runtime, prefix);
  await emulator.sts.expireAllNow();
  return { prefix, credentials: await runtimeCredentials(emulator, runtime, prefix), expired };
}

/**
 * STS credentials (one hour) for a runtime: objects and multipart uploads under its own prefix, reading Node's
 * objects, listing the bucket's objects and multipart uploads.
 */
async function runtimeCredentials(emulator: Emulator, runtime: RuntimeName, prefix: string): Promise<Credentials> {
  const { Credentials: c } = await emulator.sts.assumeRole({
    roleArn: 'acs:ram::1:role/conformance',
    roleSessionName: runtime,
    durationSeconds: 3600,
    policy: {
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['oss:PutObject', 'oss:GetObject', 'oss:DeleteObject', 'oss:AbortMultipartUpload', 'oss:ListParts'],
          Resource: [`acs:oss:*:*:${BUCKET}/${prefix}*`],
        },
        { Effect: 'Allow', Action: ['oss:GetObject'], Resource: [`acs:oss:*:*:${BUCKET}/${NODE_PREFIX}*`] },
        {
          Effect: 'Allow',
          Action: ['oss:ListObjects', 'oss:ListMultipartUploads'],
          Resource: [`acs:oss:*:*:${BUCKET}`],
        },
      ],
    },
  });
  return {
    accessKeyId: c.AccessKeyId,
    accessKeySecret: c.AccessKeySecret,
    securityToken: c.SecurityToken,
    expiration: c.Expiration,
  };
}

async function put(emulator: Emulator, key: string, body: Uint8Array, headers: Record<string, string>): Promise<void> {
  const res = await rawRequest(emulator, {
    method: 'PUT',
    bucket: BUCKET,
    key,
    headers,
    body: Buffer.from(body.buffer, body.byteOffset, body.length),
  });
  if (res.status !== 200) throw new Error(`PUT ${key} answered ${res.status} ${await responseCode(res)}`);
}

/** A GET signed now with the account key (V1: a Range header added later stays valid). */
function signedGet(emulator: Emulator, key: string): SignedRequest {
  const headers = signRequestV1({
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    method: 'GET',
    bucket: BUCKET,
    key,
    date: new Date(emulator.clock.now()),
  });
  return { url: `${emulator.ossEndpoint.replace(/\/$/, '')}${pathStyleUrlPath(BUCKET, key)}`, headers };
}
