import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { defaultCorsConfiguration } from './cors/evaluate.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_BUCKET, DEFAULT_REGION } from './defaults.js';
import { createFaultController, type FaultController } from './faults/controller.js';
import { createKmsService, type KmsService } from './kms/index.js';
import { checkListenHost } from './listen-host.js';
import { validateBucketName } from './oss/rules/names.js';
import { createHttpServer, type RequestLogEntry } from './server/http-server.js';
import { createOssGateway } from './server/oss-gateway.js';
import { createClock, type AdjustableClock } from './shared/clock.js';
import type { Account } from './shared/contracts.js';
import { createStsService, policyAllows, type StsService } from './sts/index.js';
import { prepareDataDir } from './storage/data-dir.js';
import { createDiskBlobStore } from './storage/disk-blob-store.js';
import { Catalog } from './storage/catalog.js';
import { createDiskJsonStore, createMemoryJsonStore } from './storage/json-store.js';
import { createMemoryBlobStore, DEFAULT_MAX_MEMORY_BYTES } from './storage/memory-blob-store.js';

export { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEFAULT_BUCKET, DEFAULT_REGION };

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free port. */
  port?: number;
  /**
   * Listen address. Default 127.0.0.1. Anything but a loopback address (127.0.0.0/8, ::1, localhost) needs
   * `accessKeySecret` of your own: with the built-in public one, `startEmulator` throws `ERR_INVALID_ARGUMENT`.
   */
  host?: string;
  /** Directory for persistent state; in-memory when omitted. */
  dataDir?: string;
  /**
   * Memory mode only: most bytes of objects and parts held at once (bodies being received count); a request
   * that would pass it fails with 507 `InsufficientStorage`. Default 2 GiB.
   */
  maxMemoryBytes?: number;
  /** The account AccessKey ID (default {@link DEFAULT_ACCESS_KEY_ID}). */
  accessKeyId?: string;
  /** The account AccessKey secret (default {@link DEFAULT_ACCESS_KEY_SECRET}, public: loopback only). */
  accessKeySecret?: string;
  /** Buckets created at start (kept if they already exist). Default `['oss-cse-dev']`. */
  buckets?: string[];
  /** Bare region id. Default `cn-hangzhou`. */
  region?: string;
  /**
   * Origins of the CORS rule installed on the start-up buckets (methods GET/PUT/POST/DELETE/HEAD, headers `*`, the
   * oss-cse expose list).
   */
  corsOrigins?: string[];
  /** Enable the loopback-only `/__emulator/*` fault-injection routes. Default false. */
  admin?: boolean;
  /** Shortest STS DurationSeconds accepted (real STS: 900). */
  minStsDurationSeconds?: number;
  /** Let KMS answer CORS (real KMS does not). Default false. */
  kmsCors?: boolean;
  /** Receives unexpected server errors (default: console.error). */
  onInternalError?: (err: unknown) => void;
  /** A request's headers must arrive within this time, else 408 and the connection closes. Default 40 s. */
  headersTimeoutMs?: number;
  /**
   * A request whose connection carries no bytes either way for this long is cut off. Default 120 s. There is no
   * limit on a whole request, so slow but steady uploads of any size go through.
   */
  idleTimeoutMs?: number;
  /** Called once per HTTP request when its response ends (method, path and query, headers, status, bytes sent). */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** A running emulator: its endpoints, account, buckets and controls. */
export interface Emulator {
  /** `http://localhost:PORT` (path style with ali-oss `sldEnable: true`; `http://127.0.0.1:PORT` works too). */
  ossEndpoint: string;
  /** `http://localhost:PORT/sts/` (RPC; `/` with an `Action` parameter works too). */
  stsEndpoint: string;
  /** `http://localhost:PORT/kms/` (RPC; `/` with an `Action` parameter works too). */
  kmsEndpoint: string;
  /** The TCP port it listens on. */
  port: number;
  /** The listen address. */
  host: string;
  /** Bare region id (`cn-hangzhou`); ali-oss wants `oss-<region>`. */
  region: string;
  /** The account AccessKey ID. */
  accessKeyId: string;
  /** The account AccessKey secret. */
  accessKeySecret: string;
  /** Buckets created at start. */
  buckets: string[];
  /** Absolute data directory, or undefined in memory mode. */
  dataDir: string | undefined;
  /** Fault injection. */
  faults: FaultController;
  /** The server clock (shift it to test skew). */
  clock: AdjustableClock;
  /** The emulated STS. */
  sts: StsService;
  /** The emulated KMS (create keys with `kms.createKey`). */
  kms: KmsService;
  /** Stops the server. */
  close(): Promise<void>;
}

