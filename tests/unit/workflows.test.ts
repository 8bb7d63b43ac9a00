/**
 * The git host's workflows (.github/workflows), checked here where no git host runs: valid
 * against the workflow schema (action-validator, the npm package's WebAssembly), every `run:`
 * step an npm script that exists, full-history checkouts, and the triggers the site needs.
 * Each rule is also shown to catch a workflow that breaks it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkoutProblems,
  loadWorkflows,
  missingScripts,
  npmScriptsNamed,
  runStepProblems,
  schemaProblems,
  type Workflow,
  type WorkflowFile,
} from '../../scripts/ci/workflow-rules.ts';
import { parse } from 'yaml';

const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const workflows = loadWorkflows(process.cwd());
const byName = (name: string): WorkflowFile => {
  const found = workflows.find((w) => w.file === `.github/workflows/${name}`);
  if (!found) throw new Error(`no workflow ${name}`);
  return found;
};
const runs = (workflow: Workflow): string[] =>
  Object.values(workflow.jobs ?? {}).flatMap((job) => (job.steps ?? []).flatMap((step) => step.run ?? []));
const uses = (workflow: Workflow): string[] =>
  Object.values(workflow.jobs ?? {}).flatMap((job) => (job.steps ?? []).flatMap((step) => step.uses ?? []));

/** A one-job workflow with these steps, as YAML. */
const oneJob = (steps: string): string => `on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n${steps}`;

describe('workflow files', () => {
  it('are the pull request and deploy workflows', () => {
    expect(workflows.map((w) => w.file)).toEqual([
      '.github/workflows/deploy.yml',
      '.github/workflows/pull-request.yml',
    ]);
  });

  it.each(workflows.map((w) => [w.file, w] as const))(
    '%s is valid against the workflow schema',
    async (_, workflow) => {
      expect(await schemaProblems(workflow.source)).toEqual([]);
    },
  );

  it('a broken workflow fails the schema validation, so the validator really validates', async () => {
    const misspelledKey = await schemaProblems(oneJob('      - run: echo hi\n').replace('steps:', 'stepz:'));
    expect(misspelledKey.join('\n')).toContain("Additional property 'stepz' is not allowed");
    const unknownEvent = await schemaProblems(oneJob('      - run: echo hi\n').replace('on: push', 'on: pull_reqest'));
    expect(unknownEvent.join('\n')).toContain('"path": "/on"');
    const notYaml = await schemaProblems('on: push\njobs: [\n');
    expect(notYaml.join('\n')).toContain('Parse Error');
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s runs npm scripts that exist, and nothing else', (_, w) => {
    expect(npmScriptsNamed(w.workflow).length).toBeGreaterThan(0);
    expect(missingScripts(w.workflow, scripts)).toEqual([]);
    expect(runStepProblems(w.workflow)).toEqual([]);
  });

  it('a step that is not an npm script, or names a missing one, is reported', () => {
    const workflow = parse(
      oneJob(
        [
          '      - uses: actions/checkout@v4',
          '        with: { fetch-depth: 0 }',
          '      - run: echo "building"',
          '      - run: npm run build',
          '      - run: rsync -a dist/ host:/srv/',
          '      - run: npm run build && curl https://example.com',
          '      - run: npm run no-such-script',
          '',
        ].join('\n'),
      ),
    ) as Workflow;
    expect(runStepProblems(workflow)).toEqual([
      'job build: "rsync -a dist/ host:/srv/" is not an npm script: put it in package.json and run it with npm run',
      'job build: "npm run build && curl https://example.com" is not an npm script: put it in package.json and run it with npm run',
    ]);
    expect(missingScripts(workflow, scripts)).toEqual(['"npm run no-such-script" names no script in package.json']);
  });

  it.each(workflows.map((w) => [w.file, w] as const))('%s checks out the full history in every job', (_, w) => {
    expect(checkoutProblems(w.workflow)).toEqual([]);
  });

  it('a shallow checkout, or commands before any checkout, are reported', () => {
    const shallow = parse(oneJob('      - uses: actions/checkout@v4\n      - run: npm ci\n')) as Workflow;
    expect(checkoutProblems(shallow)).toEqual([
      'job build: actions/checkout@v4 without "fetch-depth: 0" is shallow: provenance unavailable',
    ]);
    const none = parse(oneJob('      - run: npm ci\n')) as Workflow;
    expect(checkoutProblems(none)).toEqual(['job build: runs commands without checking out the repository first']);
  });

  it('every job that builds is one of the checked jobs, in both workflows', () => {
    const builds = /npm run (?:build|ci:build|ci:preview)\b/;
    expect(runs(byName('pull-request.yml').workflow).filter((run) => builds.test(run))).toEqual([
      'npm run build',
      'npm run ci:preview',
    ]);
    expect(runs(byName('deploy.yml').workflow).filter((run) => builds.test(run))).toEqual(['npm run ci:build']);
  });
});

