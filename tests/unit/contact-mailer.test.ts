/**
 * The email a submission becomes: subject from fixed words, Reply-To the sender, a Message-ID
 * derived from the reference, the body word for word, and no way for input to add a header.
 */
import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { classifyFailure, composeMessage, headerSafe } from '../../src/lib/contact/mailer.ts';
import { isReference, messageIdFor, newReference } from '../../src/lib/contact/reference.ts';
import type { ContactSubmission } from '../../src/lib/contact/schema.ts';

const config = {
  supportEmail: 'support@allworknow.com',
  mailFrom: { name: 'AllWork Policies contact form', address: 'web@allworknow.com' },
  messageIdHost: 'policies.allworknow.com',
};
const submission: ContactSubmission = {
  name: 'Ana Lucía Pérez',
  email: 'ana@example.org',
  about: { topic: 'alternative-format', document: 'privacy-policy', format: 'other', formatOther: 'Audio CD' },
  message: 'Hola,\nI need this read aloud.\n\n— Ana',
  honeypot: '',
  started: '',
};

function addresses(value: AddressObject | AddressObject[] | undefined) {
  return [value ?? []].flat().flatMap((object) => object.value.map((a) => ({ name: a.name, address: a.address })));
}

describe('composeMessage', () => {
  it('builds the message support receives', async () => {
    const raw = await composeMessage(submission, {
      reference: 'AW-7K3M-9QXD',
      receivedAt: new Date('2026-01-02T03:04:05Z'),
      config,
    });
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('[AW-7K3M-9QXD] Alternative format: Privacy Policy, Another format');
    expect(addresses(mail.to)).toEqual([{ name: '', address: 'support@allworknow.com' }]);
    expect(addresses(mail.from)).toEqual([{ name: 'AllWork Policies contact form', address: 'web@allworknow.com' }]);
    expect(addresses(mail.replyTo)).toEqual([{ name: 'Ana Lucía Pérez', address: 'ana@example.org' }]);
    expect(mail.messageId).toBe('<aw-7k3m-9qxd.contact@policies.allworknow.com>');
    expect(mail.headers.get('x-allwork-reference')).toBe('AW-7K3M-9QXD');
    expect(mail.text).toContain('Document: Privacy Policy\nFormat: Another format (Audio CD)\n');
    expect(mail.text).toContain('Message:\nHola,\nI need this read aloud.\n\n— Ana\n');
  });

  it('puts nothing the sender typed in the subject', async () => {
    const raw = await composeMessage(
      { ...submission, about: { topic: 'privacy-request', request: 'delete', authorizedAgent: true } },
      { reference: 'AW-0000-0000', receivedAt: new Date(), config },
    );
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('[AW-0000-0000] California privacy request: delete (authorized agent)');
    expect(mail.text).toContain('Authorized agent: Yes');
  });

  it('cannot be given an extra header, even when the schema is bypassed', async () => {
    const raw = await composeMessage(
      {
        ...submission,
        name: 'Eve\r\nBcc: victim@example.com\r\nX-Injected: 1',
        email: 'eve@example.com\r\nCc: x@example.com',
      },
      { reference: 'AW-1111-1111', receivedAt: new Date(), config },
    );
    const mail = await simpleParser(raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    expect(mail.headers.has('x-injected')).toBe(false);
    const head = raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
    expect(head).not.toMatch(/^(bcc|cc|x-injected):/im);
    expect(addresses(mail.replyTo)).toHaveLength(1);
  });

  it.each([
    ['an encoded word hiding an address', '=?UTF-8?Q?Support_=3Csupport=40allworknow.com=3E?='],
    ['an address in angle brackets', 'Support <support@allworknow.com>'],
    ['an address alone', 'support@allworknow.com'],
  ])('leaves out a display name that could pass for an address (%s), keeping the address', async (_case, name) => {
    const raw = await composeMessage(
      { ...submission, name },
      { reference: 'AW-2222-2222', receivedAt: new Date(), config },
    );
    const mail = await simpleParser(raw);
    expect(addresses(mail.replyTo)).toEqual([{ name: '', address: 'ana@example.org' }]);
    const replyTo = /^Reply-To: (.*)$/im.exec(raw.toString('utf8'))?.[1];
    expect(replyTo).toBe('ana@example.org');
    // Support still reads the name as typed, in the text.
    expect(mail.text).toContain(`Name: ${name}\n`);
  });

  it('sends an international domain in its ASCII form, and shows it as typed in the text', async () => {
    const raw = await composeMessage(
      { ...submission, email: 'jurgen@bücher.de' },
      { reference: 'AW-3333-3333', receivedAt: new Date(), config },
    );
    const head = raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^Reply-To: =\?UTF-8\?Q\?Ana_Luc=C3=ADa_P=C3=A9rez\?= <jurgen@xn--bcher-kva\.de>$/m);
    expect(/[^\x00-\x7f]/.test(head)).toBe(false); // no relay needs SMTPUTF8
    expect((await simpleParser(raw)).text).toContain('Email: jurgen@bücher.de\n');
  });

  it('headerSafe removes line breaks and control characters', () => {
    expect(headerSafe('a\r\nb\tc\u0000d')).toBe('a b c d');
  });
});

describe('references', () => {
  it('are random, well formed, and give a stable Message-ID', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newReference()));
    expect(seen.size).toBe(200);
    for (const reference of seen) expect(isReference(reference)).toBe(true);
    expect(isReference('AW-ILOU-0000')).toBe(false);
    expect(isReference('<script>')).toBe(false);
    expect(messageIdFor('AW-7K3M-9QXD', 'h.example')).toBe(messageIdFor('AW-7K3M-9QXD', 'h.example'));
  });
});

describe('classifyFailure', () => {
  it('treats 5xx replies as permanent, except 503 and authentication', () => {
    expect(classifyFailure({ code: 'EENVELOPE', responseCode: 550 })).toEqual({
      permanent: true,
      summary: 'EENVELOPE, SMTP 550',
    });
    expect(classifyFailure({ code: 'EMESSAGE', responseCode: 554, permanent: true }).permanent).toBe(true);
    expect(classifyFailure({ code: 'EPROTOCOL', responseCode: 503 }).permanent).toBe(false);
    expect(classifyFailure({ code: 'EAUTH', responseCode: 535, permanent: true }).permanent).toBe(false);
    expect(classifyFailure({ code: 'EENVELOPE', responseCode: 451 }).permanent).toBe(false);
    expect(classifyFailure({ code: 'ESOCKET' })).toEqual({ permanent: false, summary: 'ESOCKET' });
    expect(classifyFailure(new Error('boom'))).toEqual({ permanent: false, summary: 'error' });
  });

  it('never repeats the reply text, which may quote addresses', () => {
    const summary = classifyFailure({
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 <jane@example.com> no',
    }).summary;
    expect(summary).not.toContain('jane');
  });
});
