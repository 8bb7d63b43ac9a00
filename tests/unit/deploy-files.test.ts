/**
 * The files docs/deploy.md ships: the systemd unit, checked by systemd's own tools (verify, and
 * the offline security review), and the nginx template, rendered as `npm run nginx-config` does.
 * How they behave is in tests/integration/nginx.test.ts (nginx in front of the real server).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderNginxConfig } from '../../scripts/nginx-config.ts';

const run = promisify(execFile);
const unitFile = 'deploy/allwork-policies.service';
const work = mkdtempSync(path.join(tmpdir(), 'deploy-files-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The unit as shipped; where Node is not at /usr/bin/node (not Debian's), the one running this. */
function unitCopy(): string {
  let unit = readFileSync(unitFile, 'utf8');
  if (!existsSync('/usr/bin/node')) unit = unit.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`);
  const copy = path.join(work, 'allwork-policies.service');
  writeFileSync(copy, unit);
  return copy;
}

describe('the systemd unit', () => {
  it('passes systemd-analyze verify without a word', async () => {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', unitCopy()]);
    // verify exits 0 on an unknown key, with a warning: silence is the pass.
    expect(`${stdout}${stderr}`).toBe('');
  });

  it('is sandboxed: systemd-analyze security rates its exposure 2 or lower (of 10)', async () => {
    const { stdout } = await run('systemd-analyze', ['security', '--offline=true', '--no-pager', unitCopy()]);
    const exposure = Number(/Overall exposure level for [\w.-]+: ([\d.]+)/.exec(stdout)?.[1]);
    expect(exposure, stdout).toBeLessThanOrEqual(2);
  });

  it('runs as its own user, keeps the outbox and the form secret in its state directory, restarts on failure', () => {
    const unit = readFileSync(unitFile, 'utf8');
    for (const line of [
      'DynamicUser=yes',
      'StateDirectory=allwork-policies',
      'Environment=OUTBOX_DIR=/var/lib/allwork-policies/outbox',
      'Environment=FORM_SECRET_FILE=/var/lib/allwork-policies/form-secret',
      'Environment=DATA_DIR=/var/lib/allwork-policies/data',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'NoNewPrivileges=yes',
      'PrivateTmp=yes',
      'Restart=on-failure',
      'KillSignal=SIGTERM',
      'EnvironmentFile=/etc/allwork-policies.env',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
    expect(unit).toMatch(/^Environment=.*\bTRUST_PROXY=true\b/m);
  });
});

describe('the nginx template', () => {
  const values = {
    serverName: 'policies.example.com',
    httpsListen: '443',
    httpListen: '80',
    certificate: '/etc/ssl/policies.pem',
    certificateKey: '/etc/ssl/policies.key',
    dist: '/srv/allwork-policies/dist',
    upstream: '127.0.0.1:4321',
  };

  it('is filled in everywhere, proxying to the Node server with the forwarded headers it trusts', () => {
    const config = renderNginxConfig(values);
    expect(config).not.toMatch(/^[^#]*@[A-Z_]+@/m);
    expect(config).toContain('server 127.0.0.1:4321;');
    expect(config).toContain('include /srv/allwork-policies/dist/nginx/static.conf;');
    expect(config).toContain('root /srv/allwork-policies/dist/client;');
    expect(config).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
  });

  it('refuses a value that would change the configuration, naming the option', () => {
    expect(() => renderNginxConfig({ ...values, serverName: 'x; include /etc/passwd' })).toThrow(/--server-name/);
    expect(() => renderNginxConfig(values, 'server { listen @NOPE@; }')).toThrow(/no value for @NOPE@/);
  });
});
