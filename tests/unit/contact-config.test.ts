/**
 * Configuration the contact form depends on: environment variables, the hosts Astro's origin
 * check accepts, and forwarded headers believed only from a trusted proxy.
 */
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactConfig } from '../../src/lib/contact/config.ts';
import { allowedDomains } from '../../src/lib/server/allowed-hosts.ts';
import { normalizeForwardedHeaders } from '../../src/lib/server/forwarded.ts';

describe('contactConfig', () => {
  it('has safe defaults: the site support address, no SMTP, .outbox, 5 a minute', () => {
    const config = contactConfig({});
    expect(config).toMatchObject({
      supportEmail: 'support@allworknow.com',
      smtpUrl: null,
      outboxDir: path.resolve('.outbox'),
      messageIdHost: 'policies.allworknow.com',
      rateLimit: 5,
      rateWindowMs: 60_000,
      minFillMs: 3000,
      maxFillMs: 86_400_000,
      giveUpAfterMs: 5 * 86_400_000,
    });
  });

  it('reads every variable', () => {
    const config = contactConfig({
      SUPPORT_EMAIL: 'help@example.com',
      MAIL_FROM: 'Policies <web@example.com>',
      SMTP_URL: 'smtp://relay:25',
      OUTBOX_DIR: '/var/spool/contact',
      CONTACT_RATE_LIMIT: '0',
      OUTBOX_RETRY_MIN_MS: '10',
    });
    expect(config).toMatchObject({
      supportEmail: 'help@example.com',
      mailFrom: { name: 'Policies', address: 'web@example.com' },
      smtpUrl: 'smtp://relay:25',
      outboxDir: '/var/spool/contact',
      rateLimit: 0,
      retryMinMs: 10,
    });
  });

  it('names the variable when one is malformed', () => {
    expect(() => contactConfig({ SUPPORT_EMAIL: 'a@b.com, c@d.com' })).toThrow(/SUPPORT_EMAIL/);
    expect(() => contactConfig({ CONTACT_RATE_LIMIT: 'five' })).toThrow(/CONTACT_RATE_LIMIT/);
    expect(() => contactConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });
});

describe('allowedDomains', () => {
  it('defaults to the site host over its protocol, plus loopback on any port', () => {
    expect(allowedDomains(undefined, 'https://policies.allworknow.com')).toEqual([
      { hostname: 'policies.allworknow.com', protocol: 'https' },
      { hostname: '127.0.0.1' },
      { hostname: 'localhost' },
    ]);
  });

  it('reads ALLOWED_HOSTS: URLs, host:port and wildcards', () => {
    expect(allowedDomains('https://a.example.com, b.example.com:8443 *.example.org', 'https://x.example')).toEqual([
      { hostname: 'a.example.com', protocol: 'https' },
      { hostname: 'b.example.com', port: '8443' },
      { hostname: '*.example.org' },
      { hostname: '127.0.0.1' },
      { hostname: 'localhost' },
    ]);
  });

  it('names a bad entry', () => {
    expect(() => allowedDomains('https://', 'https://x.example')).toThrow(/ALLOWED_HOSTS/);
  });
});

describe('normalizeForwardedHeaders', () => {
  const forwarded = (): IncomingHttpHeaders => ({
    host: 'a',
    'x-forwarded-for': '6.6.6.6, 10.0.0.9',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
  });

  it('strips them all without a trusted proxy: a client cannot choose its address', () => {
    const headers = forwarded();
    normalizeForwardedHeaders(headers, false);
    expect(headers).toEqual({ host: 'a' });
  });

  it('behind a trusted proxy keeps the address the proxy saw (the last one)', () => {
    const headers = forwarded();
    normalizeForwardedHeaders(headers, true);
    expect(headers['x-forwarded-for']).toBe('10.0.0.9');
    expect(headers['x-forwarded-proto']).toBe('https');
  });

  it('keeps only the last entry of the protocol and host too, the ones HSTS reads', () => {
    const headers: IncomingHttpHeaders = {
      'x-forwarded-proto': 'http, https',
      'x-forwarded-host': ['evil.example', 'policies.example.com'],
    };
    normalizeForwardedHeaders(headers, true);
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-host']).toBe('policies.example.com');
  });
});
