/**
 * The build's environment in CI. A repository variable that is not set reaches the job as an
 * empty string, which the build would take for a value (an empty SITE_URL is no origin): an
 * empty setting is removed, so the build's default applies.
 */

/** The build settings the README documents; CI may pass any of them, empty when not configured. */
export const buildSettings = ['SITE_URL', 'ALLOWED_HOSTS', 'BUILD_DATE', 'CONTENT_DIR', 'OUT_DIR'] as const;

/** Where a preview build goes, beside the real build so neither overwrites the other. */
export const previewOutDir = 'dist-preview';

/** `env` without empty build settings; a preview also builds drafts, into dist-preview/. */
export function buildEnv(env: NodeJS.ProcessEnv, preview: boolean): NodeJS.ProcessEnv {
  const unset = new Set<string>(buildSettings.filter((name) => !env[name]?.trim()));
  const result: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !unset.has(name)));
  if (preview) {
    result.PREVIEW_DRAFTS = '1';
    result.OUT_DIR ??= previewOutDir;
  }
  return result;
}
