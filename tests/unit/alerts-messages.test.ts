/**
 * The alerts' emails and the rules around them: who the relay delivers a stored message to,
 * what an alert carries (multipart, RFC 8058 headers, links), the one-click body, and the
 * subscribe form's validation.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { alertsConfig } from '../../src/lib/alerts/config.ts';
import { envelopeRecipient } from '../../src/lib/alerts/envelope.ts';
import { validateSubscribe } from '../../src/lib/alerts/form.ts';
import { alertMessage, confirmationMessage, type AnnouncedVersion } from '../../src/lib/alerts/messages.ts';
import { isOneClickBody } from '../../src/lib/alerts/one-click.ts';
import { alertReference } from '../../src/lib/alerts/tokens.ts';
import { composeMessage } from '../../src/lib/contact/mailer.ts';
import { contactConfig } from '../../src/lib/contact/config.ts';

const env = { SITE_URL: 'https://policies.example.org/', SUPPORT_EMAIL: 'help@example.org' };
const config = alertsConfig(env, contactConfig(env));
const version: AnnouncedVersion = {
  policy: 'privacy-policy',
  title: 'AllWork Privacy Policy',
  version: '2026-03-01',
  label: 'March 1, 2026',
  change: 'substantive',
  summary: 'We say how long we keep <logs> & why.',
  effective: '2026-04-01',
  hasChanges: true,
};
const token = 'T'.repeat(43);

describe('the envelope recipient', () => {
  it('is the subscriber for alerts and confirmations, the support address for contact messages', async () => {
    const alert = await alertMessage(
      { to: 'ada@example.net', version, reference: 'AW-0000-0001', unsubscribeToken: token },
      config,
    );
    const confirmation = await confirmationMessage(
      {
        to: 'bo@example.net',
        token,
        reference: 'AW-0000-0002',
        choices: { policies: ['privacy-policy'], substantiveOnly: false },
      },
      config,
    );
    const contact = await composeMessage(
      {
        name: 'X-AllWork-Alert: alert',
        email: 'cy@example.net',
        message: 'To: evil@example.com',
        honeypot: '',
        started: '',
        about: { topic: 'policy-question' },
      },
      { reference: 'AW-0000-0003', receivedAt: new Date(0), config: config.contact },
    );
    expect(envelopeRecipient(alert, 'help@example.org')).toBe('ada@example.net');
    expect(envelopeRecipient(confirmation, 'help@example.org')).toBe('bo@example.net');
    expect(envelopeRecipient(contact, 'help@example.org')).toBe('help@example.org');
  });
});

describe('an alert', () => {
  it('is plain text and HTML, with RFC 8058 headers, its facts and its links', async () => {
    const raw = await alertMessage(
      { to: 'ada@example.net', version, reference: 'AW-0000-0001', unsubscribeToken: token },
      config,
    );
    const text = raw.toString('utf8');
    expect(text).toMatch(/^List-Unsubscribe:\s+<https:\/\/policies\.example\.org\/api\/unsubscribe\?token=T{43}>\r$/m);
    expect(text).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('Privacy Policy updated: version of March 1, 2026 (substantive change)');
    expect(mail.messageId).toBe('<aw-0000-0001.alert@policies.example.org>');
    expect(mail.text).toContain('Takes effect: April 1, 2026');
    expect(mail.text).toContain('https://policies.example.org/privacy-policy/2026-03-01/changes/');
    expect(mail.text).toContain(`https://policies.example.org/unsubscribe/?token=${token}`);
    expect(mail.html).toContain('We say how long we keep &lt;logs&gt; &amp; why.');
  });

  it('of a first version links to no changes page', async () => {
    const raw = await alertMessage(
      {
        to: 'ada@example.net',
        version: { ...version, hasChanges: false },
        reference: 'AW-0000-0001',
        unsubscribeToken: token,
      },
      config,
    );
    expect((await simpleParser(raw)).text).not.toContain('/changes/');
  });

  it('has a reference derived from subscriber and version: the same every time, different for another', () => {
    expect(alertReference(7, 'privacy-policy', '2026-03-01')).toBe(alertReference(7, 'privacy-policy', '2026-03-01'));
    expect(alertReference(7, 'privacy-policy', '2026-03-01')).not.toBe(
      alertReference(8, 'privacy-policy', '2026-03-01'),
    );
    expect(alertReference(7, 'privacy-policy', '2026-03-01')).toMatch(/^AW-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });
});

describe('the one-click body', () => {
  it('is List-Unsubscribe=One-Click, urlencoded or as a multipart field', () => {
    expect(isOneClickBody('List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded')).toBe(true);
    const multipart = '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n';
    expect(isOneClickBody(multipart, 'multipart/form-data; boundary=b')).toBe(true);
    expect(isOneClickBody('List-Unsubscribe=Yes', 'application/x-www-form-urlencoded')).toBe(false);
    expect(isOneClickBody('', '')).toBe(false);
  });
});

describe('the subscribe form', () => {
  it('reports the address, then the policies, in page order', () => {
    expect(validateSubscribe({ email: '' })).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'email', message: 'Enter your email address' },
        { field: 'policies', message: 'Select at least one policy' },
      ],
    });
  });

  it('takes the ticked policies and the substantive-only choice', () => {
    expect(
      validateSubscribe({
        email: ' ada@example.net ',
        'policy-california-privacy-notice': 'yes',
        'substantive-only': 'yes',
      }),
    ).toEqual({
      kind: 'valid',
      address: 'ada@example.net',
      choices: { policies: ['california-privacy-notice'], substantiveOnly: true },
    });
  });

  it('keeps an international domain in its ASCII form', () => {
    const result = validateSubscribe({ email: 'ada@bücher.de', 'policy-privacy-policy': 'yes' });
    expect(result.kind === 'valid' && result.address).toBe('ada@xn--bcher-kva.de');
  });

  it('refuses a field it does not have', () => {
    expect(validateSubscribe({ email: 'a@b.example', 'policy-unknown': 'yes' }).kind).toBe('malformed');
  });
});
