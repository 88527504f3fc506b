/**
 * @oss-cse/node: client-side-encrypted Alibaba Cloud OSS from Node. The engine's client (@oss-cse/transfer: the
 * same verbs, options, results and error codes as @oss-cse/browser) with Node's adapters (ali-oss 6.23.0 over
 * keep-alive agents, credentials from the environment, resume records as JSON files, temporary-file spooling) and
 * Node's conveniences: files by path, Node streams, downloads into files. Objects are written in the official V2
 * CSE format (readable by oss2, the Go/Java/C++ SDKs).
 *
 * @module @oss-cse/node
 */
export {
  createClient,
  NodeClient,
  type NodeClientOptions,
  type NodeUploadSource,
  type NodePutData,
  type FileDownloadOptions,
} from './client/node-client.js';
export { createAliOssTransport, type AliOssTransportOptions } from './transport/ali-oss-transport.js';
export { environmentCredentials } from './credentials/environment-credentials.js';
export { jsonFileResumeStore } from './resume/json-file-store.js';
export { fileSource, type FileSourceOptions } from './source/file-source.js';
export { fileSink, type FileSinkOptions } from './files/file-sink.js';
export { localPathOf, type DirectoryOptions, type SyncOptions } from './batch/directory-jobs.js';
export { walkDirectory, type WalkedFile, type WalkOptions } from './batch/walk.js';
export { fileJournal } from './batch/file-journal.js';
export { nodeRsaOaepDecrypt, nodeRsaPrivateOperation, nodeRsaPublicOperation } from './keys/openssl-rsa.js';
export { nodeAesCtr, nodeRawAesCtr } from './keys/openssl-aes.js';
export { nodeSha256 } from './keys/openssl-sha256.js';

// The engine's client API, as every runtime has it.
export * from '@oss-cse/transfer/client-api';
