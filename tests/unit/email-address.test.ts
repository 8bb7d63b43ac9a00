/** Email addresses with international domains (src/lib/forms/email-address.ts). */
import { describe, expect, it } from 'vitest';
import { asciiAddress, domainToAscii } from '../../src/lib/forms/email-address.ts';

describe('asciiAddress', () => {
  it.each([
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['ivan@пример.рф', 'ivan@xn--e1afmkfd.xn--p1ai'],
    ['Jane.Doe+tag@Example.COM', 'Jane.Doe+tag@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
  ])('%s → %s', (address, ascii) => {
    expect(asciiAddress(address)).toBe(ascii);
  });

  it.each([
    'josé@example.com',
    'jane@example',
    '@example.com',
    'jane@',
    '.jane@example.com',
    'ja..ne@example.com',
    'jane@exa mple.com',
    'jane@example.com:25',
    'jane@[127.0.0.1]',
    'jane@127.0.0.1',
    'jane@evil.example/x',
    'jane@evil.example\\x',
    'jane@example.com\r\nBcc: x@example.com',
    `${'a'.repeat(65)}@example.com`,
  ])('refuses %j', (address) => {
    expect(asciiAddress(address)).toBeNull();
  });
});

describe('domainToAscii', () => {
  it('lower-cases and encodes, refusing what is not a host name', () => {
    expect(domainToAscii('BÜCHER.de')).toBe('xn--bcher-kva.de');
    expect(domainToAscii('-bad.example')).toBeNull();
    expect(domainToAscii('')).toBeNull();
  });
});
