// The parameters a relayed request carries, read the way the gateway reads them: the query's and those of an
// `x-www-form-urlencoded` body, merged. A request the relay cannot read unambiguously is not forwarded.
import { FORM_CONTENT_TYPE } from '../rpc/signed-request.js';

export type RelayParams =
  | { readonly kind: 'ok'; readonly params: URLSearchParams }
  /** A name occurs twice (compared case-insensitively): the relay and the gateway could read different values. */
  | { readonly kind: 'repeated'; readonly name: string }
  /** A body that is not a form: its parameters (multipart, JSON, …) could not be checked. */
  | { readonly kind: 'unsupported-body' };

function isForm(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase() === FORM_CONTENT_TYPE;
}

/**
 * The merged query and form-body parameters, or why the relay must refuse the request.
 *
 * @example
 * ```ts
 * relayParams('Action=Encrypt', Buffer.from('Action=DisableKey'), 'application/x-www-form-urlencoded'); // { kind:
 * 'repeated', name: 'Action' }
 * ```
 */
export function relayParams(query: string, body: Uint8Array, contentType: string | undefined): RelayParams {
  if (body.length > 0 && !isForm(contentType)) return { kind: 'unsupported-body' };
  const params = new URLSearchParams(query);
  if (body.length > 0) {
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(body))) params.append(name, value);
  }
  const seen = new Set<string>();
  for (const name of params.keys()) {
    const folded = name.toLowerCase();
    if (seen.has(folded)) return { kind: 'repeated', name };
    seen.add(folded);
  }
  return { kind: 'ok', params };
}
