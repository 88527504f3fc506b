/**
 * @oss-cse/transfer: the transfer engine every oss-cse runtime shares. Runtime packages (@oss-cse/node,
 * @oss-cse/browser) only adapt it: part sources, a cipher runner, a resume store and a transport.
 *
 * @module @oss-cse/transfer
 */
// The client and its options
export { TransferClient, type InitiateMultipartUploadOptions, type UploadCallOptions } from './client/client.js';
export { createClient, type FetchClientOptions } from './client/create-client.js';
export {
  type ClientOptions,
  type ConnectionOptions,
  type CredentialsOption,
  type RuntimeAdapter,
} from './client/client-options.js';
export type { EngineContext, TransferDefaults, TransferOptions } from './client/context.js';
export {
  DEFAULT_PART_SIZE,
  DEFAULT_CONCURRENCY,
  DEFAULT_MULTIPART_THRESHOLD,
  DEFAULT_STREAM_CHUNK,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_RETRY,
  MAX_CONCURRENCY,
  DEFAULT_MATERIALS_CACHE,
} from './config/defaults.js';
export {
  MaterialsCache,
  MATERIAL_BYTES,
  type MaterialsCacheLimits,
  type MaterialsCacheOptions,
} from './materials/materials-cache.js';
export { materialsCacheKey } from './materials/cache-key.js';
export {
  createMaterialsOpener,
  materialsCacheLimits,
  type MaterialsOpener,
  type MaterialsOpenerOptions,
} from './materials/materials-opener.js';

// Verbs' options and results
export type { PutOptions, PutResult } from './upload/put-object.js';
export type { UploadOptions, UploadResult } from './upload/upload.js';
export type { RewrapOptions, RewrapResult } from './upload/rewrap.js';
export {
  EncryptedMultipartUpload,
  type CompleteResult,
  type CompletedPart,
  type ReadyPart,
} from './upload/encrypted-multipart-upload.js';
export type { GetOptions, GetResult, ReturnedRange } from './download/get-object.js';
export type { GetStreamOptions } from './download/get-stream.js';
export type { DownloadOptions, DownloadResult } from './download/download.js';
export { blobSink, type BlobSink, type DownloadSink } from './download/download-sink.js';
export type { ListOptions, ListedObject, ListedPrefix } from './objects/list-objects.js';
export { requestHeaders, type ObjectInfo, type ObjectHeaderOptions } from './objects/object-info.js';
export type { TransferProgress, ProgressListener, PartEvent } from './progress/progress.js';

// Adapter seams
export type {
  CipherRunner,
  MultipartCipher,
  EncryptedPart,
  EncryptedSingle,
  Plaintext,
  Decipher,
  DecipherOptions,
  DecryptedPiece,
} from './cipher/cipher-runner.js';
export { inlineDecipher } from './cipher/inline-decipher.js';
export {
  inlineCipherRunner,
  sha256Hex,
  type InlineRunnerOptions,
  type Sha256Operation,
} from './cipher/inline-runner.js';
export {
  blobSource,
  bytesSource,
  streamSource,
  ChunkReader,
  type PartSource,
  type SourceIdentity,
} from './source/part-source.js';
export { toPartSource, isPartSource, type UploadSource } from './source/upload-source.js';
export { checkRecord, memoryResumeStore, type ResumeStore } from './resume/resume-store.js';
export {
  RECORD_VERSION,
  recordId,
  type DownloadRecord,
  type ResumeRecord,
  type SentPart,
  type UploadRecord,
} from './resume/records.js';
export { send, type RetryEvent, type SendContext, type SendOptions } from './request/send.js';
export { contentLength, readBody } from './download/read-body.js';

// Transports
export type {
  GetRequest,
  GetResponse,
  ListPage,
  ListRequest,
  MultipartUploadSummary,
  ObjectSummary,
  ObjectTransport,
  PartReference,
  RequestBody,
  RequestContext,
  ResponseHeaders,
  UploadedPart,
  WriteResult,
} from './transport/object-transport.js';
export { writeResult, allPages } from './transport/transport-results.js';
export {
  ossError,
  networkError,
  isRetryable,
  headNeedsProbe,
  type OssAnswer,
  type TransportErrorDetails,
} from './errors/oss-errors.js';

// The fetch transport (every runtime with fetch) and its OSS signers.
export {
  createFetchTransport,
  type FetchTransport,
  type FetchTransportOptions,
  type PresignGetOptions,
} from './transport/fetch/fetch-transport.js';
export { presignGetUrl } from './transport/fetch/presign-get.js';
export { createPresignedReadTransport, type PresignedReadOptions } from './transport/fetch/presigned-read-transport.js';
export { createAddressing, type Addressing, type AddressingOptions } from './transport/fetch/addressing.js';
export { resolveConnection, type Connection } from './transport/connection.js';
export { redact } from './transport/fetch/error-answer.js';
export { signV1, presignV1, type V1Signature, type V1Presigned } from './transport/fetch/sign-v1.js';
export {
  signV4,
  presignV4,
  type V4Credentials,
  type V4Options,
  type V4Signature,
  type V4Presigned,
} from './transport/fetch/sign-v4.js';
export { signRequest, type SignatureVersion, type SignRequestInput } from './transport/fetch/sign-request.js';
export type { OssRequestToSign, QueryPairs } from './transport/fetch/signing-request.js';

// The ali-oss transport (Node and browser builds: a runtime supplies the driver) and its error shapes.
export {
  aliOssTransport,
  aliOssOptions,
  type AliOssClient,
  type AliOssDriver,
  type AliResult,
} from './transport/ali-oss/ali-oss-transport.js';
export { aliOssError, type AliOssErrorContext } from './transport/ali-oss/ali-oss-errors.js';
export { existingAliOssSettings, type ExistingAliOssSettings } from './transport/ali-oss/existing-client.js';
export * from './batch/index.js';
