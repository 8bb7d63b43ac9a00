/**
 * The contact schema: every field's message, the shape rules (unknown fields, text only), line
 * breaks kept out of the name, and the size budget that lets any valid message fit 32 KB.
 */
import { describe, expect, it } from 'vitest';
import { fieldAnchor, initialState } from '../../src/lib/contact/form.ts';
import { limits, maxBodyBytes, messages, validateContact } from '../../src/lib/contact/schema.ts';
import { alternativeFormatUrl } from '../../src/lib/routing/urls.ts';
import { errorStates, validStates } from '../fixtures/contact/form-states.ts';

const valid = { name: 'Jane Doe', email: 'jane@example.com', topic: 'policy-question', message: 'Hello' };

function errorsOf(input: Record<string, unknown>) {
  const result = validateContact(input);
  if (result.kind !== 'invalid') throw new Error(`expected errors, got ${result.kind}`);
  return result.errors.map((error) => [error.field, error.message]);
}

describe('form states (shared with the browser tests)', () => {
  for (const state of errorStates) {
    it(`${state.name}: exactly these errors, in page order`, () => {
      expect(errorsOf(state.fill)).toEqual(state.errors);
    });
  }
  for (const state of validStates) {
    it(`${state.name}: valid`, () => {
      expect(validateContact(state.fill).kind).toBe('valid');
    });
  }
});

describe('each field', () => {
  it.each([
    ['name', '', messages.name.empty],
    ['name', '  ', messages.name.empty],
    ['name', 'a'.repeat(limits.name + 1), messages.name.tooLong],
    ['name', 'Eve\r\nBcc: victim@example.com', messages.name.oneLine],
    ['name', 'Eve\nX', messages.name.oneLine],
    ['email', '', messages.email.empty],
    ['email', 'jane', messages.email.format],
    ['email', 'jane@example', messages.email.format],
    ['email', 'jane@example.com\r\nBcc: victim@example.com', messages.email.format],
    ['email', `${'a'.repeat(250)}@example.com`, messages.email.tooLong],
    ['email', 'josé@example.com', messages.email.format], // a non-ASCII local part needs SMTPUTF8
    ['email', 'jane@exa mple.com', messages.email.format],
    ['email', 'jane@example.com/evil', messages.email.format],
    ['email', 'jane@bücher', messages.email.format],
    ['topic', '', messages.topic.missing],
    ['topic', 'spam', messages.topic.missing],
    ['message', '', messages.message.empty],
    ['message', ' \n ', messages.message.empty],
    ['message', 'a'.repeat(limits.message + 1), messages.message.tooLong],
  ])('%s = %j → "%s"', (field, value, message) => {
    expect(errorsOf({ ...valid, [field]: value })).toEqual([[field, message]]);
  });

  it('a missing field reads as empty', () => {
    expect(errorsOf({ email: 'jane@example.com', topic: 'something-else', message: 'x' })).toEqual([
      ['name', messages.name.empty],
    ]);
  });

  it('alternative format asks for the document and the format, and a description for "other"', () => {
    const base = { ...valid, topic: 'alternative-format' };
    expect(errorsOf(base)).toEqual([
      ['document', messages.document.missing],
      ['format', messages.format.missing],
    ]);
    expect(errorsOf({ ...base, document: 'no-such-policy', format: 'braille' })).toEqual([
      ['document', messages.document.missing],
    ]);
    expect(errorsOf({ ...base, document: 'privacy-policy', format: 'other', formatOther: '' })).toEqual([
      ['formatOther', messages.formatOther.empty],
    ]);
    expect(
      errorsOf({
        ...base,
        document: 'privacy-policy',
        format: 'other',
        formatOther: 'x'.repeat(limits.formatOther + 1),
      }),
    ).toEqual([['formatOther', messages.formatOther.tooLong]]);
  });

  it.each([
    ['a line break', 'Audio\r\nName: Support team\r\nEmail: support@allworknow.com'],
    ['a bare line feed', 'Audio\nEmail: x@example.com'],
    ["Unicode's line separator", 'Audio\u2028Email: x@example.com'],
  ])('the format description is one line: %s is an error, never a forged line', (_case, formatOther) => {
    const base = { ...valid, topic: 'alternative-format', document: 'privacy-policy', format: 'other' };
    expect(errorsOf({ ...base, formatOther })).toEqual([['formatOther', messages.formatOther.oneLine]]);
  });

  it('a name with a Unicode line separator is an error', () => {
    expect(errorsOf({ ...valid, name: 'Eve\u2028Email: x@example.com' })).toEqual([['name', messages.name.oneLine]]);
  });

  it.each(['user@bücher.de', 'ivan@пример.рф', 'a.b+c@xn--bcher-kva.de', 'x@sub.例え.jp'])(
    'an address with an international domain is accepted: %s',
    (email) => {
      expect(validateContact({ ...valid, email })).toMatchObject({ kind: 'valid', submission: { email } });
    },
  );

  it('a California privacy request asks what to do and whether an agent sends it', () => {
    const base = { ...valid, topic: 'privacy-request' };
    expect(errorsOf({ ...base, request: 'sell' })).toEqual([
      ['request', messages.request.missing],
      ['agent', messages.agent.missing],
    ]);
    expect(errorsOf({ ...base, request: 'know', agent: 'maybe' })).toEqual([['agent', messages.agent.missing]]);
  });
});

