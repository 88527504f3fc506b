// The fixture test/browser-global-setup.ts provides to the Chromium tests (`inject('kmsRelay')`). Test-only.

/** What the browser tests receive (`inject('kmsRelay')`). */
export interface KmsRelayFixture {
  /** Relay allowing the test page's (loopback) origin. */
  relayUrl: string;
  /** Relay allowing only `https://app.example`: the test page is refused. */
  foreignRelayUrl: string;
  /** The emulator's KMS endpoint itself, without CORS. */
  directKmsUrl: string;
  keyId: string;
  /** STS credentials limited to GenerateDataKey/Encrypt/Decrypt on `keyId`. */
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kmsRelay: KmsRelayFixture;
  }
}
