/**
 * @oss-cse/browser: client-side-encrypted Alibaba Cloud OSS from the browser. The engine's client (@oss-cse/transfer:
 * the same verbs, options, results and error codes as @oss-cse/node) with the browser's adapters: encryption in a
 * Web Worker, ali-oss's browser build over XHR (or the engine's fetch transport), resume records in IndexedDB; and
 * the browser's conveniences: Blobs, object URLs, the stored ciphertext and a CORS check.
 *
 * @module @oss-cse/browser
 */
export {
  createClient,
  BrowserClient,
  type BrowserClientOptions,
  type BlobDownloadOptions,
} from './client/browser-client.js';
export { type ShareLink, type ShareOptions } from './share/create-share.js';
export { decodeShareFragment, encodeShareFragment, type SharedObject } from './share/share-fragment.js';
export { mountShareViewer, type ShareViewer, type ShareViewerOptions } from './share/viewer.js';
export { sharedObjectReader, type SharedReaderOptions } from './share/shared-reader.js';
export {
  registerDecryptingServiceWorker,
  type DecryptingServiceWorker,
  type RegisterDecryptingServiceWorkerOptions,
  type ServedBucket,
} from './service-worker/register.js';
export { objectPath, sharedPath } from './service-worker/routes.js';
export { createAliOssTransport } from './transport/ali-oss-transport.js';
export { workerCipherRunner } from './worker/worker-runner.js';
export { defaultWorkerFactory, type WorkerFactory } from './worker/worker-channel.js';
export { indexedDbResumeStore } from './resume/indexeddb-resume-store.js';
export {
  checkCors,
  REQUIRED_ALLOWED_HEADERS,
  REQUIRED_EXPOSE_HEADERS,
  REQUIRED_METHODS,
  type CheckCorsOptions,
  type CorsReport,
} from './cors/check-cors.js';
export {
  generateNonExtractableKey,
  generatePemKey,
  importPemKey,
  saveKeyPair,
  loadKeyPair,
  deleteKeyPair,
  type NonExtractableKeyPair,
} from './keys/browser-keys.js';

// The engine's client API, as every runtime has it (the same list as @oss-cse/node's).
export * from '@oss-cse/transfer/client-api';
