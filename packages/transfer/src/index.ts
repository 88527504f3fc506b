/**
 * @oss-cse/transfer: the transfer engine every oss-cse runtime shares. Runtime packages (@oss-cse/node,
 * @oss-cse/browser) only adapt it: part sources, a cipher runner, a resume store and a transport.
 */
export type {
  GetRequest, GetResponse, ListPage, ListRequest, MultipartUploadSummary, ObjectSummary, ObjectTransport, PartReference,
  RequestBody, RequestContext, ResponseHeaders, UploadedPart, WriteResult,
} from './transport/object-transport.js';
export { ossError, networkError, isRetryable, type OssAnswer, type TransportErrorDetails } from './errors/oss-errors.js';
