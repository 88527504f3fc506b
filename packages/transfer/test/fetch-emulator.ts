// An emulator for the fetch transport's suite (Node side): a bucket with a CORS rule for any origin, fault
// injection (directly in Node, through a loopback relay for Chromium), and the credentials the suite needs:
// account keys, STS credentials, STS credentials whose policy allows one prefix only, STS credentials that
// expire after a second, and an endpoint where nothing listens.
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { startEmulator, type Emulator } from '@oss-cse/emulator';
import type { FaultRule, FetchSuiteTarget } from './support/fetch-transport-suite.js';

/** A loopback port that refuses connections (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export const LIMITED_PREFIX = 'fetch-suite/allowed/';

/**
 * Starts the emulator and vends the suite's credentials.
 *
 * @example
 * ```ts
 * const { emulator, target } = await startFetchSuiteEmulator();
 * ```
 */
export async function startFetchSuiteEmulator(): Promise<{ emulator: Emulator; target: FetchSuiteTarget }> {
  const emulator = await startEmulator({ port: 0, corsOrigins: ['*'], minStsDurationSeconds: 1 });
  const bucket = emulator.buckets[0]!;
  const vend = async (options: Parameters<Emulator['sts']['assumeRole']>[0]) => {
    const { Credentials: c } = await emulator.sts.assumeRole({
      roleArn: 'acs:ram::1:role/fetch-suite',
      roleSessionName: 'fetch-suite',
      ...options,
    });
    return {
      accessKeyId: c.AccessKeyId,
      accessKeySecret: c.AccessKeySecret,
      securityToken: c.SecurityToken,
      expiration: c.Expiration,
    };
  };
  const target: FetchSuiteTarget = {
    ossEndpoint: emulator.ossEndpoint,
    region: emulator.region,
    bucket,
    account: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    sts: await vend({ durationSeconds: 3600 }),
    limited: {
      prefix: LIMITED_PREFIX,
      credentials: await vend({
        durationSeconds: 3600,
        policy: {
          Version: '1',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['oss:PutObject', 'oss:GetObject'],
              Resource: [`acs:oss:*:*:${bucket}/${LIMITED_PREFIX}*`],
            },
          ],
        },
      }),
    },
    expiring: await vend({ durationSeconds: 1 }),
    refusedEndpoint: `http://127.0.0.1:${await closedPort()}`,
  };
  return { emulator, target };
}

/**
 * A loopback endpoint through which the Chromium suite adds fault rules to `emulator` (the emulator's own admin
 * routes refuse requests from web pages). It accepts only rules scoped to a `fetch-suite/` key prefix.
 *
 * @example
 * ```ts
 * const relay = await startFaultRelay(emulator); // POST relay.url with a rule as JSON
 * ```
 */
export async function startFaultRelay(emulator: Emulator): Promise<{ url: string; close(): Promise<void> }> {
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type',
  };
  const server = createHttpServer((req, res) => {
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const rule = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FaultRule;
        if (req.method !== 'POST' || typeof rule.keyPrefix !== 'string' || !rule.keyPrefix.startsWith('fetch-suite/'))
          throw new Error('a rule scoped to fetch-suite/');
        const id = emulator.faults.add(rule as Parameters<Emulator['faults']['add']>[0]);
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ id }));
      } catch (e) {
        res.writeHead(400, cors).end(e instanceof Error ? e.message : 'bad rule');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/faults`, close: () => new Promise((done) => server.close(() => done())) };
}
