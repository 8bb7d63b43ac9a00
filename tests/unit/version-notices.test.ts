/**
 * What a reader is told about a version's time in force, rendered through Astro's Container API
 * from repositories made in the test: the current page's notice of an upcoming version, and the
 * banner and facts of a version replaced on its own day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { componentRenderer, type ComponentRenderer } from '../helpers/components.ts';
import { record, repository } from '../helpers/records.ts';

let renderer: ComponentRenderer;
const components = new Map<string, AstroComponentFactory>();

beforeAll(async () => {
  renderer = await componentRenderer();
  for (const name of ['UpcomingNotice', 'VersionBanner', 'VersionFacts']) {
    const module = await renderer.load<{ default: AstroComponentFactory }>(`/src/components/history/${name}.astro`);
    components.set(name, module.default);
  }
}, 120_000);

afterAll(async () => {
  await renderer.close();
});

const render = async (name: string, props: object): Promise<string> =>
  (await renderer.render(components.get(name) as AstroComponentFactory, props)).replace(/\s+/g, ' ');

describe('an upcoming version on the current page', () => {
  const records = [record('2024-04-25'), record('2026-11-20', { effective: '2027-01-01' })];

  it('gives its date, a link to it and to what will change', async () => {
    const html = await render('UpcomingNotice', { policy: repository(records, '2026-12-01').policy('privacy-policy') });
    expect(html).toContain('<h2 id="upcoming-title">An updated version is coming</h2>');
    expect(html).toMatch(/takes effect on <time datetime="2027-01-01">January 1, 2027<\/time>/);
    expect(html).toContain('href="/privacy-policy/2026-11-20/"');
    expect(html).toContain('href="/privacy-policy/2026-11-20/changes/">See what will change</a>');
  });

  it('is not shown once the version is in force, or when none is coming', async () => {
    expect(
      await render('UpcomingNotice', { policy: repository(records, '2027-01-01').policy('privacy-policy') }),
    ).not.toContain('upcoming-title');
    expect(
      await render('UpcomingNotice', {
        policy: repository(records.slice(0, 1), '2026-12-01').policy('privacy-policy'),
      }),
    ).not.toContain('upcoming-title');
  });
});

describe('a version replaced on its own day', () => {
  const policy = repository([record('2024-04-25'), record('2026-12-01'), record('2026-12-01-2')], '2026-12-05').policy(
    'privacy-policy',
  );
  const replaced = policy.versions[1];

  it('says so plainly, with no period that ends before it began', async () => {
    const banner = await render('VersionBanner', { policy, version: replaced });
    expect(banner).toContain('was replaced by a later version the same day, so it was never in force for a whole day');
    expect(banner).not.toContain('November 30, 2026');
    const facts = await render('VersionFacts', { policy, version: replaced });
    expect(facts).toContain(
      'Replaced on the day it took effect, December 1, 2026, by a later version of that day (archived)',
    );
  });

  it('gives the version before it the period up to the day before', async () => {
    const banner = await render('VersionBanner', { policy, version: policy.versions[0] });
    expect(banner).toMatch(
      /in force from <time datetime="2024-04-25">April 25, 2024<\/time> to <time datetime="2026-11-30">November 30, 2026<\/time>/,
    );
  });
});
