// Sign-in sessions of the demo backend: the user's name in a cookie signed with HMAC-SHA256 under a server-side
// secret, with an expiry. The page never sees the cookie (HttpOnly) and never names the user in a request: every
// STS token is scoped to the name in a session this server issued.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'oss_cse_demo_session';
/** Default session lifetime: 8 hours. */
export const DEFAULT_SESSION_SECONDS = 8 * 3600;
const USER_NAME = /^[a-z0-9-]{1,32}$/;

/**
 * A user name the demo accepts: 1 to 32 characters a-z, 0-9 or `-` (it becomes the prefix `users/<name>/`).
 * @param {unknown} name
 * @returns {name is string}
 */
export function isUserName(name) {
  return typeof name === 'string' && USER_NAME.test(name);
}

/**
 * @typedef {object} SessionSignerOptions
 * @property {string | Uint8Array} [secret] HMAC key, at least 32 bytes; default: 32 random bytes (sessions end with the
 *   process)
 * @property {number} [ttlSeconds] session lifetime (default {@link DEFAULT_SESSION_SECONDS})
 * @property {() => number} [now] clock in epoch ms (default Date.now)
 */

/**
 * Issues and verifies session tokens `base64url({"u":name,"exp":epochSeconds}).base64url(HMAC-SHA256)`.
 * @param {SessionSignerOptions} [options]
 * @example
 * const sessions = sessionSigner({ secret: process.env.DEMO_SESSION_SECRET });
 * const token = sessions.issue('alice');
 * sessions.verify(token); // 'alice' (null once expired, altered or signed under another secret)
 */
export function sessionSigner(options = {}) {
  const secret = options.secret === undefined ? randomBytes(32) : Buffer.from(options.secret);
  /* Precondition: a secret long enough for HMAC-SHA256. */
  if (secret.length < 32)
    throw new RangeError(`"sessionSecret" expected at least 32 bytes, got length=${secret.length}`);
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_SESSION_SECONDS;
  /* Precondition: a positive whole number of seconds. */
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
    throw new RangeError('"sessionSeconds" expected a positive integer');
  const now = options.now ?? Date.now;
  /** @param {string} payload */
  const mac = (payload) => createHmac('sha256', secret).update(payload).digest('base64url');

  return {
    ttlSeconds,
    /** @param {string} user */
    issue(user) {
      if (!isUserName(user)) throw new RangeError('"user" expected 1 to 32 characters a-z, 0-9 or -');
      const payload = Buffer.from(JSON.stringify({ u: user, exp: Math.floor(now() / 1000) + ttlSeconds })).toString(
        'base64url',
      );
      return `${payload}.${mac(payload)}`;
    },
    /**
     * The session's user, or null for a missing, malformed, altered, foreign or expired token.
     * @param {string | undefined} token
     * @returns {string | null}
     */
    verify(token) {
      const dot = token?.indexOf('.') ?? -1;
      if (!token || dot <= 0) return null;
      const payload = token.slice(0, dot);
      // Compared as text: two signature spellings that decode to the same bytes are not both accepted.
      const given = Buffer.from(token.slice(dot + 1));
      const expected = Buffer.from(mac(payload));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let claims;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!isUserName(claims?.u) || typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return null;
      return claims.u;
    },
  };
}

/**
 * @typedef {object} CookieOptions
 * @property {number} maxAge seconds (0 clears the cookie)
 * @property {boolean} secure add `Secure` (the page is served over https)
 */

/**
 * The `Set-Cookie` value of a session: HttpOnly (no script reads it), SameSite=Strict (no cross-site request
 * carries it), Path=/, host-only (no Domain), Secure over https.
 * @param {string} token `''` with maxAge 0 to clear it
 * @param {CookieOptions} options
 */
export function sessionCookie(token, { maxAge, secure }) {
  return `${SESSION_COOKIE}=${token}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/**
 * The session token of a `Cookie` request header, if any.
 * @param {string | undefined} header
 */
export function sessionToken(header) {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}
