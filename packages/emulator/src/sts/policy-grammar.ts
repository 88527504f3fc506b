import { RpcError } from '../rpc/errors.js';

/** The error STS answers for a policy it cannot parse (`InvalidParameter.PolicyGrammar`, 400). */
export function grammarError(detail: string): RpcError {
  return new RpcError(
    'InvalidParameter.PolicyGrammar',
    400,
    `The parameter Policy has not passed grammar check. ${detail}`,
  );
}
