/**
 * The render pool of `astro build`: worker threads make the same bytes as rendering in one
 * thread, store them in the cache, and a build whose files are all cached starts no worker; the
 * cold build's head start renders from a thread of its own, and is skipped while nothing changed.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { formatSource } from '../../src/lib/formats/files.ts';
import { formats } from '../../src/lib/formats/index.ts';
import { isCached } from '../../src/lib/formats/cache.ts';
import { poolSize, RenderPool } from '../../src/lib/formats/pool.ts';
import { isStamped, prewarmStamp, writeStamp } from '../../src/lib/formats/prewarm-stamp.ts';
import { prewarmInThread } from '../../src/lib/formats/prewarm-thread.ts';
import { site } from '../../src/site.config.ts';
import { readVersionRecords } from '../../src/lib/versions/index.ts';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'formats-pool-'));
}

/** The fixture content cut to its first version of each policy: every format of two versions. */
function firstVersions(): string {
  const dir = tempDir();
  for (const policy of readdirSync('tests/fixtures/content')) {
    const first = readdirSync(path.join('tests/fixtures/content', policy)).sort()[0]!;
    mkdirSync(path.join(dir, policy));
    cpSync(path.join('tests/fixtures/content', policy, first), path.join(dir, policy, first));
  }
  return dir;
}

describe('render pool', () => {
  const pools: RenderPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });

  it('renders every format with the bytes of a render in this thread, and stores them', async () => {
    const pool = new RenderPool(2);
    pools.push(pool);
    const dir = tempDir();
    const sources = readVersionRecords(firstVersions())
      .filter((version) => version.policy === 'privacy-policy')
      .map((version) => formatSource(version, site.siteUrl));
    const jobs = sources.flatMap((source) =>
      formats.map(async (format) => ({
        format,
        source,
        pooled: await pool.render({ formatId: format.id, source, dir, root: process.cwd() }),
      })),
    );
    const results = await Promise.all(jobs);
    expect(results).toHaveLength(formats.length);
    for (const { format, source, pooled } of results) {
      expect(pooled.cached, format.id).toBe(false);
      const serial = await format.render(source);
      expect(Buffer.from(pooled.bytes).equals(Buffer.from(serial)), `${format.id} ${source.policy}`).toBe(true);
    }
    // Two workers at most, and each file is in the cache, written by a worker.
    expect(pool.started).toBeLessThanOrEqual(2);
    for (const source of sources) {
      const stored = readdirSync(path.join(dir, source.policy, source.version));
      expect(stored.map((name) => name.replace(/-[0-9a-f]{64}$/, '')).sort()).toEqual(
        formats.map((format) => format.id).sort(),
      );
    }
  }, 600_000);

  it("passes a renderer's error back with its message, and keeps working", async () => {
    const pool = new RenderPool(1);
    pools.push(pool);
    const [version] = readVersionRecords(firstVersions());
    const source = formatSource(version!, site.siteUrl);
    const broken = { ...source, document: { ...source.document, blocks: null } } as unknown as typeof source;
    await expect(pool.render({ formatId: 'text', source: broken, dir: null, root: process.cwd() })).rejects.toThrow(
      /null|blocks/,
    );
    const after = await pool.render({ formatId: 'text', source, dir: null, root: process.cwd() });
    expect(
      Buffer.from(after.bytes).equals(Buffer.from(await formats.find((f) => f.id === 'text')!.render(source))),
    ).toBe(true);
  }, 600_000);

  it('reads FORMATS_WORKERS: unset or 0 is none, anything but a whole number is refused', () => {
    expect(poolSize(undefined)).toBe(0);
    expect(poolSize('0')).toBe(0);
    expect(poolSize('3')).toBe(3);
    expect(() => poolSize('two')).toThrow(/FORMATS_WORKERS is "two"/);
    expect(() => poolSize('-1')).toThrow(/whole number/);
  });
});

