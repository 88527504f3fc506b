// Interfaces shared by the OSS, STS and KMS parts of the emulator.

/** Server clock: epoch milliseconds, including any injected skew. */
export interface Clock {
  /** Epoch ms. */
  now(): number;
}

export interface RpcRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RpcResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The long-term account key of the emulator. */
export interface Account {
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
}

/** Atomic JSON files in the data dir, or memory. */
export interface PersistentJson {
  load<T>(name: string): Promise<T | undefined>;
  save(name: string, value: unknown): Promise<void>;
}

/** One RAM condition of a statement: `"<operator>": { "<key>": [values] }`; the values of one key are OR. */
export interface StsPolicyCondition {
  operator: string;
  key: string;
  values: string[];
}

/** A statement; all its conditions must hold (AND) for it to apply. */
export interface StsPolicyStatement {
  /** Allow or deny. */
  effect: 'Allow' | 'Deny';
  /** RAM actions (`oss:GetObject`, `kms:Decrypt`, wildcards allowed). */
  actions: string[];
  /** Resource ARNs (wildcards allowed). */
  resources: string[];
  /** Conditions, all of which must hold. */
  conditions?: StsPolicyCondition[];
}

/** The request values condition keys are matched against, by key as spelled in `CONDITION_KEYS` (`oss:Prefix`). */
export type ConditionContext = Readonly<Record<string, string>>;

/** Temporary credentials the emulated STS issued. */
export interface TemporaryCredential {
  /** The temporary AccessKey ID. */
  accessKeyId: string;
  /** The temporary AccessKey secret. */
  accessKeySecret: string;
  /** The security token. */
  securityToken: string;
  /** Expiry, epoch ms (server clock). */
  expiration: number;
  /** The session policy passed to AssumeRole, when one was. */
  policy?: StsPolicyStatement[];
}

export type TokenCheck =
  | { ok: true; credential: TemporaryCredential }
  | { ok: false; code: 'InvalidSecurityToken' | 'SecurityTokenExpired' | 'InvalidAccessKeyId'; message: string };
