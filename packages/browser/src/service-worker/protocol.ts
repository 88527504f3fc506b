// Messages between a page and the decrypting Service Worker. The page offers a link: a MessagePort and what the
// worker may serve for it (the connection settings and a mirror of the keyring, nothing secret; shared objects with
// their data keys). Over the port the worker calls back into the page for STS credentials and for unwraps with the
// page's master keys (which never leave the page). The worker asks pages for a link when it has none (it was
// stopped and restarted, or a page has not linked yet).
import type { ConnectionOptions } from '@oss-cse/transfer';
import type { SharedObject } from '../share/share-fragment.js';
import type { KeyCall, KeyringInfo } from '../worker/protocol.js';

/** What one page lets the worker serve. */
export interface LinkSession {
  /** Objects of this bucket under `<base>objects/<key>` (absent: the page serves shares only). */
  readonly objects?: { readonly connection: ConnectionOptions; readonly keyring: KeyringInfo } | undefined;
  /** Shared objects under `<base>shared/<index>/<name>`. */
  readonly shares: readonly SharedObject[];
  /** Bytes per ranged GET of the worker's reads. */
  readonly chunkSize?: number | undefined;
}

/** Page -> worker: a new link (the port travels as the message's transfer). */
export interface LinkMessage {
  readonly type: 'oss-cse:link';
  readonly session: LinkSession;
}

/** Worker -> pages: "link me" (sent after a restart, or to a page whose request arrives unlinked). */
export interface ConnectMessage {
  readonly type: 'oss-cse:connect';
}

/** Worker -> page calls over a link's port. */
export type PageCall = KeyCall | { op: 'credentials'; id: number };

export const LINK = 'oss-cse:link';
export const CONNECT = 'oss-cse:connect';
