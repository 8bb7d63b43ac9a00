/**
 * Email addresses as the site's forms take them: an ASCII local part (what every mail relay
 * carries; a non-ASCII one needs SMTPUTF8, which we cannot count on) and a domain that may be
 * international (`bücher.de`). The domain is turned into its ASCII form (punycode, the WHATWG URL
 * parser's IDNA), which is what goes on the wire, so no relay needs SMTPUTF8.
 */

// zod's email rule for the local part (letters, digits, `_'+-.`, no leading, trailing or double dot).
const localPart = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+.-]*[A-Za-z0-9_+-]$/;
// Hostname labels, and a top-level domain of letters or an IDN one (`xn--p1ai`, рф).
const asciiDomain = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// Anything that would make the URL parser read more than a host.
const notInDomains = /[\s/\\:?#[\]@%<>"]/;

/** The domain in ASCII (lower case, punycode), or null when it is not a domain. */
export function domainToAscii(domain: string): string | null {
  if (domain === '' || notInDomains.test(domain)) return null;
  let host: string;
  try {
    host = new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
  return asciiDomain.test(host) && host.length <= 253 ? host : null;
}

/** `local@domain` with the domain in ASCII, or null when it is not an address we can send to. */
export function asciiAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const domain = domainToAscii(address.slice(at + 1));
  if (local.length > 64 || !localPart.test(local) || domain === null) return null;
  return `${local}@${domain}`;
}
