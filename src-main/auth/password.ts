/**
 * Password hashing with scrypt (node:crypto), the parameters travelling with the hash, and the
 * password policy (docs/security.md "Sign-in"). N = 2^17 needs 128 MiB: `maxmem` says so.
 * Login paths hash on libuv's thread pool (async), so the host keeps answering meanwhile.
 */
import crypto from 'node:crypto';
import { DEMO_PASSWORD } from '../contract/users';

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keylen: 32 } as const;
/** scrypt needs 128 × N × r bytes; node refuses more than 32 MiB unless told. */
const MAXMEM = 256 * 1024 * 1024;

/** The policy's rule, shared with the contract's `newPassword` (src-main/contract/users.ts). */
export const PASSWORD_MIN_LENGTH = 8;

export { DEMO_PASSWORD };

/** What is wrong with a new password, or null (the same rule as the contract's schema, for paths that do not pass through it). */
export function passwordProblem(password: string, username?: string): { en: string; zh: string } | null {
  if (password.length < PASSWORD_MIN_LENGTH || !/[A-Za-z]/.test(password) || !/\d/.test(password))
    return { en: 'A password needs at least 8 characters, with letters and digits.', zh: '密码至少 8 位，须同时包含字母和数字。' };
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return { en: 'A password may not contain the username.', zh: '密码不能包含用户名。' };
  if (password === DEMO_PASSWORD)
    return { en: 'The demo password is known to everyone; choose another.', zh: '演示密码人人皆知，请另设密码。' };
  return null;
}

const format = (n: number, r: number, p: number, salt: Buffer, key: Buffer) =>
  `scrypt$${n}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;

/** For set-up and the demo county, inside their synchronous transaction. */
export function hashPasswordSync(password: string): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: MAXMEM });
  return format(SCRYPT.N, SCRYPT.r, SCRYPT.p, salt, key);
}

function scrypt(password: string, salt: Buffer, keylen: number, o: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, keylen, { ...o, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return format(SCRYPT.N, SCRYPT.r, SCRYPT.p, salt, await scrypt(password, salt, SCRYPT.keylen, SCRYPT));
}

interface Parsed {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !keyB64) return null;
  const v = { n: Number(n), r: Number(r), p: Number(p) };
  // Parameters come from the database: bounded, so a forged row cannot make a login take a minute or a gigabyte.
  if (![v.n, v.r, v.p].every(Number.isInteger) || v.n < 2 || v.n > 2 ** 20 || v.r < 1 || v.r > 16 || v.p < 1 || v.p > 4) return null;
  return { ...v, salt: Buffer.from(saltB64, 'base64'), key: Buffer.from(keyB64, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.key.length === 0) return false;
  const key = await scrypt(password, h.salt, h.key.length, { N: h.n, r: h.r, p: h.p });
  return crypto.timingSafeEqual(key, h.key);
}

/** A hash made with weaker parameters than today's: re-hashed at the next successful login. */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.n < SCRYPT.N || h.r < SCRYPT.r || h.key.length < SCRYPT.keylen;
}

let dummy: Promise<string> | null = null;
/**
 * A hash of nothing anyone knows, checked when the username is unknown so that the answer takes
 * as long as for a known one (no user names found by timing).
 */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(crypto.randomBytes(24).toString('base64')));
}
