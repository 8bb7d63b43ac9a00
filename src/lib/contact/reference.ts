/**
 * Message references: what the sender sees on the confirmation page and quotes when they write
 * again, and what support sees in the subject line. Crockford base32 (no I, L, O or U), so a
 * reference read aloud or typed by hand is hard to get wrong.
 */
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `AW-` and 8 random characters in two groups of 4 (40 bits): `AW-7K3M-9QXD`. */
export const referencePattern = /^AW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A new random reference. */
export function newReference(): string {
  return referenceFromBytes(randomBytes(5));
}

/** The reference spelt by the first 5 bytes (40 bits) of `bytes`: a derived reference (alerts). */
export function referenceFromBytes(bytes: Uint8Array): string {
  let bits = 0n;
  for (const byte of bytes.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let chars = '';
  for (let i = 7; i >= 0; i--) chars += alphabet.charAt(Number((bits >> BigInt(i * 5)) & 31n));
  return `AW-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** True when `value` is a well-formed reference (the confirmation page shows nothing else). */
export function isReference(value: unknown): value is string {
  return typeof value === 'string' && referencePattern.test(value);
}

/** The stable Message-ID of the email carrying `reference`: a retry or a resend has the same one. */
export function messageIdFor(reference: string, host: string): string {
  return `<${reference.toLowerCase()}.contact@${host}>`;
}
