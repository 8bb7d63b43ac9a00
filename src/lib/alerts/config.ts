/**
 * The change alerts' run-time configuration, read from the environment by the server and the
 * `npm run alerts` CLI (never at build time). The README's "Change alerts" table documents it.
 * Mail settings (SMTP_URL, OUTBOX_DIR, MAIL_FROM's address) are the contact form's: alerts go
 * through the same outbox and relay.
 */
import path from 'node:path';
import { site } from '../../site.config.ts';
import { contactConfig, type ContactConfig } from '../contact/config.ts';

export interface AlertsConfig {
  /** Absolute path of the folder holding the subscriber database (`DATA_DIR`). */
  readonly dataDir: string;
  /** The public origin links in messages point to (`SITE_URL`), no trailing slash. */
  readonly siteUrl: string;
  /** Confirmation messages one address may be sent per UTC day (`ALERTS_CONFIRMATIONS_PER_DAY`). */
  readonly confirmationsPerDay: number;
  /** How long a confirmation link works. */
  readonly linkLifetimeMs: number;
  /** The From of alert and confirmation messages: the contact form's address, our name. */
  readonly mailFrom: { readonly name: string; readonly address: string };
  /** The contact form's settings: outbox folder, relay, bot traps, rate limit. */
  readonly contact: ContactConfig;
}

type Env = Readonly<Record<string, string | undefined>>;

export const linkLifetimeDays = 7;

/** Reads the configuration; throws a message naming the variable when one is malformed. */
export function alertsConfig(env: Env = process.env, contact: ContactConfig = contactConfig(env)): AlertsConfig {
  const raw = env.ALERTS_CONFIRMATIONS_PER_DAY ?? '';
  const perDay = raw.trim() === '' ? 3 : Number(raw);
  if (!Number.isInteger(perDay) || perDay < 1) {
    throw new Error(`ALERTS_CONFIRMATIONS_PER_DAY must be a whole number of 1 or more, not "${raw}".`);
  }
  return {
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    siteUrl: (env.SITE_URL ?? site.siteUrl).replace(/\/+$/, ''),
    confirmationsPerDay: perDay,
    linkLifetimeMs: linkLifetimeDays * 24 * 60 * 60 * 1000,
    mailFrom: { name: site.siteName, address: contact.mailFrom.address },
    contact,
  };
}
