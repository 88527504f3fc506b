/**
 * @oss-cse/kms/relay (Node only): forwards browsers' V1-signed KMS requests to KMS and adds CORS, because the
 * KMS gateway sends no CORS headers. The relay never sees a secret; each page signs with its own STS token.
 *
 * @module @oss-cse/kms/relay
 */
export { createKmsRelayHandler, type RelayHandler } from './handler.js';
export { kmsRelayMiddleware, kmsRelayVitePlugin, type RelayMiddleware } from './middleware.js';
export { DEFAULT_RELAY_ACTIONS, type KmsRelayOptions } from './options.js';
export { RELAY_ALLOWED_HEADERS } from './cors.js';
