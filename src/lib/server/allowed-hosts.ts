/**
 * The hosts the server answers as, for Astro's `security.allowedDomains`. Astro builds each
 * request's URL from the Host (or, behind a proxy, X-Forwarded-Host/-Proto) header only when it
 * matches one of these; otherwise the URL's host is "localhost", the request's origin does not
 * match the browser's `Origin`, and the origin check refuses every form post. So the list must
 * name every address people reach the site at. Read at build time (Astro bakes it into the
 * server bundle); see docs/decisions/0007-contact-outbox.md.
 */

export interface AllowedDomain {
  hostname: string;
  protocol?: string;
  port?: string;
}

/**
 * Loopback names, on any port: the port is chosen when the server starts (`PORT`), after the
 * build, and a Host header naming a loopback address gains an attacker nothing.
 */
const loopback: AllowedDomain[] = [{ hostname: '127.0.0.1' }, { hostname: 'localhost' }];

/** One entry of `ALLOWED_HOSTS`: `https://policies.example.com`, `example.com:8443` or `*.example.com`. */
function parseEntry(entry: string): AllowedDomain {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `placeholder://${entry}`;
  let url: URL;
  try {
    url = new URL(withScheme.replace('*.', 'wildcard-subdomain.'));
  } catch {
    throw new Error(`ALLOWED_HOSTS: "${entry}" is not a host name (write it like https://policies.example.com).`);
  }
  const hostname = url.hostname.replace('wildcard-subdomain.', '*.');
  const domain: AllowedDomain = { hostname };
  if (url.protocol !== 'placeholder:') domain.protocol = url.protocol.slice(0, -1);
  if (url.port) domain.port = url.port;
  return domain;
}

/**
 * `ALLOWED_HOSTS` (comma- or space-separated) when set, else the site's own host over its
 * protocol; loopback is always added so the server can be reached (and tested) locally.
 */
export function allowedDomains(allowedHosts: string | undefined, siteUrl: string): AllowedDomain[] {
  const entries = (allowedHosts ?? '').split(/[\s,]+/).filter(Boolean);
  const site = new URL(siteUrl);
  const configured = entries.length
    ? entries.map(parseEntry)
    : [{ hostname: site.hostname, protocol: site.protocol.slice(0, -1) }];
  return [...configured, ...loopback];
}
