// Turns a KMS/STS HTTP answer into its JSON body or a KmsError carrying Code, a redacted Message, RequestId and
// status. The raw body never leaves this function: gateway messages can echo what the request sent.
import { KmsError } from '../errors.js';
import { redactGatewayMessage, safeCode, safeRequestId } from './redact.js';

function field(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = body[n];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

export interface ReadRpcResponseOptions {
  readonly action: string;
  /** Product name for messages (`KMS`, `STS`). */
  readonly product: string;
  /** What the request sent that must not be shown (`sensitiveValues`): blanked in the gateway's message. */
  readonly hidden?: readonly string[];
}

/**
 * Reads a response: the parsed JSON object for 2xx, otherwise a `rejected` {@link KmsError} whose message is
 * the gateway's code and its redacted message (`redactGatewayMessage`), never the raw body.
 * @throws KmsError `bad-response` when a 2xx body is not a JSON object.
 *
 * @example
 * ```ts
 * const body = await readRpcResponse(response, { action: 'Decrypt', product: 'KMS', hidden: sensitiveValues(params,
 * credentials) });
 * ```
 */
export async function readRpcResponse(
  response: Response,
  options: ReadRpcResponseOptions,
): Promise<Record<string, unknown>> {
  const { action, product } = options;
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const headerRequestId = safeRequestId(response.headers.get('x-acs-request-id') ?? undefined);
  if (response.ok) {
    if (body) return body;
    throw new KmsError(`${product} ${action}: HTTP ${response.status} with a body that is not a JSON object`, {
      reason: 'bad-response',
      action,
      httpStatus: response.status,
      requestId: headerRequestId,
    });
  }
  const kmsCode = safeCode(body ? field(body, 'Code', 'code') : undefined);
  const kmsMessage = redactGatewayMessage(body ? field(body, 'Message', 'message') : undefined, options.hidden ?? []);
  const requestId = safeRequestId(body ? field(body, 'RequestId', 'requestId') : undefined) ?? headerRequestId;
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
      requestId: safeRequestId(typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined),
    });
  }
  return v;
}
