import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../../../libs/contracts-kit/src/paths.js';
import { CodedError } from '../../../../libs/domain/src/errors/problem.js';

/** operator: may look and act (replay, release, queue actions); viewer: may only look. */
export type ConsoleRole = 'operator' | 'viewer';

export interface ConsoleUser {
  readonly name: string;
  readonly role: ConsoleRole;
}

interface StoredUser extends ConsoleUser {
  /** scrypt$<salt base64>$<hash base64> */
  readonly password: string;
}

export interface ConsoleUsers {
  /** The user for a name and password, or undefined. The scrypt cost is paid even for unknown names. */
  verify(name: string, password: string): ConsoleUser | undefined;
  readonly size: number;
}

const KEYLEN = 32;

/** `scrypt$salt$hash` for config/console-users.json (`node -e` one-liner in the README). */
export function hashConsolePassword(password: string, salt = randomBytes(16)): string {
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, KEYLEN).toString('base64')}`;
}

function checkPassword(stored: string, password: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length || KEYLEN);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const DUMMY = hashConsolePassword('no such user');

/**
 * Console users from config/console-users.json (CP_BRIDGE_CONSOLE_USERS overrides the path):
 * `{ "users": { "<name>": { "role": "operator" | "viewer", "password": "scrypt$…$…" } } }`.
 * Only password hashes are stored; verification is constant-time.
 */
export function loadConsoleUsers(env: NodeJS.ProcessEnv = process.env): ConsoleUsers {
  const path = resolve(projectRoot, env.CP_BRIDGE_CONSOLE_USERS ?? 'config/console-users.json');
  let raw: { users?: Record<string, { role?: string; password?: string }> };
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as typeof raw;
  } catch (e) {
    throw new CodedError('CONFIG.CONSOLE_USERS_UNREADABLE', `cannot read console users ${path}: ${(e as Error).message}`);
  }
  const users = new Map<string, StoredUser>();
  for (const [name, u] of Object.entries(raw.users ?? {})) {
    if ((u.role === 'operator' || u.role === 'viewer') && u.password?.startsWith('scrypt$')) users.set(name, { name, role: u.role, password: u.password });
  }
  return {
    size: users.size,
    verify(name, password) {
      const u = users.get(name);
      const ok = checkPassword(u?.password ?? DUMMY, password);
      return u && ok ? { name: u.name, role: u.role } : undefined;
    },
  };
}

/**
 * Stateless signed session: base64url(JSON {u, r, exp}) + '.' + HMAC-SHA256. The secret is
 * CP_BRIDGE_CONSOLE_SECRET or a random one per process (sessions end when the gateway restarts).
 */
export class ConsoleSessions {
  readonly #secret: Buffer;
  constructor(
    secret = process.env.CP_BRIDGE_CONSOLE_SECRET,
    readonly ttlMs = 8 * 3_600_000,
  ) {
    this.#secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  #mac(s: string): string {
    return createHmac('sha256', this.#secret).update(s).digest('base64url');
  }

  issue(user: ConsoleUser, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ u: user.name, r: user.role, exp: now + this.ttlMs }), 'utf8').toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }

  read(token: string | undefined, now = Date.now()): ConsoleUser | undefined {
    if (!token) return undefined;
    const [body, mac] = token.split('.');
    if (!body || !mac) return undefined;
    const want = Buffer.from(this.#mac(body));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
    try {
      const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { u: string; r: ConsoleRole; exp: number };
      if (typeof s.exp !== 'number' || s.exp < now) return undefined;
      return { name: s.u, role: s.r };
    } catch {
      return undefined;
    }
  }

  /** CSRF token bound to the session token (double submit: form field must match). */
  csrf(token: string): string {
    return this.#mac(`csrf:${token}`);
  }

  checkCsrf(token: string | undefined, presented: unknown): boolean {
    if (!token || typeof presented !== 'string') return false;
    const want = Buffer.from(this.csrf(token));
    const got = Buffer.from(presented);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

export const SESSION_COOKIE = 'cpb_console';

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}
