// What a failed OSS answer says: Code, Message and RequestId from the <Error> body, or, for HEAD (no body), from
// the base64 XML of `x-oss-err`; a bare status when neither is readable (browsers see `x-oss-err` only when the
// bucket's CORS rule exposes it). Nothing of the request (signature, token, query) goes into the result.
import { fromBase64, fromUtf8 } from '@oss-cse/core';
import type { OssAnswer } from '../../errors/oss-errors.js';
import { parseErrorDocument } from './oss-documents.js';

const REDACTED = '[redacted]';

/**
 * `text` with every occurrence of `secrets` (4 characters or more) replaced: OSS does not echo secrets in a
 * Message, and this keeps it so whatever a server says.
 *
 * @example
 * ```ts
 * import { redact } from '@oss-cse/transfer';
 * redact('bad token abcd1234', ['abcd1234']); // 'bad token [redacted]'
 * ```
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s !== undefined && s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}

function headerDocument(response: Response): ReturnType<typeof parseErrorDocument> {
  const encoded = response.headers.get('x-oss-err');
  if (encoded === null) return undefined;
  try {
    return parseErrorDocument(fromUtf8(fromBase64(encoded.trim(), 'x-oss-err')));
  } catch {
    return undefined;
  }
}

async function bodyDocument(response: Response): Promise<ReturnType<typeof parseErrorDocument>> {
  try {
    return parseErrorDocument(await response.text());
  } catch {
    return undefined;
  }
}

/**
 * Reads a failed answer (status outside 2xx) into an {@link OssAnswer} for `ossError`.
 *
 * @example
 * ```ts
 * if (!res.ok) throw ossError(await readErrorAnswer(res, { operation, isHead: false, secrets: [secret, token,
 * authorization] }));
 * ```
 */
export async function readErrorAnswer(
  response: Response,
  options: { readonly operation: string; readonly isHead: boolean; readonly secrets: readonly (string | undefined)[] },
): Promise<OssAnswer> {
  const { operation } = options;
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return {
      operation,
      status: response.status,
      ossMessage: 'the server redirected the request: check the endpoint and the region',
    };
  }
  const doc = options.isHead ? headerDocument(response) : await bodyDocument(response);
  const requestId = doc?.requestId ?? response.headers.get('x-oss-request-id') ?? undefined;
  const message = doc?.message === undefined ? undefined : redact(doc.message, options.secrets);
  return { operation, status: response.status, ossCode: doc?.code, requestId, ossMessage: message };
}
