/**
 * Secrets in links and the references of alert messages. A link's token is 32 random bytes;
 * the database keeps only its SHA-256, so reading the database does not let anyone confirm or
 * unsubscribe for someone else.
 */
import { createHash, randomBytes } from 'node:crypto';
import { referenceFromBytes } from '../contact/reference.ts';

/** A new link token: 43 URL-safe characters. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores for a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as it can appear in a link: anything else is not looked up. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * The outbox reference of the alert for one subscriber and one version: derived, not random,
 * so the same alert always has the same reference, file name stem and Message-ID (40 bits of
 * SHA-256 in the contact form's reference format, `AW-XXXX-XXXX`). `attempt` picks another one
 * when two alerts' references collide.
 */
export function alertReference(subscriberId: number, policy: string, version: string, attempt = 0): string {
  const input = `alert\n${subscriberId}\n${policy}\n${version}${attempt > 0 ? `\n${attempt}` : ''}`;
  return referenceFromBytes(createHash('sha256').update(input).digest());
}