describe('the pull request workflow', () => {
  const { workflow } = byName('pull-request.yml');

  it('runs on pull requests: content checks and summary, build, unit tests, and a preview with drafts', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    expect(runs(workflow)).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run ci:check',
      'npm run ci:pr-summary',
      'npm run build',
      'npm run setup:test',
      'npm run test:unit',
      'npm run ci:preview',
    ]);
    expect(scripts['ci:preview']).toContain('--preview');
  });

  it('uploads the preview build as an artifact', () => {
    const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: 'dist-preview/', 'if-no-files-found': 'error' });
  });

  it('sets up Node 20 with the npm cache', () => {
    const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
    expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toEqual({
      'node-version': 20,
      cache: 'npm',
    });
  });
});

describe('the deploy workflow', () => {
  const { workflow } = byName('deploy.yml');
  const on = workflow.on as Record<string, unknown>;

  it('runs on pushes to main, every day, and by hand', () => {
    expect(on.push).toEqual({ branches: ['main'] });
    expect(on).toHaveProperty('workflow_dispatch');
    const schedule = on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    // Minute and hour fixed, every day of every month: once a day.
    expect(schedule[0]?.cron.trim().split(/\s+/)).toEqual([
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+$/),
      '*',
      '*',
      '*',
    ]);
  });

  it('signs new versions, builds, deploys the site and the form server, publishes on Pages, then sends alerts', () => {
    expect(runs(workflow)).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run ci:sign -- --push',
      'npm ci --no-audit --no-fund',
      'npm run ci:build',
      'npm run deploy',
      'npm run deploy:server',
      'npm ci --omit=dev --no-audit --no-fund',
      'npm run ci:alerts',
    ]);
    expect(uses(workflow)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^actions\/upload-pages-artifact@/),
        expect.stringMatching(/^actions\/deploy-pages@/),
      ]),
    );
    expect(byName('deploy.yml').source).toContain('path: ${{ steps.site.outputs.dir }}');
    expect(Object.keys(workflow.jobs ?? {})).toEqual(['sign', 'build', 'pages', 'alerts']);
  });

  it("sends alerts on the form server, with the deploy's ssh settings, the key only in that step", () => {
    const source = parse(byName('deploy.yml').source) as {
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
    };
    const steps = source.jobs.alerts?.steps ?? [];
    const send = steps.find((step) => step.run === 'npm run ci:alerts');
    expect(send?.env).toEqual({
      DEPLOY_SERVER_DEST: '${{ vars.DEPLOY_SERVER_DEST }}',
      DEPLOY_ALERTS_COMMAND: '${{ vars.DEPLOY_ALERTS_COMMAND }}',
      DEPLOY_SSH_KEY: '${{ secrets.DEPLOY_SSH_KEY }}',
      DEPLOY_SSH_KNOWN_HOSTS: '${{ vars.DEPLOY_SSH_KNOWN_HOSTS }}',
      DEPLOY_SSH_PORT: '${{ vars.DEPLOY_SSH_PORT }}',
    });
    expect(steps.filter((step) => JSON.stringify(step).includes('secrets.'))).toEqual([send]);
    // tsx, which runs the script, is a production dependency: the job installs no dev tools.
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies).toHaveProperty('tsx');
  });

  it('only the sign job may push, and the build checks out the commit it ended on, with the evidence', () => {
    const source = parse(byName('deploy.yml').source) as {
      permissions: Record<string, string>;
      jobs: Record<
        string,
        { needs?: string; permissions?: Record<string, string>; steps: { with?: Record<string, unknown> }[] }
      >;
    };
    expect(source.permissions).toEqual({ contents: 'read' });
    expect(source.jobs.sign?.permissions).toEqual({ contents: 'write' });
    // The token is not left in the checkout for `npm ci`'s install scripts: only the sign step gets it.
    expect(source.jobs.sign?.steps[0]?.with?.['persist-credentials']).toBe(false);
    expect(source.jobs.build?.needs).toBe('sign');
    expect(source.jobs.build?.steps[0]?.with?.ref).toBe('${{ needs.sign.outputs.commit }}');
    expect(byName('deploy.yml').source).toContain('SIGNING_KEY: ${{ secrets.SIGNING_KEY }}');
  });
});
