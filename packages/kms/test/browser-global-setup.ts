// Global setup of the vitest `browser` project: an emulator (whose KMS, like the real one, sends no CORS
// headers) and two KMS relays in front of it, handed to Chromium tests through `provide`/`inject`.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '@oss-cse/emulator';
import type { TestProject } from 'vitest/node';
import { createKmsRelayHandler } from '../src/relay/index.js';
import './support/relay-fixture.js';

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/;

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ port: 0 });
  const key = await emulator.kms.createKey({ alias: 'alias/browser' });
  const { Credentials } = await emulator.sts.assumeRole({
    roleArn: 'acs:ram::1:role/browser-page',
    roleSessionName: 'chromium',
    policy: {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], Resource: [key.arn] },
      ],
    },
  });
  const relay = createServer(
    createKmsRelayHandler({ target: emulator.kmsEndpoint, allowedOrigins: (o) => LOOPBACK_ORIGIN.test(o) }),
  );
  const foreign = createServer(
    createKmsRelayHandler({ target: emulator.kmsEndpoint, allowedOrigins: ['https://app.example'] }),
  );
  project.provide('kmsRelay', {
    relayUrl: await listen(relay),
    foreignRelayUrl: await listen(foreign),
    directKmsUrl: emulator.kmsEndpoint,
    keyId: key.keyId,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      accessKeySecret: Credentials.AccessKeySecret,
      securityToken: Credentials.SecurityToken,
    },
  });
  return async () => {
    relay.close();
    foreign.close();
    await emulator.close();
  };
}