describe('a build with the pool on', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** What one build does: every version's files, in a fresh process state (module memos emptied). */
  async function build(): Promise<{ files: Map<string, Buffer>; workers: number; log: string[] }> {
    vi.resetModules();
    const log: string[] = [];
    const info = vi.spyOn(console, 'info').mockImplementation((line: string) => void log.push(line.trim()));
    try {
      const { fileRepository } = await import('../../src/lib/versions/index.ts');
      const { queueVersionFiles, versionFiles, formatWorkersStarted } = await import('../../src/lib/formats/files.ts');
      const versions = fileRepository().policies.flatMap((policy) => policy.versions);
      // As the format endpoint does: every version queued, then each awaited where it is needed.
      queueVersionFiles(versions, site.siteUrl);
      const files = new Map<string, Buffer>();
      for (const version of versions) {
        for (const file of await versionFiles(version, site.siteUrl)) files.set(file.url, Buffer.from(file.bytes));
      }
      return { files, workers: formatWorkersStarted(), log };
    } finally {
      info.mockRestore();
    }
  }

  it('renders in workers when cold, and a cached build renders nothing and starts no worker', async () => {
    vi.stubEnv('CONTENT_DIR', firstVersions());
    vi.stubEnv('FORMATS_CACHE_DIR', tempDir());
    vi.stubEnv('FORMATS_WORKERS', '2');
    const cold = await build();
    expect(cold.workers).toBeGreaterThan(0);
    expect(cold.files.size).toBe(2 * formats.length);
    expect(cold.log.filter((line) => line.startsWith('formats ')).every((line) => line.includes('0 from cache'))).toBe(
      true,
    );
    const cached = await build();
    expect(cached.workers).toBe(0);
    const lines = cached.log.filter((line) => line.startsWith('formats '));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`: ${formats.length} from cache$`));
    expect([...cached.files.keys()]).toEqual([...cold.files.keys()]);
    for (const [url, bytes] of cached.files) expect(bytes.equals(cold.files.get(url)!), url).toBe(true);
  }, 600_000);
});

describe('the head start of a cold build', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('renders the missing files into the cache from a thread of its own, and finds them there next time', async () => {
    const content = firstVersions();
    const cache = tempDir();
    vi.stubEnv('CONTENT_DIR', content);
    vi.stubEnv('FORMATS_CACHE_DIR', cache);
    const cold = await prewarmInThread({ siteUrl: site.siteUrl, workers: 2 });
    expect(cold).toMatchObject({ rendered: 2 * formats.length, cached: 0, failed: 0 });
    for (const record of readVersionRecords(content)) {
      const source = formatSource(record, site.siteUrl);
      for (const format of formats) expect(isCached(format, source), `${record.file} ${format.id}`).toBe(true);
    }
    const again = await prewarmInThread({ siteUrl: site.siteUrl, workers: 2 });
    expect(again).toMatchObject({ rendered: 0, cached: 2 * formats.length, failed: 0 });
  }, 600_000);

  it('is skipped only while nothing it depends on has changed since a build found every file', () => {
    const content = firstVersions();
    const cache = tempDir();
    vi.stubEnv('CONTENT_DIR', content);
    vi.stubEnv('BUILD_DATE', '2026-01-01');
    const stamp = prewarmStamp(site.siteUrl, cache);
    expect(isStamped(stamp)).toBe(false);
    writeStamp(stamp);
    expect(isStamped(prewarmStamp(site.siteUrl, cache))).toBe(true);
    // Another origin, another content folder or another day: a stamp of their own.
    expect(isStamped(prewarmStamp('https://elsewhere.example', cache))).toBe(false);
    vi.stubEnv('BUILD_DATE', '2026-01-02');
    expect(isStamped(prewarmStamp(site.siteUrl, cache))).toBe(false);
    vi.stubEnv('BUILD_DATE', '2026-01-01');
    // A content file edited: the build looks for its files again.
    const [policy] = readdirSync(content);
    const [file] = readdirSync(path.join(content, policy!));
    appendFileSync(path.join(content, policy!, file!), '\n');
    expect(isStamped(prewarmStamp(site.siteUrl, cache))).toBe(false);
  });
});
