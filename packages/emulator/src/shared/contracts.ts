// Interfaces shared by the OSS, STS and KMS parts of the emulator.

/** Server clock: epoch milliseconds, including any injected skew. */
export interface Clock {
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

export interface Account {
  accessKeyId: string;
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
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  conditions?: StsPolicyCondition[];
}

/** The request values condition keys are matched against, by key as spelled in `CONDITION_KEYS` (`oss:Prefix`). */
export type ConditionContext = Readonly<Record<string, string>>;

export interface TemporaryCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiration: number;
  policy?: StsPolicyStatement[];
}

export type TokenCheck =
  | { ok: true; credential: TemporaryCredential }
  | { ok: false; code: 'InvalidSecurityToken' | 'SecurityTokenExpired' | 'InvalidAccessKeyId'; message: string };
