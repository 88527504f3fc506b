/**
 * @oss-cse/browser/service-worker: what a Service Worker imports to answer `/oss-cse/objects/<key>` and
 * `/oss-cse/shared/<n>/<name>` with plaintext decrypted as it streams (pages link with
 * registerDecryptingServiceWorker from @oss-cse/browser). The ready-made worker is `@oss-cse/browser/sw`.
 *
 * @module @oss-cse/browser/service-worker
 */
export { installDecryptingServiceWorker, type DecryptingWorkerOptions } from './install.js';
export { objectResponse, type ObjectReader, type ObjectResponseOptions } from './object-response.js';
export {
  attachment,
  plaintextAnswer,
  requestedRange,
  unsatisfiableAnswer,
  type PlaintextAnswer,
  type ServedObject,
  type ServedRange,
} from './range-request.js';
export {
  routeOf,
  objectPath,
  sharedPath,
  fileName,
  wantsDownload,
  DEFAULT_BASE,
  type PathOptions,
  type Route,
} from './routes.js';
