// Messages between the page and the encryption Worker. The Worker holds a mirror of the page's keyring (each key's
// algorithm, description and abilities, nothing secret) so that core's keyring logic runs there unchanged; every
// wrap and unwrap it needs is a call back to the page, which owns the real master keys. The only key material that
// crosses is the data key of the object or upload being encrypted, and, for a read, the object's data key as a
// non-extractable CryptoKey (opened on the page) with its IV.
import type {
  ContentMaterials,
  Envelope,
  MasterKey,
  MaterialDescription,
  MultipartMaterial,
  ReadPolicy,
  UnwrapContext,
  WrapAlgorithm,
} from '@oss-cse/core';
import type { Plaintext } from '@oss-cse/transfer';

const WRAP_ALGORITHMS: readonly WrapAlgorithm[] = [
  'RSA/NONE/PKCS1Padding',
  'RSA/NONE/OAEPWithSHA-1AndMGF1Padding',
  'KMS/ALICLOUD',
];

/** What the Worker knows of one master key of the page's keyring. */
export interface KeyInfo {
  readonly wrapAlgorithm: WrapAlgorithm;
  readonly description: MaterialDescription;
  readonly canUnwrap: boolean;
  /** The wrap algorithms it can unwrap (`MasterKey.supportsUnwrap`). */
  readonly unwraps: readonly WrapAlgorithm[];
  readonly generatesDataKeys: boolean;
}

/** The page's keyring as the Worker mirrors it: its keys in order, and which one writes. */
export interface KeyringInfo {
  readonly keys: readonly KeyInfo[];
  readonly defaultIndex: number;
}

/** Page -> Worker requests. */
export type WorkerRequest =
  | { op: 'openMultipart'; id: number; session: number; keyring: KeyringInfo; dataSize: number; partSize: number }
  | {
      op: 'resumeMultipart';
      id: number;
      session: number;
      keyring: KeyringInfo;
      material: MultipartMaterial;
      policy: ReadPolicy | undefined;
    }
  | { op: 'encryptPart'; id: number; session: number; partNumber: number; plaintext: Plaintext; sha256: boolean }
  | { op: 'closeMultipart'; id: number; session: number }
  | { op: 'encryptObject'; id: number; keyring: KeyringInfo; plaintext: Plaintext; computeMd5: boolean }
  | { op: 'digest'; id: number; keyring: KeyringInfo; plaintext: Plaintext }
  | { op: 'md5'; id: number; keyring: KeyringInfo; blob: Blob }
  | {
      op: 'openDecipher';
      id: number;
      session: number;
      materials: ContentMaterials | null;
      integrity: Pick<Envelope, 'unencryptedContentMd5' | 'unencryptedContentLength'> | undefined;
    }
  | { op: 'decrypt'; id: number; session: number; offset: number; ciphertext: Uint8Array; inOrder: boolean }
  | { op: 'verifyPlaintext'; id: number; session: number; plaintext: Uint8Array }
  | { op: 'finishDecipher'; id: number; session: number }
  | { op: 'closeDecipher'; id: number; session: number };

/** Worker -> page calls into the page's master key number `key`. */
export type KeyCall =
  | { op: 'wrap'; id: number; key: number; plain: Uint8Array; part: 'key' | 'iv' }
  | { op: 'generateDataKey'; id: number; key: number }
  | { op: 'unwrap'; id: number; key: number; wrapped: Uint8Array; context: Omit<UnwrapContext, 'signal'> };

/** A reply to a request or a key call, in either direction. */
export type Reply =
  | { op: 'reply'; id: number; ok: true; value: unknown }
  | { op: 'reply'; id: number; ok: false; error: SerializedError };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  readonly details?: Record<string, unknown> | undefined;
}

/** What opening or resuming a multipart upload in the Worker answers. */
export interface OpenedMultipart {
  readonly material: MultipartMaterial;
  readonly initiateHeaders: Record<string, string>;
  readonly partHeaders: Record<string, string>;
}

/** The Worker-side view of the page's keyring. */
export function keyringInfo(keys: readonly MasterKey[], defaultKey: MasterKey): KeyringInfo {
  return {
    keys: keys.map((key) => ({
      wrapAlgorithm: key.wrapAlgorithm,
      description: { ...key.description },
      canUnwrap: key.canUnwrap,
      unwraps: WRAP_ALGORITHMS.filter((alg) => key.supportsUnwrap(alg)),
      generatesDataKeys: typeof key.generateDataKey === 'function',
    })),
    defaultIndex: keys.indexOf(defaultKey),
  };
}
