import { createHash, timingSafeEqual } from 'node:crypto';
import { childOf, childText, type XmlElement } from '../../../../libs/soap/src/xml-tree.js';

export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export type AuthCode = 'AUTH.MISSING' | 'AUTH.INVALID' | 'AUTH.REPLAYED' | 'AUTH.EXPIRED' | 'AUTH.CLOCK_SKEW';
export type AuthResult = { ok: true; username: string; partner: string } | { ok: false; code: AuthCode; message: string; username?: string };

/** Remembers nonces for the replay window. `remember` is atomic: false means it was already seen. */
export interface NonceStore {
  remember(key: string, ttlSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface WsSecurityPolicy {
  readonly replayWindowSeconds: number;
  readonly clockSkewSeconds: number;
  readonly credentials: ReadonlyMap<string, { readonly partner: string; readonly password: string }>;
  readonly nonces: NonceStore;
  readonly now?: () => number;
}

/** Base64(SHA-1(nonce bytes + created + password)), WS-Security UsernameToken Profile 1.0 §3.1. */
export function passwordDigest(nonceB64: string, created: string, password: string): string {
  return createHash('sha1').update(Buffer.concat([Buffer.from(nonceB64, 'base64'), Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')])).digest('base64');
}

/**
 * UsernameToken with PasswordDigest, Nonce and Created. Order matters: freshness is checked before
 * the digest, and the nonce is remembered only once the digest is right, so a stranger cannot
 * burn a partner's nonces; a valid token presented twice within the window is a replay.
 */
export async function verifyUsernameToken(header: XmlElement | undefined, policy: WsSecurityPolicy): Promise<AuthResult> {
  const token = childOf(childOf(header, 'Security', WSSE_NS), 'UsernameToken', WSSE_NS);
  if (!token) return { ok: false, code: 'AUTH.MISSING', message: 'no wsse:Security/UsernameToken header' };
  const username = childText(token, 'Username', WSSE_NS) ?? '';
  const passwordEl = childOf(token, 'Password', WSSE_NS);
  const nonce = childText(token, 'Nonce', WSSE_NS) ?? '';
  const created = childText(token, 'Created', WSU_NS) ?? '';
  if (!username || !passwordEl || !nonce || !created) return { ok: false, code: 'AUTH.INVALID', message: 'UsernameToken needs Username, Password, Nonce and Created', username };
  if ((passwordEl.attrs.Type ?? '') !== DIGEST_TYPE) return { ok: false, code: 'AUTH.INVALID', message: 'only PasswordDigest is accepted', username };

  const at = Date.parse(created);
  if (Number.isNaN(at)) return { ok: false, code: 'AUTH.INVALID', message: 'Created is not a date-time', username };
  const now = (policy.now ?? Date.now)();
  if (at - now > policy.clockSkewSeconds * 1000) return { ok: false, code: 'AUTH.CLOCK_SKEW', message: `Created is more than ${policy.clockSkewSeconds}s in the future`, username };
  if (now - at > (policy.replayWindowSeconds + policy.clockSkewSeconds) * 1000) {
    return { ok: false, code: 'AUTH.EXPIRED', message: `Created is older than the ${policy.replayWindowSeconds}s replay window`, username };
  }

  const cred = policy.credentials.get(username);
  // Compare against a digest even for unknown users, so timing does not reveal which usernames exist.
  const expected = Buffer.from(passwordDigest(nonce, created, cred?.password ?? '\u0000unknown'), 'base64');
  const given = Buffer.from(passwordEl.text.trim(), 'base64');
  const match = given.length === expected.length && timingSafeEqual(given, expected);
  if (!cred || !match) return { ok: false, code: 'AUTH.INVALID', message: 'unknown user or wrong password digest', username };

  const fresh = await policy.nonces.remember(`${username}:${nonce}`, policy.replayWindowSeconds + 2 * policy.clockSkewSeconds);
  if (!fresh) return { ok: false, code: 'AUTH.REPLAYED', message: 'nonce already used within the replay window', username };
  return { ok: true, username, partner: cred.partner };
}
