/**
 * html-validate with the project's configuration (.htmlvalidate.json: the recommended and a11y
 * presets), loaded explicitly: validating a string under a made-up name would otherwise look for
 * a configuration from the file system root, find none and fall back to the defaults.
 */
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { readFileSync } from 'node:fs';

const config = JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData;
const validator = new HtmlValidate(new StaticConfigLoader(config));

/** Every finding in `html`, as "name:line:column rule: message". */
export async function htmlFindings(name: string, html: string): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
  );
}
