import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from '../auth/authenticate.js';
import { corsResponseHeaders, evaluatePreflight } from '../cors/evaluate.js';
import { OssErrors } from '../errors/catalog.js';
import { isOssError, type OssError } from '../errors/oss-error.js';
import type { FaultController } from '../faults/controller.js';
import { resolveOperation } from '../oss/operations.js';
import { validateObjectKey } from '../oss/rules/names.js';
import { releaseBody, type OssContext, type OssRequest, type OssResult } from '../oss/types.js';
import type { Account } from '../shared/contracts.js';
import type { AdjustableClock } from '../shared/clock.js';
import { httpDate } from '../shared/time-format.js';
import type { Catalog } from '../storage/catalog.js';
import { hostnameOf, resolveTarget } from './addressing.js';
import { authorizePrincipal, ossConditionContext, ossResourceArn, type PolicyEvaluator } from './authorize.js';
import { resetAfter } from './body-limit.js';
import { createCredentialResolver, type TokenChecker } from './credentials.js';
import { writeError, writeResult } from './respond.js';

export interface OssGatewayOptions {
  catalog: Catalog;
  clock: AdjustableClock;
  region: string;
  ownerId: string;
  account: Account;
  sts?: TokenChecker;
  policyAllows: PolicyEvaluator;
  faults: FaultController;
  /** Host names that address the service itself (path style); `<bucket>.<name>` is virtual-hosted. */
  serviceHosts: string[];
  /** Called with unexpected (non-OSS) errors. */
  onInternalError?: (err: unknown) => void;
}

export type OssGateway = (
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  requestId: string,
) => Promise<void>;

export function createOssGateway(options: OssGatewayOptions): OssGateway {
  const { catalog, clock, region, ownerId, faults } = options;
  const resolveCredential = createCredentialResolver(options.account, options.sts);
  const authorize = (req: OssRequest, action: string, bucket: string, key?: string): void =>
    authorizePrincipal(
      req.principal,
      action,
      ossResourceArn(region, ownerId, bucket, key),
      options.policyAllows,
      ossConditionContext(action, req.query),
    );
  const ctx: OssContext = { catalog, clock, region, ownerId, authorize };

  return async (req, res, headers, requestId) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const isHead = method === 'HEAD';
    const target = resolveTarget(req.url ?? '/', headers.host, options.serviceHosts);
    const hostname = hostnameOf(headers.host) || 'localhost';
    const hostId = target.bucket !== undefined && !target.virtualHosted ? `${target.bucket}.${hostname}` : hostname;
    const baseHeaders: Record<string, string> = {
      'x-oss-request-id': requestId,
      Date: httpDate(clock.now()),
      Server: 'AliyunOSS',
    };
    const bucketRecord = target.bucket !== undefined ? catalog.getBucket(target.bucket) : undefined;
    let result: OssResult | undefined;
    try {
      if (method === 'OPTIONS') {
        if (target.bucket === undefined) throw OssErrors.methodNotAllowed(method);
        if (!bucketRecord) throw OssErrors.noSuchBucket(target.bucket);
        const cors = evaluatePreflight(
          bucketRecord.cors,
          headers.origin,
          headers['access-control-request-method'],
          headers['access-control-request-headers'],
        );
        await writeResult(res, { status: 200, headers: cors }, { isHead: false, baseHeaders });
        return;
      }
      Object.assign(baseHeaders, corsResponseHeaders(bucketRecord?.cors, headers.origin, method));
      const operation = resolveOperation(method, target.bucket, target.key, target.query, headers);
      const injected = faults.take({
        method,
        operation: operation.name,
        ...(target.bucket !== undefined ? { bucket: target.bucket } : {}),
        ...(target.key !== undefined ? { key: target.key } : {}),
        ...(target.query.has('partNumber') ? { partNumber: Number(target.query.get('partNumber')) } : {}),
      });
      if (injected.delayMs > 0) await sleep(injected.delayMs);
      if (injected.fail) throw OssErrors.injected(injected.fail.code, injected.fail.status, injected.fail.message);
      if (target.key !== undefined) validateObjectKey(target.key);
      const signed = {
        method,
        query: target.query,
        headers,
        ...(target.bucket !== undefined ? { bucket: target.bucket } : {}),
        ...(target.key !== undefined ? { key: target.key } : {}),
      };
      const principal = authenticate(signed, { clock, region, resolveCredential });
      const uploadsBody = method === 'PUT' || method === 'POST';
      const source = unreadRestKept(req);
      const body =
        injected.resetAfterBytes !== undefined && uploadsBody
          ? resetAfter(source, injected.resetAfterBytes, req.socket)
          : source;
      const ossRequest: OssRequest = { ...signed, requestId, body, principal };
      if (target.bucket !== undefined) authorize(ossRequest, operation.action, target.bucket, target.key);
      else
        authorizePrincipal(
          principal,
          operation.action,
          ossResourceArn(region, ownerId, undefined, undefined),
          options.policyAllows,
        );
      result = await operation.handler(ossRequest, ctx);
      await writeResult(res, result, {
        isHead,
        baseHeaders,
        ...(injected.resetAfterBytes !== undefined && !uploadsBody
          ? { resetAfterBytes: injected.resetAfterBytes }
          : {}),
      });
    } catch (err) {
      if (req.socket?.destroyed) return;
      let ossError: OssError;
      if (isOssError(err)) ossError = err;
      else {
        options.onInternalError?.(err);
        ossError = OssErrors.internalError();
      }
      writeError(res, ossError, { isHead, requestId, hostId, baseHeaders });
    } finally {
      // A body that was not streamed to its end (HEAD, a failed write, a dropped connection) unpins its blobs.
      await releaseBody(result?.body);
      // A request body refused half-way (InsufficientStorage, EntityTooLarge, ...) is read to its end and
      // dropped, so that the connection can carry the next request.
      if (!req.readableEnded && !req.destroyed) req.resume();
    }
  };
}

/**
 * The request body for handlers. A handler that stops reading early leaves the request intact (a plain
 * `for await` over `req` would destroy it, and with it the parser's way to skip the rest of the body: the
 * connection would hang), so the gateway can drain it after answering.
 */
function unreadRestKept(req: IncomingMessage): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => req.iterator({ destroyOnReturn: false }) as AsyncIterator<Uint8Array> };
}
