/**
 * How every browser run here starts Debian's Chromium (Playwright cannot download its own):
 * the e2e tests, the page-weight bench and Lighthouse.
 *
 * The default is Debian's `chromium-headless-shell`: the same Blink and V8 as `chromium` (same
 * version), without the desktop browser around them. On this two-core machine it runs the browser
 * tests on about half the CPU time (the every-build project: 175 CPU-s against 303–339 with
 * `/usr/bin/chromium`; the whole e2e suite 255 s wall against 372 s), and the browser is most of
 * what those tests cost. CHROMIUM_PATH picks another binary, e.g. `/usr/bin/chromium`.
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
