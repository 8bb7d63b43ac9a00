/** Lighthouse scores (0–100) for one URL, mobile and desktop, in Debian's Chromium. */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { chromiumArgs, chromiumPath } from '../chromium.ts';

export interface LighthouseScores {
  readonly formFactor: 'mobile' | 'desktop';
  readonly performance: number;
  readonly accessibility: number;
  readonly bestPractices: number;
  readonly seo: number;
}

export async function lighthouseScores(url: string): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: [...chromiumArgs],
  });
  const results: LighthouseScores[] = [];
  try {
    for (const formFactor of ['mobile', 'desktop'] as const) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error' },
        formFactor === 'desktop' ? desktopConfig : undefined,
      );
      const categories = result?.lhr.categories;
      const score = (key: string): number => Math.round((categories?.[key]?.score ?? 0) * 100);
      results.push({
        formFactor,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}
