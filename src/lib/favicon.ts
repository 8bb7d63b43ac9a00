/**
 * The site's icon as a `data:` URI, from public/favicon.svg at build time, so no page costs a
 * request (and its response headers) for it. The file stays for anyone who links to it.
 */
import svg from '../../public/favicon.svg?raw';

/**
 * Percent-encoded only where a URI needs it, and its double quotes made single (the same SVG,
 * no escape needed in an HTML attribute): smaller than base64 for SVG text.
 */
export const faviconHref = `data:image/svg+xml,${svg
  .trim()
  .replaceAll('"', "'")
  .replace(/[#%<>\s]/g, (c) => (c === ' ' ? '%20' : encodeURIComponent(c)))}`;