describe('the submission', () => {
  it('is normalised: trimmed, line breaks as the browser counts them', () => {
    const result = validateContact({ ...valid, name: ' Jane ', email: ' jane@example.com ', message: 'a\r\nb' });
    expect(result).toMatchObject({
      kind: 'valid',
      submission: { name: 'Jane', email: 'jane@example.com', message: 'a\nb' },
    });
  });

  it('counts a CR LF line break as one character, as the browser does', () => {
    const message = `${'a'.repeat(limits.message - 2)}\r\nb`;
    expect(validateContact({ ...valid, message }).kind).toBe('valid');
  });

  it('keeps only the details of the chosen topic', () => {
    const result = validateContact({ ...valid, document: 'garbage', format: 'other', request: 'x', agent: 'yes' });
    expect(result).toMatchObject({ kind: 'valid', submission: { about: { topic: 'policy-question' } } });
    const request = validateContact({ ...valid, topic: 'privacy-request', request: 'correct', agent: 'no' });
    expect(request).toMatchObject({
      submission: { about: { topic: 'privacy-request', request: 'correct', authorizedAgent: false } },
    });
    const format = validateContact({
      ...valid,
      topic: 'alternative-format',
      document: 'privacy-policy',
      format: 'braille',
      formatOther: 'ignored',
    });
    expect(format).toMatchObject({
      submission: { about: { document: 'privacy-policy', format: 'braille', formatOther: null } },
    });
  });

  it('reads the honeypot and the start time', () => {
    // As sent: whether the server signed it is for src/lib/forms/fill-time.ts to say.
    expect(validateContact({ ...valid, website: 'http://spam', started: '1700000000000.sig' })).toMatchObject({
      submission: { honeypot: 'http://spam', started: '1700000000000.sig' },
    });
    expect(validateContact({ ...valid, started: undefined })).toMatchObject({ submission: { started: '' } });
  });
});

describe('the shape', () => {
  it('refuses unknown fields, naming them', () => {
    expect(validateContact({ ...valid, to: 'attacker@example.com' })).toEqual({
      kind: 'malformed',
      reason: 'unknown field: to',
    });
  });

  it('refuses values that are not text', () => {
    expect(validateContact({ ...valid, name: ['a', 'b'] }).kind).toBe('malformed');
    expect(validateContact({ ...valid, message: { text: 'x' } }).kind).toBe('malformed');
  });
});

describe('the size budget', () => {
  it('the largest valid submission, in the widest characters, fits the 32 KB body limit', () => {
    const wide = '€'; // 3 bytes in UTF-8, 9 once percent-encoded: the worst case per character
    const body = new URLSearchParams({
      name: wide.repeat(limits.name),
      email: `${'a'.repeat(limits.email - 12)}@example.com`,
      topic: 'alternative-format',
      document: 'california-privacy-notice',
      format: 'other',
      formatOther: wide.repeat(limits.formatOther),
      message: wide.repeat(limits.message),
      website: '',
      started: `${Date.now()}.${'A'.repeat(43)}`, // as long as a signed value
    }).toString();
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(maxBodyBytes);
  });
});

describe('pre-selection from the URL', () => {
  it('selects the alternative format and the document the policy pages link with', () => {
    const url = new URL(alternativeFormatUrl('privacy-policy'), 'https://x');
    expect(initialState(url, '1.sig').values).toEqual({ topic: 'alternative-format', document: 'privacy-policy' });
  });

  it('ignores values it does not know, and a document without the alternative-format topic', () => {
    expect(initialState(new URL('https://x/contact/?topic=x&document=privacy-policy'), '1.sig').values).toEqual({});
    expect(
      initialState(new URL('https://x/contact/?topic=policy-question&document=privacy-policy'), '1.sig').values,
    ).toEqual({
      topic: 'policy-question',
    });
  });

  it('links errors to the input, or to a group’s first option', () => {
    expect(fieldAnchor('email')).toBe('email');
    expect(fieldAnchor('topic')).toBe('topic-policy-question');
    expect(fieldAnchor('formatOther')).toBe('format-description');
  });
});
