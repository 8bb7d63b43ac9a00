/**
 * What a deploy runs, as data: the commands that copy the built site to a target, and those that
 * update the form server. Pure, so the plan is tested without a host; deploy.ts runs it.
 * Settings come from the environment (in CI: repository variables and secrets), documented in
 * docs/git-host.md.
 */
import path from 'node:path';

export const targets = ['pages', 'rsync', 's3'] as const;
export type Target = (typeof targets)[number];

export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  /** One line for the log: what this step does. */
  readonly says: string;
}

export interface Plan {
  readonly commands: readonly Command[];
  /** Lines to print after the copy (what the target does not do, where the site went). */
  readonly notes: readonly string[];
}

/** What the plans need besides the environment. */
export interface PlanOptions {
  /** ssh options for remote destinations (deploy.ts adds the key and known hosts). */
  readonly ssh?: readonly string[];
  /**
   * Folders of files named by their content, relative to the site root (`_astro`,
   * `pagefind/index`): uploaded before the pages, cached for a year. Read from the build's
   * `_headers` (immutableFolders), so the server, static hosts and uploads share one rule.
   */
  readonly contentNamed?: readonly string[];
}

/** The folders `_headers` caches for a year: each `/<folder>/*` block with an immutable Cache-Control. */
export function immutableFolders(headersFile: string): string[] {
  const folders: string[] = [];
  for (const block of headersFile.split(/\n\s*\n/)) {
    const [pattern, ...headers] = block.trim().split('\n');
    const folder = /^\/(.+)\/\*$/.exec(pattern?.trim() ?? '')?.[1];
    if (folder && headers.some((line) => /^\s*cache-control:.*\bimmutable\b/i.test(line))) folders.push(folder);
  }
  return folders;
}

/** rsync's rule: `host:path` or `user@host:path` is remote when the colon comes before any slash. */
export function isRemote(destination: string): boolean {
  const colon = destination.indexOf(':');
  const slash = destination.indexOf('/');
  return colon > 0 && (slash === -1 || colon < slash);
}

export class PlanError extends Error {
  override name = 'PlanError';
}

function required(env: NodeJS.ProcessEnv, name: string, example: string): string {
  const value = env[name]?.trim();
  if (!value) throw new PlanError(`${name} is not set. Set it to ${example} (docs/git-host.md, "Deploy targets").`);
  return value;
}

/**
 * Options of every ssh connection: never a password prompt, host keys always checked, plus what
 * deploy.ts adds (the key and known hosts from the secrets, the port).
 */
export const sshDefaults = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'];

/** rsync's `-e`: the ssh command, as one shell string. */
const rsyncShell = (ssh: readonly string[]): string[] => ['-e', ['ssh', ...ssh].map(shellQuote).join(' ')];

/**
 * rsync filter rules selecting `folder` and all below it: rsync only descends into folders that
 * are included, so each parent is included too (`/pagefind/` before `/pagefind/index/***`).
 */
function rsyncIncludes(folder: string): string[] {
  const parts = folder.split('/');
  return parts.map((_, i) => `--include=/${parts.slice(0, i + 1).join('/')}${i === parts.length - 1 ? '/***' : '/'}`);
}

/** Readable by the web server whatever the build machine's umask. */
const rsyncBase = ['--recursive', '--links', '--times', '--chmod=D755,F644'];

function rsyncPlan(
  client: string,
  env: NodeJS.ProcessEnv,
  ssh: readonly string[],
  contentNamed: readonly string[],
): Plan {
  const destination = required(env, 'DEPLOY_RSYNC_DEST', 'deploy@host:/srv/policies/ or a local folder');
  const target = destination.endsWith('/') ? destination : `${destination}/`;
  const remote = isRemote(destination) ? rsyncShell(ssh) : [];
  const source = `${client}/`;
  return {
    commands: [
      {
        command: 'rsync',
        says: 'copy the content-named files first, so no page names a file not there yet',
        args: [...rsyncBase, ...remote, ...new Set(contentNamed.flatMap(rsyncIncludes)), '--exclude=*', source, target],
      },
      {
        command: 'rsync',
        says: 'copy the pages and _headers, then delete what the build no longer has',
        args: [...rsyncBase, ...remote, '--delete-delay', source, target],
      },
    ],
    notes: [`Copied ${client} to ${destination}. The web server must apply _headers (or the same headers).`],
  };
}

function s3Plan(client: string, env: NodeJS.ProcessEnv, contentNamed: readonly string[]): Plan {
  const bucket = required(env, 'DEPLOY_S3_URI', 's3://bucket/prefix').replace(/\/$/, '');
  const endpoint = env.DEPLOY_S3_ENDPOINT?.trim() ? ['--endpoint-url', env.DEPLOY_S3_ENDPOINT.trim()] : [];
  // Both uploads sync the same folder to the same bucket; they differ in what they take and how it is cached.
  const sync = ['s3', 'sync', ...endpoint, '--no-progress', client, bucket];
  return {
    commands: [
      {
        command: 'aws',
        says: 'upload the content-named files first, cached for a year',
        args: [
          ...sync,
          '--exclude',
          '*',
          ...contentNamed.flatMap((dir) => ['--include', `${dir}/*`]),
          '--cache-control',
          'public, max-age=31536000, immutable',
        ],
      },
      {
        command: 'aws',
        says: 'upload the pages, revalidated on every visit, then delete what the build no longer has',
        args: [
          ...sync,
          '--delete',
          '--exclude',
          '_headers',
          ...contentNamed.flatMap((dir) => ['--exclude', `${dir}/*`]),
          '--cache-control',
          'no-cache',
        ],
      },
    ],
    notes: [
      `Uploaded ${client} to ${bucket}. S3 does not read _headers: set the same headers in the CDN in front (docs/git-host.md).`,
    ],
  };
}

