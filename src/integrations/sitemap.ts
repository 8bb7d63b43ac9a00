import { readdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Writes sitemap.xml and robots.txt from the pages the build actually emitted, so every page
 * (including ones added later) is listed without a hand-kept list.
 */
export function sitemap(): AstroIntegration {
  let site = '';
  return {
    name: 'allwork:sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = (config.site ?? '').replace(/\/$/, '');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = await readdir(fileURLToPath(dir), { recursive: true });
        const pages = files
          .filter((file) => file.endsWith('index.html'))
          .map((file) => `/${file.replace(/index\.html$/, '')}`)
          .sort();
        const urls = pages.map((page) => `  <url><loc>${site}${page}</loc></url>`).join('\n');
        await writeFile(
          new URL('sitemap.xml', dir),
          `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`,
        );
        await writeFile(new URL('robots.txt', dir), `User-agent: *\nAllow: /\n\nSitemap: ${site}/sitemap.xml\n`);
        logger.info(`sitemap.xml lists ${pages.length} pages`);
      },
    },
  };
}
