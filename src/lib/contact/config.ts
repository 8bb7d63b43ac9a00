/**
 * The contact form's run-time configuration, read from the environment when the server starts
 * (never at build time, so one build can be deployed with different settings).
 * The README's "Configuration" table documents every variable.
 */
import path from 'node:path';
import { site } from '../../site.config.ts';

export interface ContactConfig {
  /** Where every message goes (`SUPPORT_EMAIL`). Fixed here; nothing in a request can change it. */
  readonly supportEmail: string;
  /** The From address of the messages we send (`MAIL_FROM`); the sender goes in Reply-To. */
  readonly mailFrom: { readonly name: string; readonly address: string };
  /** nodemailer connection URL (`SMTP_URL`), or null: keep messages in the outbox as .eml files. */
  readonly smtpUrl: string | null;
  /** Absolute path of the durable outbox (`OUTBOX_DIR`). */
  readonly outboxDir: string;
  /** Host name used in Message-IDs, from the site URL. */
  readonly messageIdHost: string;
  /** Submissions faster than this (ms after the form was served) are treated as bots. */
  readonly minFillMs: number;
  /** Forms sent back later than this after they were served have expired: shown again. */
  readonly maxFillMs: number;
  /** Accepted submissions per client per window; 0 turns the limit off (benchmarks). */
  readonly rateLimit: number;
  readonly rateWindowMs: number;
  /** Delivery retries: first delay, doubled after each failure up to the maximum. */
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
  /** A message the relay keeps deferring (4xx) is moved to failed/ this long after it was queued. */
  readonly giveUpAfterMs: number;
  /** How often an idle delivery loop looks for files other processes put in the outbox. */
  readonly rescanMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number of 0 or more, not "${raw}".`);
  }
  return value;
}

/** "Name <address>" or a bare address, as MAIL_FROM may be written. */
function parseMailbox(raw: string): { name: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(raw);
  if (match) return { name: match[1] ?? '', address: match[2] ?? '' };
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(raw.trim())) return { name: '', address: raw.trim() };
  throw new Error(`MAIL_FROM must be an address, optionally with a name ("AllWork <web@example.com>"), not "${raw}".`);
}

/** Reads the configuration; throws a message naming the variable when one is malformed. */
export function contactConfig(env: Env = process.env): ContactConfig {
  const supportEmail = (env.SUPPORT_EMAIL ?? '').trim() || site.supportEmail;
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(supportEmail)) {
    throw new Error(`SUPPORT_EMAIL must be a single email address, not "${supportEmail}".`);
  }
  const siteUrl = env.SITE_URL ?? site.siteUrl;
  return {
    supportEmail,
    mailFrom: env.MAIL_FROM
      ? parseMailbox(env.MAIL_FROM)
      : { name: `${site.siteName} contact form`, address: supportEmail },
    smtpUrl: (env.SMTP_URL ?? '').trim() || null,
    outboxDir: path.resolve(env.OUTBOX_DIR ?? '.outbox'),
    messageIdHost: new URL(siteUrl).hostname,
    minFillMs: integer(env, 'CONTACT_MIN_FILL_MS', 3000),
    maxFillMs: integer(env, 'CONTACT_MAX_FILL_MS', 86_400_000),
    rateLimit: integer(env, 'CONTACT_RATE_LIMIT', 5),
    rateWindowMs: integer(env, 'CONTACT_RATE_WINDOW_MS', 60_000),
    retryMinMs: Math.max(1, integer(env, 'OUTBOX_RETRY_MIN_MS', 30_000)),
    retryMaxMs: Math.max(1, integer(env, 'OUTBOX_RETRY_MAX_MS', 3_600_000)),
    rescanMs: Math.max(10, integer(env, 'OUTBOX_RESCAN_MS', 60_000)),
    // Five days, as mail servers give up on a deferred message (RFC 5321 4.5.4.1: "at least 4-5 days").
    giveUpAfterMs: integer(env, 'OUTBOX_GIVE_UP_AFTER_MS', 5 * 86_400_000),
  };
}
