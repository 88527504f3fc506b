/**
 * @oss-cse/node: client-side-encrypted Alibaba Cloud OSS from Node, over ali-oss 6.23.0. Objects are written in
 * the official V2 CSE format (readable by oss2, the Go/Java/C++ SDKs) using @oss-cse/core.
 */
export { createClient, OssCseClient, type ClientOptions } from './client/client.js';
export type { PutOptions, PutResult } from './client/put.js';
export type { GetOptions, GetResult } from './client/get.js';
export type { ObjectInfo } from './client/metadata.js';
export type { ListOptions, ListedObject } from './client/list.js';
export type { UploadOptions, UploadResult, UploadCheckpoint } from './client/upload.js';
export type { DownloadOptions, DownloadResult, DownloadCheckpoint } from './client/download.js';
export type { RewrapOptions, RewrapResult } from './client/rewrap.js';
export { EncryptedMultipartUpload, type CompletedPart, type CompleteResult } from './client/multipart.js';
export type { PutData, UploadSource } from './client/source.js';
export { DEFAULT_TRANSFER_PART_SIZE, DEFAULT_CONCURRENCY, DEFAULT_MULTIPART_THRESHOLD } from './client/context.js';
export {
  staticCredentials, environmentCredentials, refreshingCredentials,
  type Credentials, type CredentialsProvider, type RefreshingCredentials, type RefreshingCredentialsOptions,
} from './credentials/credentials.js';
export { AliOssTransport, type AliOssTransportOptions } from './transport/ali-oss-transport.js';
export type * from './transport/object-transport.js';
export type { TransferProgress, ProgressListener } from './transfer/progress.js';
export type { RetryOptions } from './transfer/retry.js';
export { OssCseError, isOssCseError, type OssCseErrorCode } from '@oss-cse/core';
export { nodeRsaPrivateOperation } from './keys/openssl-rsa.js';
