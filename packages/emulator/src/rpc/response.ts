import { randomUUID } from 'node:crypto';
import type { RpcResponse } from '../shared/contracts.js';
import type { RpcError } from './errors.js';

/** Where an RPC service says it is, for error bodies (`HostId`, `Recommend`). */
export interface ServiceIdentity {
  hostId: string;
  /** Product name as in the troubleshoot link, e.g. `Kms`, `Sts`. */
  product: string;
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

export function jsonResponse(status: number, body: object, requestId: string): RpcResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId },
    body: JSON.stringify(body),
  };
}

/** `{RequestId, HostId, Code, Message, Recommend}` with the error's HTTP status. */
export function errorResponse(error: RpcError, service: ServiceIdentity, requestId: string): RpcResponse {
  const recommend = `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${service.product}&requestId=${requestId}`;
  return jsonResponse(
    error.status,
    { RequestId: requestId, HostId: service.hostId, Code: error.code, Message: error.message, Recommend: recommend },
    requestId,
  );
}
