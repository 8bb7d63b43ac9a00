/**
 * The two emails the alerts send, built whole (RFC 5322, multipart plain text + HTML) and
 * stored in the outbox as they will be sent, as the contact form's messages are:
 * - the confirmation of a subscription (double opt-in), with its link;
 * - the alert about one new version, with `List-Unsubscribe` and `List-Unsubscribe-Post`
 *   (RFC 8058 one-click) and an unsubscribe link in the body.
 * Every value put in a header is our own (policy names, dates, references) or an address the
 * schema checked; `headerSafe` removes line breaks again.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { site } from '../../site.config.ts';
import { headerSafe, referenceHeader } from '../contact/mailer.ts';
import { formatDate } from '../dates.ts';
import {
  changesUrl,
  confirmSubscriptionUrl,
  oneClickUnsubscribeUrl,
  subscribeUrl,
  unsubscribeUrl,
  versionUrl,
} from '../routing/urls.ts';
import { escapeHtml } from '../text.ts';
import type { AlertsConfig } from './config.ts';
import { linkLifetimeDays } from './config.ts';
import { alertHeader } from './envelope.ts';
import type { AlertChoices } from './subscriptions.ts';

type MessageConfig = Pick<AlertsConfig, 'siteUrl' | 'mailFrom'> & {
  readonly contact: Pick<AlertsConfig['contact'], 'messageIdHost'>;
};

/** What an alert says about a version. */
export interface AnnouncedVersion {
  readonly policy: string;
  readonly title: string;
  readonly version: string;
  /** "December 1, 2026" (or "second version of …"). */
  readonly label: string;
  readonly change: 'substantive' | 'editorial';
  readonly summary: string;
  readonly effective: string;
  /** False for a policy's first version: it has no changes page. */
  readonly hasChanges: boolean;
}

const policyName = (id: string): string => site.policies.find((policy) => policy.id === id)?.name ?? id;

/** Plain text and HTML from the same paragraphs; a paragraph may end with a link. */
interface Paragraph {
  readonly text: string;
  readonly link?: { readonly label: string; readonly url: string };
}

function bodies(paragraphs: readonly Paragraph[]): { text: string; html: string } {
  const text = paragraphs.map((p) => (p.link ? `${p.text}\n${p.link.url}` : p.text)).join('\n\n');
  const html = paragraphs
    .map((p) => {
      const link = p.link ? ` <a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a>` : '';
      return `<p>${escapeHtml(p.text)}${link}</p>`;
    })
    .join('\n');
  return {
    text: `${text}\n`,
    html: `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(site.siteName)}</title></head><body>\n${html}\n</body></html>\n`,
  };
}

function compose(
  options: {
    readonly to: string;
    readonly subject: string;
    readonly paragraphs: readonly Paragraph[];
    readonly reference: string;
    readonly kind: 'confirmation' | 'alert';
    readonly headers?: Record<string, string>;
    readonly date: Date;
  },
  config: MessageConfig,
): Promise<Buffer> {
  const { text, html } = bodies(options.paragraphs);
  const composer = new MailComposer({
    from: { name: config.mailFrom.name, address: config.mailFrom.address },
    to: headerSafe(options.to),
    subject: options.subject,
    text,
    html,
    date: options.date,
    messageId: `<${options.reference.toLowerCase()}.${options.kind}@${config.contact.messageIdHost}>`,
    headers: { [alertHeader]: options.kind, [referenceHeader]: options.reference, ...options.headers },
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}

function choicesText(choices: AlertChoices): string {
  const names = choices.policies.map(policyName).join(' and ');
  return choices.substantiveOnly ? `${names}, substantive changes only` : `${names}, every change`;
}

/** The confirmation message of a subscription request. */
export function confirmationMessage(
  request: { readonly to: string; readonly token: string; readonly choices: AlertChoices; readonly reference: string },
  config: MessageConfig,
  now = new Date(),
): Promise<Buffer> {
  return compose(
    {
      to: request.to,
      subject: `Confirm your email alerts from ${site.siteName}`,
      reference: request.reference,
      kind: 'confirmation',
      date: now,
      paragraphs: [
        {
          text: `Someone, probably you, asked for email alerts when our policies change: ${choicesText(request.choices)}.`,
        },
        {
          text: `To start them, open this link within ${linkLifetimeDays} days and select "Confirm":`,
          link: {
            label: 'Confirm your email alerts',
            url: `${config.siteUrl}${confirmSubscriptionUrl(request.token)}`,
          },
        },
        {
          text: 'If you did not ask for this, ignore this email: we will not send you anything else.',
        },
      ],
    },
    config,
  );
}

/** The subject of an alert: the policy, the version and what kind of change it is. */
export function alertSubject(version: AnnouncedVersion): string {
  return `${policyName(version.policy)} updated: version of ${version.label} (${version.change} change)`;
}

/** The alert about one new version, to one subscriber. */
export function alertMessage(
  alert: {
    readonly to: string;
    readonly version: AnnouncedVersion;
    readonly reference: string;
    readonly unsubscribeToken: string;
  },
  config: MessageConfig,
  now = new Date(),
): Promise<Buffer> {
  const { version } = alert;
  const pageUrl = `${config.siteUrl}${versionUrl(version.policy, version.version)}`;
  const effective = formatDate(version.effective);
  return compose(
    {
      to: alert.to,
      subject: alertSubject(version),
      reference: alert.reference,
      kind: 'alert',
      date: now,
      headers: {
        'List-Unsubscribe': `<${config.siteUrl}${oneClickUnsubscribeUrl(alert.unsubscribeToken)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      paragraphs: [
        { text: `A new version of the ${version.title} has been published.` },
        { text: `Version: ${version.label}` },
        { text: `Change: ${version.change === 'substantive' ? 'Substantive' : 'Editorial'}` },
        { text: `Takes effect: ${effective}` },
        { text: `Summary: ${version.summary}` },
        { text: 'Read this version:', link: { label: `${version.title}, ${version.label}`, url: pageUrl } },
        ...(version.hasChanges
          ? [
              {
                text: 'See what changed:',
                link: {
                  label: `Changes in the version of ${version.label}`,
                  url: `${config.siteUrl}${changesUrl(version.policy, version.version)}`,
                },
              },
            ]
          : []),
        {
          text: `You get this email because you subscribed to alerts about the ${policyName(version.policy)}. To stop them:`,
          link: { label: 'Unsubscribe', url: `${config.siteUrl}${unsubscribeUrl(alert.unsubscribeToken)}` },
        },
        {
          text: 'To choose other alerts, subscribe again:',
          link: { label: 'Email alerts', url: `${config.siteUrl}${subscribeUrl()}` },
        },
      ],
    },
    config,
  );
}
