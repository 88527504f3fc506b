// A KMS master key that answers from a vector's recorded KMS replies: the whole decrypt path of KMS-wrapped
// objects (header layouts, V1 decimal counters, AES-CTR) runs in every runtime without a KMS.
import {
  OssCseError,
  unwrapFailed,
  WRAP_KMS,
  type MasterKey,
  type UnwrapContext,
  type WrapAlgorithm,
} from '@oss-cse/core';

export class RecordedKmsKey implements MasterKey {
  readonly wrapAlgorithm = WRAP_KMS;
  readonly description = {};
  readonly canUnwrap = true;
  /** @param answers the plaintext KMS returned, by the header value sent to it */
  constructor(private readonly answers: ReadonlyMap<string, Uint8Array>) {}

  supportsUnwrap(wrapAlgorithm: WrapAlgorithm): boolean {
    return wrapAlgorithm === WRAP_KMS;
  }

  async wrap(): Promise<Uint8Array> {
    throw new OssCseError('ERR_INVALID_ARGUMENT', 'recorded KMS answers can only unwrap');
  }

  async unwrap(_wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array> {
    const answer = this.answers.get(context.headerValue);
    if (!answer) throw unwrapFailed();
    return answer;
  }
}
