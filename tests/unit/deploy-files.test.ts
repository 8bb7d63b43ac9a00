/**
 * The files docs/deploy.md ships: the systemd units (the server, the alerts' send), checked by
 * systemd's own tools (verify, and the offline security review), and the nginx template,
 * rendered as `npm run nginx-config` does.
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
const alertsUnitFile = 'deploy/allwork-policies-alerts.service';
const work = mkdtempSync(path.join(tmpdir(), 'deploy-files-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A unit as shipped; where Node is not at /usr/bin/node (not Debian's), the one running this. */
function unitCopy(file = unitFile): string {
  let unit = readFileSync(file, 'utf8');
  if (!existsSync('/usr/bin/node')) unit = unit.replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`);
  const copy = path.join(work, path.basename(file));
  writeFileSync(copy, unit);
  return copy;
}

/** The `Key=value` lines of a unit, without comments. */
const settings = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z]\w*=/.test(line));

describe.each([unitFile, alertsUnitFile])('the systemd unit %s', (file) => {
  it('passes systemd-analyze verify without a word', async () => {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', unitCopy(file)]);
    // verify exits 0 on an unknown key, with a warning: silence is the pass.
    expect(`${stdout}${stderr}`).toBe('');
  });

  it('is sandboxed: systemd-analyze security rates its exposure 2 or lower (of 10)', async () => {
    const { stdout } = await run('systemd-analyze', ['security', '--offline=true', '--no-pager', unitCopy(file)]);
    const exposure = Number(/Overall exposure level for [\w.-]+: ([\d.]+)/.exec(stdout)?.[1]);
    expect(exposure, stdout).toBeLessThanOrEqual(2);
  });
});

describe('the systemd units', () => {
  it('the server runs as its own user, keeps the outbox and the form secret in its state directory, restarts on failure', () => {
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

  it("the alerts' send is a oneshot of the compiled CLI, as the server's user, on the server's state and settings", () => {
    const alerts = settings(alertsUnitFile);
    const server = settings(unitFile);
    expect(alerts).toContain('Type=oneshot');
    expect(alerts).toContain('ExecStart=/usr/bin/node /srv/allwork-policies/dist/server/alerts.mjs send');
    // The server's dynamic user is named after its unit; the same name shares its UID.
    expect(server.find((line) => line.startsWith('User='))).toBeUndefined();
    expect(alerts).toContain(`User=${path.basename(unitFile, '.service')}`);
    const shared = (line: string) =>
      /^(DynamicUser|StateDirectory|StateDirectoryMode|EnvironmentFile|WorkingDirectory|UMask)=/.test(line) ||
      /^Environment=(OUTBOX_DIR|DATA_DIR)=/.test(line);
    expect(alerts.filter(shared).sort()).toEqual(server.filter(shared).sort());
    // Every sandboxing line of the server's, and no network: the server delivers.
    const sandbox = (line: string) =>
      /^(Protect|Private|Restrict|NoNewPrivileges|LockPersonality|RemoveIPC|Capability|Ambient|SystemCall|MemoryDeny)/.test(
        line,
      );
    for (const line of server.filter(sandbox).filter((l) => !l.startsWith('RestrictAddressFamilies='))) {
      expect(alerts).toContain(line);
    }
    expect(alerts).toContain('PrivateNetwork=yes');
    expect(alerts).toContain('RestrictAddressFamilies=AF_UNIX');
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