function pagesPlan(client: string): Plan {
  return {
    commands: [],
    notes: [
      `GitHub Pages publishes ${client} (actions/upload-pages-artifact, then actions/deploy-pages).`,
      'Pages ignores _headers: no Content-Security-Policy, Permissions-Policy or Referrer-Policy, no frame-ancestors, and no year-long caching of content-named files; the contact form and on-demand comparisons need the form server (docs/git-host.md).',
    ],
  };
}

/** The commands that publish `<outDir>/client` to `target`. */
export function sitePlan(target: Target, outDir: string, env: NodeJS.ProcessEnv, options: PlanOptions = {}): Plan {
  const client = path.join(outDir, 'client');
  const { ssh = sshDefaults, contentNamed = [] } = options;
  switch (target) {
    case 'pages':
      return pagesPlan(client);
    case 'rsync':
      return rsyncPlan(client, env, ssh, contentNamed);
    case 's3':
      return s3Plan(client, env, contentNamed);
  }
}

/**
 * What the form server runs: `node dist/server/main.mjs` (compiled at build time,
 * docs/decisions/0008-server-stack.md), which needs the build (the server and the data store of
 * every version in dist/server, the files it serves in dist/client) and its npm packages
 * (installed on the host from the lock file). No source or content file is read at run time. Its
 * state (OUTBOX_DIR) lives elsewhere, so the copy never touches it.
 */
export const serverFiles = ['dist', 'package.json', 'package-lock.json'];

/**
 * Install, restart the server, and reload nginx: its `static.conf` (in dist/nginx) changes with
 * a release (the CSP names the hash of the reading pages' inline stylesheet), and nginx reads it
 * only when it loads, so without the reload new pages would meet an old hash and show unstyled.
 */
export const defaultRestart =
  'npm ci --omit=dev --no-audit --no-fund && sudo systemctl restart allwork-policies.service' +
  ' && sudo nginx -t && sudo systemctl reload nginx';

/**
 * Copy the form server's files to DEPLOY_SERVER_DEST and run DEPLOY_SERVER_RESTART there (over
 * ssh when the destination is remote). Paths are copied whole with --delete, each inside its own
 * folder; nothing else in the destination is touched.
 */
export function serverPlan(env: NodeJS.ProcessEnv, { ssh = sshDefaults }: PlanOptions = {}): Plan {
  const destination = required(env, 'DEPLOY_SERVER_DEST', 'deploy@host:/srv/allwork-policies');
  const restart = env.DEPLOY_SERVER_RESTART?.trim() || defaultRestart;
  const remote = isRemote(destination);
  const target = destination.endsWith('/') ? destination : `${destination}/`;
  const copy: Command = {
    command: 'rsync',
    says: `copy ${serverFiles.join(', ')}`,
    args: [
      ...rsyncBase,
      ...(remote ? rsyncShell(ssh) : []),
      '--relative',
      '--delete',
      '--exclude=node_modules',
      ...serverFiles,
      target,
    ],
  };
  const run = inServerFolder(destination, restart, 'install and restart the service', ssh);
  return { commands: [copy, run], notes: [`Updated the form server at ${destination}.`] };
}

/**
 * `command` run by the shell in the server's folder: over ssh on the host of a remote
 * destination (`host:path`), with `sh -c` on this machine for a local one.
 */
function inServerFolder(destination: string, command: string, says: string, ssh: readonly string[]): Command {
  const remote = isRemote(destination);
  const colon = destination.indexOf(':');
  const folder = remote ? destination.slice(colon + 1) : destination;
  const inFolder = `cd ${shellQuote(folder || '.')} && ${command}`;
  return remote
    ? { command: 'ssh', says: `${says} on its host`, args: [...ssh, destination.slice(0, colon), inFolder] }
    : { command: 'sh', says, args: ['-c', inFolder] };
}

/**
 * How the deploy starts the alerts' send on the server (deploy/allwork-policies-alerts.service,
 * which runs `node dist/server/alerts.mjs send` as the service's user): `systemctl start` of a
 * oneshot unit waits for it and fails when it fails.
 */
export const defaultAlertsCommand = 'sudo systemctl start allwork-policies-alerts.service';

/**
 * After a deploy: DEPLOY_ALERTS_COMMAND in the form server's folder (DEPLOY_SERVER_DEST), where
 * its subscriber database and outbox are. Without a form server there is nobody to tell: no
 * command, and a note saying so.
 */
export function alertsPlan(env: NodeJS.ProcessEnv, { ssh = sshDefaults }: PlanOptions = {}): Plan {
  const destination = env.DEPLOY_SERVER_DEST?.trim();
  if (!destination) {
    return {
      commands: [],
      notes: [
        'no alerts sent: DEPLOY_SERVER_DEST is not set, so there is no form server, and the subscribers and ' +
          'their database live only there (docs/alerts.md). Set it to send alerts after each deploy.',
      ],
    };
  }
  const command = env.DEPLOY_ALERTS_COMMAND?.trim() || defaultAlertsCommand;
  return {
    commands: [inServerFolder(destination, command, 'queue the alerts for new versions', ssh)],
    notes: [
      `Alerts queued on the form server at ${destination}; it delivers them within OUTBOX_RESCAN_MS ` +
        '(its log, or journalctl -u allwork-policies-alerts, says how many).',
    ],
  };
}

/** One shell word, whatever it contains. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
