/**
 * `npm run nginx-config`: deploy/nginx/allwork-policies.conf with its placeholders filled in,
 * for /etc/nginx/sites-available/ (docs/deploy.md). The tests render the same file the same way.
 *
 *   npm run nginx-config -- --server-name policies.example.com --dist /srv/allwork-policies/dist \
 *     --certificate /etc/letsencrypt/live/policies.example.com/fullchain.pem \
 *     --certificate-key /etc/letsencrypt/live/policies.example.com/privkey.pem > allwork-policies.conf
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const nginxTemplate = fileURLToPath(new URL('../deploy/nginx/allwork-policies.conf', import.meta.url));

export interface NginxValues {
  readonly serverName: string;
  readonly httpsListen: string;
  readonly httpListen: string;
  readonly certificate: string;
  readonly certificateKey: string;
  /** The build folder (absolute): `client/` and `nginx/static.conf` are in it. */
  readonly dist: string;
  /** host:port of the Node server. */
  readonly upstream: string;
}

/** The template with every `@NAME@` replaced; throws if one is left or a value could break out. */
export function renderNginxConfig(values: NginxValues, template = readFileSync(nginxTemplate, 'utf8')): string {
  const byName: Record<string, string> = {
    SERVER_NAME: values.serverName,
    HTTPS_LISTEN: values.httpsListen,
    HTTP_LISTEN: values.httpListen,
    CERTIFICATE: values.certificate,
    CERTIFICATE_KEY: values.certificateKey,
    DIST: path.resolve(values.dist),
    UPSTREAM: values.upstream,
  };
  for (const [name, value] of Object.entries(byName)) {
    if (!/^[\w.:/[\]*-]+$/.test(value))
      throw new Error(`--${name.toLowerCase().replace(/_/g, '-')}: "${value}" cannot go in an nginx configuration`);
  }
  const rendered = template.replace(/@([A-Z_]+)@/g, (whole, name: string) => byName[name] ?? whole);
  const left = /@[A-Z_]+@/.exec(rendered.replace(/^#.*$/gm, ''));
  if (left) throw new Error(`deploy/nginx/allwork-policies.conf: no value for ${left[0]}`);
  return rendered;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'server-name': { type: 'string' },
      dist: { type: 'string', default: 'dist' },
      upstream: { type: 'string', default: '127.0.0.1:4321' },
      'https-listen': { type: 'string', default: '443' },
      'http-listen': { type: 'string', default: '80' },
      certificate: { type: 'string' },
      'certificate-key': { type: 'string' },
    },
  });
  const serverName = values['server-name'];
  const certificate = values.certificate ?? `/etc/letsencrypt/live/${serverName ?? ''}/fullchain.pem`;
  const certificateKey = values['certificate-key'] ?? `/etc/letsencrypt/live/${serverName ?? ''}/privkey.pem`;
  if (!serverName) {
    console.error(
      'Usage: npm run nginx-config -- --server-name policies.example.com [--dist /srv/allwork-policies/dist] …',
    );
    process.exit(2);
  }
  process.stdout.write(
    renderNginxConfig({
      serverName,
      dist: values.dist,
      upstream: values.upstream,
      httpsListen: values['https-listen'],
      httpListen: values['http-listen'],
      certificate,
      certificateKey,
    }),
  );
}
