/**
 * @oss-cse/browser: client-side-encrypted uploads and downloads for Alibaba Cloud OSS from the browser. Files are
 * encrypted in a Web Worker (official V2 format, via @oss-cse/core) before any byte leaves the page and sent
 * through ali-oss's browser build with short-lived STS credentials.
 */
export { createClient, BrowserClient, type ClientOptions } from './client.js';
export type { UploadOptions, UploadResult } from './upload/options.js';
export { DEFAULT_PART_SIZE, DEFAULT_CONCURRENCY } from './upload/options.js';
export type { UploadProgress, PartEvent, ProgressListener } from './upload/progress.js';
export type { DownloadOptions, ObjectInfo } from './download/download.js';
export { DEFAULT_DOWNLOAD_CHUNK } from './download/download.js';
export type { CorsReport, CheckCorsOptions } from './cors/check-cors.js';
export { REQUIRED_ALLOWED_HEADERS, REQUIRED_EXPOSE_HEADERS, REQUIRED_METHODS } from './cors/check-cors.js';
export {
  credentialsProvider,
  type Credentials, type CredentialsSource, type CredentialsProvider, type CredentialsProviderOptions,
} from './credentials/credentials.js';
export { UploadStore, type PendingUpload, type FinishedPart } from './resume/upload-store.js';
export { fingerprint, sameFingerprint, type FileFingerprint } from './resume/fingerprint.js';
export { AliOssTransport, type AliOssTransportOptions } from './transport/ali-oss-transport.js';
export type * from './transport/transport.js';
export { CryptoWorker, MultipartSession, defaultWorkerFactory, type WorkerFactory } from './worker/crypto-worker.js';
export {
  generateNonExtractableKey, generatePemKey, importPemKey, saveKeyPair, loadKeyPair, deleteKeyPair,
  type NonExtractableKeyPair,
} from './keys/browser-keys.js';
export type { RetryOptions, RetryListener, RetryEvent } from './transfer/retry.js';
export { OssCseError, isOssCseError, STALE_CREDENTIAL_CODES, type OssCseErrorCode } from './errors.js';