function endpointHost(host: string): string {
  if (host === '127.0.0.1' || host === '0.0.0.0' || host === 'localhost' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the OSS + STS + KMS emulator on one HTTP port.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@oss-cse/emulator';
 * const emulator = await startEmulator({ port: 0 });
 * console.log(emulator.ossEndpoint, emulator.buckets[0]);
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? DEFAULT_REGION;
  const host = options.host ?? '127.0.0.1';
  const account: Account = {
    accessKeyId: options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? DEFAULT_ACCESS_KEY_SECRET,
  };
  checkListenHost({ host, accessKeySecret: account.accessKeySecret });
  const buckets = options.buckets ?? [DEFAULT_BUCKET];
  buckets.forEach(validateBucketName);
  const dataDir = options.dataDir !== undefined ? resolve(options.dataDir) : undefined;
  const layout = dataDir ? await prepareDataDir(dataDir) : undefined;
  const json = layout ? createDiskJsonStore(layout.meta) : createMemoryJsonStore();
  const blobs = layout
    ? await createDiskBlobStore(layout.blobs)
    : createMemoryBlobStore({ maxBytes: options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES });
  const catalog = await Catalog.open(json.scoped('oss'), blobs);
  const clock = createClock();
  const sts = await createStsService({
    account,
    clock,
    store: json.scoped('sts'),
    ...(options.minStsDurationSeconds !== undefined ? { minDurationSeconds: options.minStsDurationSeconds } : {}),
  });
  const kms = await createKmsService({
    account,
    sts,
    clock,
    store: json.scoped('kms'),
    cors: options.kmsCors ?? false,
    region,
  });
  const faults = createFaultController({ clock, expireStsTokens: () => sts.expireAllNow() });

  for (const name of buckets) {
    const existing = catalog.getBucket(name);
    const cors =
      options.corsOrigins && options.corsOrigins.length > 0 ? defaultCorsConfiguration(options.corsOrigins) : undefined;
    if (!existing) {
      await catalog.saveBucket({
        name,
        createdAt: clock.now(),
        region,
        storageClass: 'Standard',
        acl: 'private',
        ...(cors ? { cors } : {}),
      });
    } else if (cors && !existing.cors) {
      await catalog.saveBucket({ ...existing, cors });
    }
  }

  const onInternalError =
    options.onInternalError ?? ((err: unknown) => console.error('oss-cse-emulator: internal error', err));
  const oss = createOssGateway({
    catalog,
    clock,
    region,
    ownerId: sts.accountUid,
    account,
    sts,
    policyAllows,
    faults,
    serviceHosts: host === '127.0.0.1' || host === '0.0.0.0' ? [] : [host.toLowerCase()],
    onInternalError,
  });
  const server: Server = createHttpServer({
    oss,
    sts,
    kms,
    faults,
    admin: options.admin ?? false,
    onInternalError,
    ...(options.headersTimeoutMs !== undefined ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://${endpointHost(host)}:${port}`;
  let closed: Promise<void> | undefined;
  return {
    ossEndpoint: base,
    stsEndpoint: `${base}/sts/`,
    kmsEndpoint: `${base}/kms/`,
    port,
    host,
    region,
    accessKeyId: account.accessKeyId,
    accessKeySecret: account.accessKeySecret,
    buckets: [...buckets],
    dataDir,
    faults,
    clock,
    sts,
    kms,
    close() {
      closed ??= new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
