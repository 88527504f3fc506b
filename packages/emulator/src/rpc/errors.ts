/** An Alibaba Cloud RPC (POP) error: `Code`, HTTP status and `Message` as the gateway returns them. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `Missing<Name>` (400) "<Name> is mandatory for this action.", as the POP gateway words it. */
export function missingParameter(name: string): RpcError {
  return new RpcError(`Missing${name}`, 400, `${name} is mandatory for this action.`);
}

/**
 * 400 `InvalidParameter` for a parameter name that occurs more than once (in the query, the form body, or one
 * in each). The KMS error list (docs/kms.md §2.5) has no code for it; `InvalidParameter` is the closest
 * documented one. Only the name is echoed, never a value.
 */
export function repeatedParameter(name: string): RpcError {
  return new RpcError('InvalidParameter', 400, `The specified parameter ${name} is repeated.`);
}

/** 400 `InvalidParameter` naming the parameter. */
export function invalidParameter(name: string, detail?: string): RpcError {
  const suffix = detail ? ` ${detail}` : '';
  return new RpcError('InvalidParameter', 400, `The specified parameter ${name} is not valid.${suffix}`);
}

export function accessKeyNotFound(): RpcError {
  return new RpcError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.');
}

export function incompleteSignature(detail: string): RpcError {
  return new RpcError(
    'IncompleteSignature',
    400,
    `The request signature does not conform to Aliyun standards. ${detail}`,
  );
}

/**
 * 400 `SignatureDoesNotMatch`. The real gateway echoes its string to sign, which for V1 holds every parameter
 * value (Plaintext, EncryptionContext, SecurityToken): the emulator reproduces that on purpose, so that client
 * tests prove clients never show it (see @oss-cse/kms's error redaction). It is the only message here that
 * carries parameter values.
 */
export function signatureDoesNotMatch(serverStringToSign: string): RpcError {
  return new RpcError(
    'SignatureDoesNotMatch',
    400,
    `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
  );
}
