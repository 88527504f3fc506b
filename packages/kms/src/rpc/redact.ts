// What of a KMS/STS error answer may be shown: the gateway's free text can echo request parameters (on
// SignatureDoesNotMatch it echoes its whole string to sign: Plaintext, EncryptionContext, SecurityToken, …).
import { percentEncode } from './percent-encode.js';

/** Longest gateway message kept. */
const MAX_MESSAGE = 200;
/** Shorter sent values are not searched for (they would blank ordinary words); the cut at ':' still applies. */
const MIN_SCRUBBED = 4;
/** Parameters whose values are protocol constants, never secrets. */
const CONSTANT_PARAMS = new Set(['Action', 'Version', 'Format', 'SignatureMethod', 'SignatureVersion']);

const CODE = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The values one request sends that must never be shown: every action parameter (and the values inside an
 * `EncryptionContext` map), `SecurityToken`, the secret. Give them to {@link redactGatewayMessage}.
 *
 * @example
 * ```ts
 * const hidden = sensitiveValues({ Plaintext: key, EncryptionContext: ctx }, credentials);
 * ```
 */
export function sensitiveValues(
  params: Readonly<Record<string, string>>,
  credentials: { readonly accessKeySecret: string; readonly securityToken?: string | undefined },
): string[] {
  const values = [credentials.accessKeySecret, credentials.securityToken ?? ''];
  for (const [name, value] of Object.entries(params)) {
    if (CONSTANT_PARAMS.has(name)) continue;
    values.push(value);
    if (name === 'EncryptionContext') values.push(...contextValues(value));
  }
  return values.filter((v) => v.length >= MIN_SCRUBBED);
}

function contextValues(context: string): string[] {
  try {
    const map: unknown = JSON.parse(context);
    return map && typeof map === 'object' ? Object.values(map).filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The gateway's `Message` made safe to show. Rule: keep only its first sentence, the text before the first
 * `.`, `:` or line break (POP messages state the problem first; what follows, such as "server string to sign
 * is:<every parameter>", is dropped whole), at most 200 characters; then blank (`***`) any sent value that
 * still occurs in it, raw, JSON-escaped or percent-encoded once or twice. Undefined when nothing is left.
 *
 * @example
 * ```ts
 * redactGatewayMessage('Specified signature is not matched with our calculation. server string to sign is:POST&%2F&…',
 * []);
 * // 'Specified signature is not matched with our calculation.'
 * ```
 */
export function redactGatewayMessage(message: string | undefined, hidden: readonly string[]): string | undefined {
  if (message === undefined) return undefined;
  let text = /^[^.:\r\n]*\.?/.exec(message)![0].slice(0, MAX_MESSAGE);
  for (const value of hidden) {
    for (const form of [
      value,
      JSON.stringify(value).slice(1, -1),
      percentEncode(value),
      percentEncode(percentEncode(value)),
    ]) {
      text = text.split(form).join('***');
    }
  }
  text = text.trim();
  return text === '' || text === '.' ? undefined : text;
}

/** KMS's `Code` when it has the shape of one (`Rejected.Disabled`), else undefined. */
export function safeCode(code: string | undefined): string | undefined {
  return code !== undefined && CODE.test(code) ? code : undefined;
}

/** A `RequestId` when it has the shape of one (a UUID), else undefined. */
export function safeRequestId(id: string | undefined): string | undefined {
  return id !== undefined && REQUEST_ID.test(id) ? id : undefined;
}
