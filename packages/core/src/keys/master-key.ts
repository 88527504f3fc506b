/**
 * The master-key interface: what the keyring needs from an RSA key pair, a KMS key, or a user's own key.
 * A master key wraps the 32-byte data key (CEK) and the 16-byte IV separately, each into bytes that the
 * format layer stores as standard base64 in `x-oss-meta-client-side-encryption-key` / `-start`.
 */
export type MaterialDescription = Readonly<Record<string, string>>;

/** Wrap algorithm names as they appear in the V2 `wrap-alg` header. */
export const WRAP_RSA_PKCS1 = 'RSA/NONE/PKCS1Padding';
/** RSA-OAEP with SHA-1 and MGF1 padding. */
export const WRAP_RSA_OAEP_SHA1 = 'RSA/NONE/OAEPWithSHA-1AndMGF1Padding';
/** Alibaba Cloud KMS (`@oss-cse/kms`). */
export const WRAP_KMS = 'KMS/ALICLOUD';
/** A wrap algorithm oss-cse writes and reads. */
export type WrapAlgorithm = typeof WRAP_RSA_PKCS1 | typeof WRAP_RSA_OAEP_SHA1 | typeof WRAP_KMS;

/** What is being unwrapped, so a master key can apply per-part rules (KMS V1 counters, exact lengths). */
export interface UnwrapContext {
  /** The canonical wrap algorithm the object names. */
  readonly wrapAlgorithm: WrapAlgorithm;
  /** `key` = the data key (32 bytes in V1/V2), `iv` = the V2 IV (16 bytes) or the V1 decimal counter text. */
  readonly part: 'key' | 'iv';
  /** Format version of the object: 2 (`client-side-encryption-*`) or 1 (`oss-crypto-*`, read only). */
  readonly formatVersion: 1 | 2;
  /**
   * The exact length the unwrapped bytes must have (32 for keys, 16 for V2 IVs; absent for V1 counters).
   * RSA master keys check it inside their constant-time padding check, so a wrong length is the same
   * `ERR_UNWRAP_FAILED` as bad padding.
   */
  readonly expectedLength?: number;
  /** The header text exactly as stored (some KMS layouts need the string, not its decoded bytes). */
  readonly headerValue: string;
  /** Cancels remote unwraps (KMS). */
  readonly signal?: AbortSignal;
}

/** What is being wrapped. */
export interface WrapContext {
  /** `key` = the 32-byte data key, `iv` = the 16-byte IV. */
  readonly part: 'key' | 'iv';
  /** Cancels remote wraps (KMS). */
  readonly signal?: AbortSignal;
}

/** A key that protects data keys. Implementations: RSA (`RsaMasterKey`), KMS (`@oss-cse/kms`), or custom. */
export interface MasterKey {
  /** The wrap algorithm written into new objects' headers. */
  readonly wrapAlgorithm: WrapAlgorithm;
  /** The material description written as `matdesc` (empty object = header omitted). */
  readonly description: MaterialDescription;
  /** Whether this key can unwrap at all (false for public-only RSA keys). */
  readonly canUnwrap: boolean;
  /** Whether this key can unwrap objects written with `wrapAlgorithm` (an RSA pair reads PKCS#1 v1.5 and OAEP). */
  supportsUnwrap(wrapAlgorithm: WrapAlgorithm): boolean;
  /** Wraps `plain` (a data key or an IV); the result is stored base64-encoded. */
  wrap(plain: Uint8Array, context: WrapContext): Promise<Uint8Array>;
  /**
   * Unwraps the base64-decoded header bytes. Must throw `OssCseError` — `ERR_UNWRAP_FAILED` (one message) for
   * every cryptographic failure, `ERR_PUBLIC_KEY_ONLY` when it has no private half.
   */
  unwrap(wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array>;
  /**
   * Optional: the data key and its wrapped form in one step (KMS `GenerateDataKey`). When absent the core
   * generates 32 random bytes and calls `wrap`.
   */
  generateDataKey?(context: { signal?: AbortSignal }): Promise<{ plain: Uint8Array; wrapped: Uint8Array }>;
}
