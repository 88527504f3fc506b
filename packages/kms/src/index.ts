/**
 * @oss-cse/kms: Alibaba Cloud KMS master keys for oss-cse (wrap-alg `KMS/ALICLOUD`), in both KMS header
 * layouts, over a WebCrypto-only signed-request client that runs in browsers, Workers and Node.
 * The Node relay that lets browsers reach KMS is the separate subpath `@oss-cse/kms/relay`.
 *
 * @module @oss-cse/kms
 */
export { ERR_KMS, KmsError, isKmsError, type KmsErrorOptions, type KmsFailureReason } from './errors.js';

// Master key and factory
export { KmsMasterKey, type KmsMasterKeyOptions, type KmsConnectionOptions } from './master-key/kms-master-key.js';
export { detectLayout, oss2EncryptionContext, type KmsLayout, type KmsReadLayout } from './master-key/layout.js';
export { createKmsMasterKeyFromOptions, type KmsMasterKeyFromOptions } from './factory.js';

// KMS client
export {
  KmsClient,
  KMS_API_VERSION,
  type KmsClientOptions,
  type CallOptions,
  type GenerateDataKeyResult,
  type EncryptResult,
  type DecryptResult,
  type KeyMetadata,
} from './client/kms-client.js';
export { kmsEndpointForRegion, resolveKmsEndpoint } from './client/endpoint.js';

// Credentials
export type { KmsCredentials, CredentialsProvider, CredentialsInput } from './credentials/credentials.js';
export { CredentialsCache, type CredentialsCacheOptions } from './credentials/credentials-cache.js';
export { credentialsFromEnvironment, type EnvironmentLike } from './credentials/environment.js';
export { assumeRoleProvider, STS_API_VERSION, type AssumeRoleProviderOptions } from './credentials/assume-role.js';

// Signed requests (RPC signature V1 and ACS3-HMAC-SHA256)
export { RpcClient, type RpcClientOptions, type RpcCallOptions, type FetchLike } from './rpc/rpc-client.js';
export {
  buildSignedRequest,
  type SignatureVersion,
  type SignedRequest,
  type SignedRequestInput,
} from './rpc/signed-request.js';
export { signV1, type V1SignatureParts } from './rpc/v1-signature.js';
export { signAcs3, ACS3_ALGORITHM, type Acs3SignatureParts } from './rpc/acs3-signature.js';
export { percentEncode, canonicalQuery } from './rpc/percent-encode.js';
export { isRetryable, type RetryOptions } from './rpc/retry.js';
