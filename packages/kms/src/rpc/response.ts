// Turns a KMS/STS HTTP answer into its JSON body or a KmsError carrying Code, Message, RequestId and status.
import { KmsError } from '../errors.js';

function field(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = body[n];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/**
 * Reads a response: the parsed JSON object for 2xx, otherwise a `rejected` {@link KmsError}.
 * @throws KmsError `bad-response` when a 2xx body is not a JSON object.
 *
 * @example
 * ```ts
 * const body = await readRpcResponse(response, 'Decrypt', 'KMS');
 * ```
 */
export async function readRpcResponse(response: Response, action: string, product: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const headerRequestId = response.headers.get('x-acs-request-id') ?? undefined;
  if (response.ok) {
    if (body) return body;
    throw new KmsError(`${product} ${action}: HTTP ${response.status} with a body that is not a JSON object`, {
      reason: 'bad-response',
      action,
      httpStatus: response.status,
      requestId: headerRequestId,
    });
  }
  const kmsCode = body ? field(body, 'Code', 'code') : undefined;
  const kmsMessage = body ? field(body, 'Message', 'message') : undefined;
  const requestId = (body ? field(body, 'RequestId', 'requestId') : undefined) ?? headerRequestId;
  const what = kmsCode ? `${kmsCode}${kmsMessage ? `: ${kmsMessage}` : ''}` : `HTTP ${response.status}`;
  throw new KmsError(`${product} ${action} failed (${what})${requestId ? ` [RequestId ${requestId}]` : ''}`, {
    reason: 'rejected',
    action,
    kmsCode,
    kmsMessage,
    requestId,
    httpStatus: response.status,
  });
}

/**
 * The string field `name` of a successful response.
 * @throws KmsError `bad-response` when it is missing.
 *
 * @example
 * ```ts
 * const blob = requireString(body, 'CiphertextBlob', 'Encrypt');
 * ```
 */
export function requireString(body: Record<string, unknown>, name: string, action: string): string {
  const v = body[name];
  if (typeof v !== 'string') {
    throw new KmsError(`KMS ${action}: the response has no "${name}" string`, {
      reason: 'bad-response',
      action,
      requestId: typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined,
    });
  }
  return v;
}
