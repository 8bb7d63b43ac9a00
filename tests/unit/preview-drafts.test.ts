/**
 * Preview builds (PREVIEW_DRAFTS=1) build drafts so a pull request's reviewers can read them;
 * a draft is never the current version and never ends the current version's time in force.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fileRepository } from '../../src/lib/versions/index.ts';
import { createPolicyRepo } from '../helpers/policy-repo.ts';

afterEach(() => {
  delete process.env.PREVIEW_DRAFTS;
  delete process.env.CONTENT_DIR;
  delete process.env.BUILD_DATE;
});

describe('drafts in preview builds', () => {
  it('are left out of normal builds, and built as upcoming, never current, in preview builds', async () => {
    const repo = await createPolicyRepo({ seed: false });
    repo.writeVersion('privacy-policy', { version: '2024-04-25' });
    repo.writeVersion('privacy-policy', { version: '2025-01-15', status: 'draft' });
    process.env.CONTENT_DIR = repo.path('content/policies');
    process.env.BUILD_DATE = '2025-02-01';
    expect(
      fileRepository()
        .policy('privacy-policy')
        .versions.map((v) => v.version),
    ).toEqual(['2024-04-25']);

    process.env.PREVIEW_DRAFTS = '1';
    const policy = fileRepository().policy('privacy-policy');
    expect(policy.versions.map((v) => [v.version, v.status, v.isCurrent, v.isUpcoming, v.inForceUntil])).toEqual([
      ['2024-04-25', 'published', true, false, null],
      ['2025-01-15', 'draft', false, true, null],
    ]);
    expect(policy.current.version).toBe('2024-04-25');
  });

  it('a policy with only a draft is still not on the site', async () => {
    const repo = await createPolicyRepo({ seed: false });
    repo.writeVersion('privacy-policy', { version: '2025-01-15', status: 'draft' });
    process.env.CONTENT_DIR = repo.path('content/policies');
    process.env.PREVIEW_DRAFTS = '1';
    expect(() => fileRepository().policy('privacy-policy')).toThrow('Unknown policy');
  });
});
