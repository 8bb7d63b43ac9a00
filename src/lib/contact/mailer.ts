/**
 * The email a submission becomes, and the SMTP relay that carries it to the support address.
 *
 * The message is built once, when it is accepted, and stored as it will be sent (an .eml file):
 * what support receives is exactly what sat in the outbox. Nothing the sender typed goes into
 * a header except their name and address in Reply-To, and those are checked twice: the schema
 * refuses line breaks, and `headerSafe` strips them again here; a name that looks like an address
 * is left out (`replyToName`).
 */
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { envelopeRecipient } from '../alerts/envelope.ts';
import { asciiAddress } from '../forms/email-address.ts';
import type { ContactConfig } from './config.ts';
import { messageIdFor } from './reference.ts';
import { documents, formats, privacyRequests, topics, type ContactAbout, type ContactSubmission } from './schema.ts';

/** Extra headers support can filter on; neither carries anything the sender typed. */
export const referenceHeader = 'X-AllWork-Reference';
export const topicHeader = 'X-AllWork-Topic';

function labelOf(options: readonly { value: string; label: string }[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? value;
}

/** Removes CR, LF and other control characters: a header value stays one header. */
export function headerSafe(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/**
 * The sender's name as Reply-To's display name, or '' when it could pass for an address: mail
 * clients show a display name instead of the address, and decode encoded words in it, so a name
 * like `Support <support@…>` or `=?UTF-8?Q?Support_=3Csupport=40…?=` would make a reply look
 * like it goes to us. The name is in the message's text either way.
 */
export function replyToName(name: string): string {
  const safe = headerSafe(name);
  return /[@<>"]|=\?/.test(safe) ? '' : safe;
}

/** The subject line: fixed words and the reference only, never the sender's text. */
export function subjectFor(about: ContactAbout, reference: string): string {
  switch (about.topic) {
    case 'alternative-format':
      return `[${reference}] Alternative format: ${labelOf(documents, about.document)}, ${labelOf(formats, about.format)}`;
    case 'privacy-request':
      return `[${reference}] California privacy request: ${about.request}${about.authorizedAgent ? ' (authorized agent)' : ''}`;
    case 'policy-question':
      return `[${reference}] Question about a policy`;
    case 'something-else':
      return `[${reference}] Contact form message`;
  }
}

function detailLines(about: ContactAbout): string[] {
  const lines = [`About: ${labelOf(topics, about.topic)}`];
  if (about.topic === 'alternative-format') {
    lines.push(`Document: ${labelOf(documents, about.document)}`);
    lines.push(`Format: ${labelOf(formats, about.format)}${about.formatOther ? ` (${about.formatOther})` : ''}`);
  } else if (about.topic === 'privacy-request') {
    lines.push(`Request: ${labelOf(privacyRequests, about.request)}`);
    lines.push(
      `Authorized agent: ${about.authorizedAgent ? 'Yes (ask for the document signed by the person they act for)' : 'No'}`,
    );
  }
  return lines;
}

export interface ComposeOptions {
  readonly reference: string;
  readonly receivedAt: Date;
  readonly config: Pick<ContactConfig, 'supportEmail' | 'mailFrom' | 'messageIdHost'>;
}

/** Builds the complete RFC 5322 message for a submission. */
export async function composeMessage(submission: ContactSubmission, options: ComposeOptions): Promise<Buffer> {
  const { reference, receivedAt, config } = options;
  const text = [
    `Reference: ${reference}`,
    `Received: ${receivedAt.toISOString()}`,
    ...detailLines(submission.about),
    `Name: ${submission.name}`,
    `Email: ${submission.email}`,
    '',
    'Message:',
    submission.message,
    '',
    '-- ',
    `Sent from the contact form at https://${config.messageIdHost}/contact/. Reply to answer the sender.`,
    '',
  ].join('\n');
  const composer = new MailComposer({
    from: { name: config.mailFrom.name, address: config.mailFrom.address },
    to: config.supportEmail,
    // The address with its domain in ASCII (punycode): any relay carries it, no SMTPUTF8 needed.
    replyTo: {
      name: replyToName(submission.name),
      address: asciiAddress(submission.email) ?? headerSafe(submission.email),
    },
    subject: subjectFor(submission.about, reference),
    text,
    date: receivedAt,
    messageId: messageIdFor(reference, config.messageIdHost),
    headers: { [referenceHeader]: reference, [topicHeader]: submission.about.topic },
    // The message is our own text: never read files or URLs while building it.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

/** Something that hands a stored message to the mail system. */
export interface Relay {
  /** Resolves once the relay accepted the message; rejects with the relay's error otherwise. */
  send(raw: Buffer): Promise<void>;
  close(): void;
}

/**
 * The SMTP relay at `SMTP_URL`. The envelope recipient is the configured support address, except
 * for change alerts and their confirmations, which go to their subscriber (alerts/envelope.ts).
 */
export function smtpRelay(config: Pick<ContactConfig, 'smtpUrl' | 'supportEmail' | 'mailFrom'>): Relay {
  if (!config.smtpUrl) throw new Error('SMTP_URL is not set');
  // One pooled connection, reused from message to message (the loop sends one at a time);
  // anything SMTP_URL says, such as ?pool=false, wins over these.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: 1 });
  return {
    async send(raw) {
      await transport.sendMail({
        envelope: { from: config.mailFrom.address, to: [envelopeRecipient(raw, config.supportEmail)] },
        raw,
      });
    },
    close() {
      transport.close();
    },
  };
}

export interface FailureKind {
  /** The relay refused this message for good: retrying would get the same answer. */
  readonly permanent: boolean;
  /** For the log: error code and SMTP reply code only, never the reply text (it may quote addresses). */
  readonly summary: string;
}

interface RelayError {
  code?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

/**
 * Sorts a relay error: a 5xx reply to the message or its recipient is permanent (RFC 5321
 * 4.2.1), except 503 (bad sequence) and authentication failures, which are ours to fix in the
 * configuration and must not condemn every waiting message. Everything else is retried.
 */
export function classifyFailure(error: unknown): FailureKind {
  const { code, responseCode, permanent } = (typeof error === 'object' && error !== null ? error : {}) as RelayError;
  const codeText = typeof code === 'string' ? code : 'error';
  const reply = typeof responseCode === 'number' ? responseCode : null;
  const summary = reply === null ? codeText : `${codeText}, SMTP ${reply}`;
  if (codeText === 'EAUTH' || codeText === 'ENOAUTH') return { permanent: false, summary };
  const isPermanent = typeof permanent === 'boolean' ? permanent : reply !== null && reply >= 500 && reply !== 503;
  return { permanent: isPermanent && reply !== null, summary };
}
