/**
 * How every browser run here starts Debian's Chromium (Playwright cannot download its own):
 * the e2e tests, the page-weight bench and Lighthouse.
 *
 * The default is Debian's `chromium-headless-shell`: the same Blink and V8 as `chromium` (same
 * version), without the desktop browser around them, on about half the CPU time; the browser is
 * most of what the browser tests cost (the options and figures: docs/decisions/0019-ci-time.md,
 * option 8). CHROMIUM_PATH picks another binary by its absolute path, e.g. `/usr/bin/chromium`.
 *
 * Without the background-networking flags, Chromium keeps trying to reach Google's hosts, which a
 * closed network refuses.
 */
// `||`: an empty CHROMIUM_PATH is unset, as scripts/setup-test.sh reads it.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium-headless-shell';

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
