/**
 * The installed version of an npm package, as cache keys record it: a cached output made by
 * another version of the package that makes it is never reused.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The version in `<root>/node_modules/<name>/package.json`; `needed` says what for, when it is missing. */
export function packageVersion(name: string, needed: string, root = process.cwd()): string {
  const manifest = path.join(root, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) throw new Error(`${needed} needs the npm package ${name}; run npm ci.`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
