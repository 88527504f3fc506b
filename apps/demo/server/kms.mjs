// KMS for the demo backend: the RAM statement a page token needs for one KMS key, and the relay that forwards
// the page's V1-signed KMS requests (KMS answers no CORS). The relay holds no secret; the page signs with its
// STS token, and KMS checks that token's policy.
import { kmsRelayMiddleware } from '@oss-cse/kms/relay';

/** Mount path of the relay on the demo backend. */
export const KMS_RELAY_PATH = '/kms-relay';

/** The KMS actions the page needs: GenerateDataKey + Encrypt (oss2 layout writes), Encrypt (sdk), Decrypt (reads). */
export const KMS_ACTIONS = ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'];

/**
 * @typedef {object} DemoKmsConfig
 * @property {string} keyId the KMS key the page writes with (key id or alias)
 * @property {string} keyArn `acs:kms:<region>:<uid>:key/<key-id>`: the resource the token's policy allows
 * @property {string} target KMS endpoint the relay forwards to (the emulator's `/kms/`, or `https://kms.<region>.aliyuncs.com/`)
 * @property {string} [relayUrl] public URL of the relay when it is not reached at the backend's own address
 */

/** @param {string} keyArn */
export function kmsPolicyStatement(keyArn) {
  return { Effect: 'Allow', Action: [...KMS_ACTIONS], Resource: [keyArn] };
}

/**
 * The relay as middleware: `handle(req, res)` answers and returns true for requests under {@link KMS_RELAY_PATH}.
 * @param {DemoKmsConfig} config
 * @param {readonly string[]} allowedOrigins page origins allowed to use the relay (the backend's page origins)
 */
export function demoKmsRelay(config, allowedOrigins) {
  const middleware = kmsRelayMiddleware({ target: config.target, allowedOrigins, path: KMS_RELAY_PATH });
  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  return (req, res) => {
    let passed = false;
    middleware(req, res, (err) => {
      passed = true;
      if (err && !res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('KMS relay failed');
    });
    return !passed;
  };
}
