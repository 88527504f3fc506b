// The client API every runtime package re-exports as it is (`export * from '@oss-cse/transfer/client-api'`): the
// verbs' options and results, the adapters' seams, the defaults and the engine's own transports and sinks. Runtime
// packages add only their adapters and conveniences.
export {
  createFetchTransport, blobSink, EncryptedMultipartUpload, DEFAULT_PART_SIZE, DEFAULT_CONCURRENCY, DEFAULT_MULTIPART_THRESHOLD,
  DEFAULT_TIMEOUT_MS, DEFAULT_RETRY,
  type ClientOptions, type ConnectionOptions, type CredentialsOption, type PutOptions, type PutResult, type GetOptions, type GetResult,
  type GetStreamOptions, type ReturnedRange, type UploadOptions, type UploadCallOptions, type UploadResult, type UploadSource,
  type DownloadOptions, type DownloadResult, type DownloadSink, type BlobSink, type ListOptions, type ListedObject, type ListedPrefix,
  type ObjectInfo, type RewrapOptions, type RewrapResult, type TransferProgress, type ProgressListener, type PartEvent, type RetryEvent,
  type ResumeRecord, type UploadRecord, type DownloadRecord, type ResumeStore, type ObjectTransport, type FetchTransportOptions,
  type PartSource, type SourceIdentity, type CompletedPart, type CompleteResult,
} from './index.js';
export {
  OssCseError, isOssCseError, staticCredentials, refreshingCredentials,
  type OssCseErrorCode, type Credentials, type CredentialsProvider, type RefreshingCredentialsOptions, type RetryOptions,
} from '@oss-cse/core';
