// Interfaces shared by the OSS, STS and KMS parts of the emulator.

/** Server clock: epoch milliseconds, including any injected skew. */
export interface Clock { now(): number }

export interface RpcRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RpcResponse { status: number; headers: Record<string, string>; body: string }

export interface Account { accessKeyId: string; accessKeySecret: string }

/** Atomic JSON files in the data dir, or memory. */
export interface PersistentJson { load<T>(name: string): Promise<T | undefined>; save(name: string, value: unknown): Promise<void> }

export interface StsPolicyStatement { effect: 'Allow' | 'Deny'; actions: string[]; resources: string[] }

export interface TemporaryCredential { accessKeyId: string; accessKeySecret: string; securityToken: string; expiration: number; policy?: StsPolicyStatement[] }

export type TokenCheck =
  | { ok: true; credential: TemporaryCredential }
  | { ok: false; code: 'InvalidSecurityToken' | 'SecurityTokenExpired' | 'InvalidAccessKeyId'; message: string };
