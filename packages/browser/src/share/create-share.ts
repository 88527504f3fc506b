// client.share(): a link to a viewer page whose fragment holds one object's data key and IV and a presigned GET URL
// of its ciphertext. The data key is unwrapped with the client's keyring (the master key never leaves it); the URL
// is presigned by the engine's fetch transport with the client's current credentials.
import { OssCseError, parseEnvelope, unwrapEnvelope } from '@oss-cse/core';
import { presignGetUrl, send, type ConnectionOptions, type EngineContext, type SendOptions } from '@oss-cse/transfer';
import { encodeShareFragment, type SharedObject } from './share-fragment.js';

/** Options of `client.share`. */
export interface ShareOptions extends Pick<SendOptions, 'signal'> {
  /** Seconds the link works (1 to 604800); STS credentials that expire sooner end it sooner (see `expiresAt`). */
  readonly expiresIn: number;
  /** The viewer page the link opens (default `<this origin>/share.html`); the fragment is appended to it. */
  readonly viewerUrl?: string | URL | undefined;
  /** Content-Type the viewer serves (default: the object's). */
  readonly contentType?: string | undefined;
}

/** A share link: the viewer URL with the key material in its fragment. */
export interface ShareLink {
  /** The viewer URL with the fragment: whoever holds it reads this one object until `expiresAt`. */
  readonly url: string;
  /** When the presigned URL stops working: `expiresIn` from now, or the credentials' expiry if that is sooner. */
  readonly expiresAt: Date;
  /** What the fragment holds. */
  readonly shared: SharedObject;
}

export async function createShare(
  ctx: EngineContext,
  connection: ConnectionOptions,
  key: string,
  options: ShareOptions,
): Promise<ShareLink> {
  const { signal } = options;
  const headers = await send(ctx, (req) => ctx.transport.headObject(key, req), { signal });
  const envelope = parseEnvelope(headers);
  if (!envelope) throw new OssCseError('ERR_NOT_ENCRYPTED', `${key} is not encrypted: share its URL instead`);
  if (envelope.formatVersion !== 2)
    throw new OssCseError('ERR_INVALID_ARGUMENT', `${key} is in the V1 format: share links read V2 objects only`);
  const credentials = await ctx.credentials.getCredentials();
  const now = Date.now();
  const url = await presignGetUrl(connection, key, {
    expiresIn: options.expiresIn,
    credentials,
    now: new Date(now),
  });
  const { cek, iv } = await unwrapEnvelope({ keyring: ctx.keyring, envelope, policy: ctx.policy, signal });
  // Temporary credentials end the URL's validity with theirs.
  const tokenEnd = credentials.expiration === undefined ? Infinity : new Date(credentials.expiration).getTime();
  const expiresAt = Math.min(now + options.expiresIn * 1000, tokenEnd);
  const shared: SharedObject = {
    url,
    bucket: ctx.transport.bucket,
    key,
    dataKey: cek,
    iv,
    expiresAt,
    contentType: options.contentType ?? headers['content-type'] ?? 'application/octet-stream',
    crc64: headers['x-oss-hash-crc64ecma'],
  };
  const viewer = new URL(options.viewerUrl ?? '/share.html', globalThis.location?.href);
  viewer.hash = encodeShareFragment(shared);
  return { url: viewer.href, expiresAt: new Date(expiresAt), shared };
}
