/**
 * The time a form was served, signed by the server, for the "filled in faster than a person
 * can" bot trap of every form the server takes (the contact form, the alert subscriptions).
 *
 * The page puts `time.signature` in a hidden field; the signature is HMAC-SHA256 (node:crypto)
 * over the form's name and the time, with a secret only the server knows. A client can send the
 * value back but cannot make one up, move it earlier, or take one form's value to another form,
 * so the trap no longer trusts a number the client chose.
 *
 * The secret comes from `FORM_SECRET`, or else from a file the server creates at its first start
 * (`FORM_SECRET_FILE`, owner-only permissions), so restarts and every process sharing the file
 * accept the values served before. See docs/decisions/0013-signed-fill-time.md.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Why a value was not accepted. Only `expired` can come from a person (a tab left open). */
export type FillTimeProblem = 'missing' | 'forged' | 'too fast' | 'expired' | 'from the future';

export type FillTimeCheck =
  { readonly ok: true; readonly startedAt: number } | { readonly ok: false; readonly problem: FillTimeProblem };

export interface FillTimeRules {
  /** Sent back sooner than this after it was served: a bot. */
  readonly minFillMs: number;
  /** Sent back later than this: the form has expired (served again with a fresh value). */
  readonly maxAgeMs: number;
}

/** Clocks of servers behind one proxy may differ by this much. */
const allowedClockSkewMs = 60_000;
/** 256 bits: as long as the HMAC-SHA256 block asks for, no longer to remember. */
const secretBytes = 32;
const minimumSecretLength = 32;

export class FillTime {
  readonly #secret: Buffer;
  readonly #rules: FillTimeRules;

  constructor(secret: Buffer, rules: FillTimeRules) {
    if (secret.length < minimumSecretLength / 2) throw new Error('the form secret is too short');
    this.#secret = secret;
    this.#rules = rules;
  }

  #signature(form: string, time: number): string {
    return createHmac('sha256', this.#secret).update(`${form}\n${time}`).digest('base64url');
  }

  /** The hidden field's value for `form` served at `time` (ms since the epoch). */
  sign(form: string, time: number): string {
    return `${time}.${this.#signature(form, time)}`;
  }

  /** The time a value was signed at, if it is ours for this form; null otherwise. */
  signedTime(form: string, value: unknown): number | null {
    if (typeof value !== 'string') return null;
    const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match?.[1] || !match[2]) return null;
    const time = Number(match[1]);
    if (!Number.isSafeInteger(time)) return null;
    const expected = Buffer.from(this.#signature(form, time));
    const given = Buffer.from(match[2]);
    return given.length === expected.length && timingSafeEqual(given, expected) ? time : null;
  }

  /** Checks a value sent back with `form` at `now`: the time it was served, or the problem. */
  check(form: string, value: unknown, now: number): FillTimeCheck {
    if (value === undefined || value === null || value === '') return { ok: false, problem: 'missing' };
    const startedAt = this.signedTime(form, value);
    if (startedAt === null) return { ok: false, problem: 'forged' };
    if (startedAt > now + allowedClockSkewMs) return { ok: false, problem: 'from the future' };
    if (now - startedAt < this.#rules.minFillMs) return { ok: false, problem: 'too fast' };
    if (now - startedAt > this.#rules.maxAgeMs) return { ok: false, problem: 'expired' };
    return { ok: true, startedAt };
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where the generated secret is kept when `FORM_SECRET` is not set. */
export function formSecretFile(env: Env = process.env): string {
  return path.resolve(env.FORM_SECRET_FILE ?? '.form-secret');
}

function readSecretFile(file: string): Buffer {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `${file} can be read by other users (mode ${mode.toString(8)}): anyone who reads it can sign forms. Run "chmod 600 ${file}", or set FORM_SECRET instead.`,
    );
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (secret.length < minimumSecretLength / 2) {
    throw new Error(`${file} does not hold a form secret. Delete it to have a new one made at the next start.`);
  }
  return secret;
}

/**
 * The secret forms are signed with: `FORM_SECRET` (at least 32 characters), else the file at
 * `FORM_SECRET_FILE`, made with 32 random bytes and mode 600 at the first start.
 */
export function loadFormSecret(env: Env = process.env): Buffer {
  const fromEnv = env.FORM_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < minimumSecretLength) {
      throw new Error(
        `FORM_SECRET must be at least ${minimumSecretLength} characters (try "openssl rand -base64 32"), not ${fromEnv.length}.`,
      );
    }
    return Buffer.from(fromEnv, 'utf8');
  }
  const file = formSecretFile(env);
  try {
    return readSecretFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole beside it, then linked into place: link() fails if the name exists, so two
  // processes starting together end up with one secret, and nobody reads a half-written file.
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, `${randomBytes(secretBytes).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readSecretFile(file);
}
