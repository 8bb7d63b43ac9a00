/**
 * How every browser run here starts Debian's Chromium (Playwright cannot download its own):
 * the e2e tests, the page-weight bench and Lighthouse. Without the background-networking flags,
 * Chromium keeps trying to reach Google's hosts, which a closed network refuses.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
