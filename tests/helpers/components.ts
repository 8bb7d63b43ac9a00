/**
 * Render Astro components outside a build, through Astro's Container API, for the component
 * tests: the render tests (vitest) and the axe tests (Playwright) load the same components and
 * the same examples through this one helper. Vite compiles the `.astro` files with the project's
 * own configuration (astro.config.mjs), in middleware mode: it opens no port and no WebSocket,
 * and `close()` stops it.
 */
import { getViteConfig } from 'astro/config';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { createServer, mergeConfig, type InlineConfig } from 'vite';

export interface ComponentRenderer {
  /** A module by its path from the project root, compiled as the site's build would. */
  load<T>(path: string): Promise<T>;
  /** The component's HTML for these props, as a page would contain it. */
  render(component: AstroComponentFactory, props: object): Promise<string>;
  close(): Promise<void>;
}

export async function componentRenderer(): Promise<ComponentRenderer> {
  const own: InlineConfig = {
    configFile: false,
    appType: 'custom',
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    // Server-side rendering only: nothing to prebundle for a browser, and a cache of its own, so
    // `astro dev` and `astro check` do not re-optimise their dependencies after a test run.
    optimizeDeps: { noDiscovery: true, include: [] },
    cacheDir: 'node_modules/.vite-components',
  };
  const astro = await getViteConfig({})({ mode: 'test', command: 'serve' });
  const vite = await createServer(mergeConfig(astro, own));
  const container = await AstroContainer.create();
  return {
    load: async <T>(path: string) => (await vite.ssrLoadModule(path)) as T,
    render: (component, props) => container.renderToString(component, { props: { ...props } }),
    close: () => vite.close(),
  };
}

/** Examples of a component folder: `examples.ts` beside the component (see the error summary's). */
export interface ComponentExamples<Props> {
  readonly component: AstroComponentFactory;
  readonly examples: readonly { readonly name: string; readonly props: Props; readonly context?: string }[];
}

/** Load a component and its named examples. */
export async function loadExamples<Props>(
  renderer: ComponentRenderer,
  componentPath: string,
  examplesPath: string,
  exportName: string,
): Promise<ComponentExamples<Props>> {
  const { default: component } = await renderer.load<{ default: AstroComponentFactory }>(componentPath);
  const examples = (await renderer.load<Record<string, ComponentExamples<Props>['examples']>>(examplesPath))[
    exportName
  ];
  if (!examples) throw new Error(`${examplesPath} exports no ${exportName}`);
  return { component, examples };
}
