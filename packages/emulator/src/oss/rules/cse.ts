import { OssErrors } from '../../errors/catalog.js';
import type { CseUploadContext, UploadRecord } from '../../storage/records.js';

// Client-side-encryption rules OSS applies to requests carrying `x-oss-meta-client-side-encryption-*`
// headers (docs/format.md §5.4). All violations are 400 InvalidEncryptionRequest with the documented EC.

export const CSE_PREFIX = 'x-oss-meta-client-side-encryption-';
const h = (suffix: string): string => `${CSE_PREFIX}${suffix}`;

export function hasCseHeaders(meta: Record<string, string>): boolean {
  return Object.keys(meta).some((n) => n.startsWith(CSE_PREFIX));
}

const fail = (message: string, ec: string): never => {
  throw OssErrors.invalidEncryptionRequest(message, ec);
};

const isInteger = (value: string): boolean => /^\d+$/.test(value);

function checkCommon(meta: Record<string, string>): void {
  if (meta[h('key')] === undefined) fail('The client-side encryption key header is missing.', '0005-00000401');
  if (meta[h('start')] === undefined) fail('The client-side encryption start header is missing.', '0005-00000402');
  const isRsa = meta[h('wrap-alg')] === 'rsa';
  if (isRsa !== (meta[h('magic-number-hmac')] !== undefined)) {
    fail(
      'The client-side encryption magic-number-hmac header is required if and only if wrap-alg is rsa.',
      '0005-00000405',
    );
  }
  const dataSize = meta[h('data-size')];
  if (dataSize !== undefined && !isInteger(dataSize))
    fail('The client-side encryption data-size header must be an integer.', '0005-00000408');
}

function checkPartSize(meta: Record<string, string>): void {
  const partSize = meta[h('part-size')];
  if (partSize === undefined)
    fail('The client-side encryption part-size header is required for multipart uploads.', '0005-00000407');
  if (!isInteger(partSize as string) || Number(partSize) === 0)
    fail('The client-side encryption part-size header must be a positive integer.', '0005-00000407');
}

/** PutObject. */
export function checkCsePut(meta: Record<string, string>): void {
  if (hasCseHeaders(meta)) checkCommon(meta);
}

/** InitiateMultipartUpload: returns the context to remember for UploadPart/Complete/ListParts. */
export function checkCseInitiate(meta: Record<string, string>): CseUploadContext | undefined {
  if (!hasCseHeaders(meta)) return undefined;
  checkCommon(meta);
  checkPartSize(meta);
  const ctx: CseUploadContext = { key: meta[h('key')] as string, start: meta[h('start')] as string };
  const optional: Array<[keyof CseUploadContext, string]> = [
    ['cekAlg', 'cek-alg'],
    ['wrapAlg', 'wrap-alg'],
    ['dataSize', 'data-size'],
    ['partSize', 'part-size'],
    ['magicNumberHmac', 'magic-number-hmac'],
  ];
  for (const [field, suffix] of optional) {
    const value = meta[h(suffix)];
    if (value !== undefined) ctx[field] = value;
  }
  return ctx;
}

/** UploadPart carrying CSE headers (a part without them, as Java sends, is not checked). */
export function checkCseUploadPart(meta: Record<string, string>, upload: UploadRecord): void {
  if (!hasCseHeaders(meta)) return;
  checkCommon(meta);
  checkPartSize(meta);
  if (upload.cse && meta[h('start')] !== upload.cse.start) {
    fail(
      "The client-side encryption start header of UploadPart must equal InitiateMultipartUpload's.",
      '0005-00000413',
    );
  }
  if (upload.cse && (meta[h('magic-number-hmac')] ?? undefined) !== upload.cse.magicNumberHmac) {
    fail(
      "The client-side encryption magic-number-hmac header of UploadPart must equal InitiateMultipartUpload's.",
      '0005-00000416',
    );
  }
}

/** Complete: at most ceil(data-size / part-size) parts. */
export function checkCseComplete(upload: UploadRecord, partCount: number): void {
  const ctx = upload.cse;
  if (!ctx?.dataSize || !ctx.partSize) return;
  const maxParts = Math.max(1, Math.ceil(Number(ctx.dataSize) / Number(ctx.partSize)));
  if (partCount > maxParts)
    fail('The number of parts exceeds the client-side encryption data-size divided by part-size.', '0005-00000411');
}

/**
 * CopyObject with REPLACE: client-side-encryption metadata is protected. A request that names no CSE header
 * keeps the source's; one that adds, removes or changes any of them is refused.
 */
export function mergeCseOnReplace(
  source: Record<string, string>,
  requested: Record<string, string>,
): Record<string, string> {
  const pick = (meta: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(meta).filter(([n]) => n.startsWith(CSE_PREFIX)));
  const src = pick(source);
  const req = pick(requested);
  if (Object.keys(req).length === 0) return { ...requested, ...src };
  const names = new Set([...Object.keys(src), ...Object.keys(req)]);
  for (const name of names) {
    if (src[name] !== req[name])
      fail('Client-side encryption metadata cannot be modified with CopyObject.', '0005-00000420');
  }
  return requested;
}
