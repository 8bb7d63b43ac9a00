/**
 * The content collection's loader (src/lib/versions/loader.ts) and the check the pages make of
 * what they read, against Astro's own data store (the class the build uses, saving to a real file).
 * Astro 5.18 can keep an earlier state of its store when a save is asked for while another is
 * being written; the loader avoids that by never yielding, and the pages refuse a store that is
 * not what the loader stored.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as devalue from 'devalue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MutableDataStore } from '../../node_modules/astro/dist/content/mutable-data-store.js';
import { fillVersionStore, policyVersionsLoader } from '../../src/lib/versions/loader.ts';
import {
  SNAPSHOT_VARIABLE,
  readProvenanceSnapshot,
  takeProvenanceSnapshot,
} from '../../src/lib/versions/provenance-snapshot.ts';
import type { StoredRecord } from '../../src/lib/versions/record.ts';
import { DIGEST_VARIABLE, assertStoredAsLoaded } from '../../src/lib/versions/store-digest.ts';

const fixtures = path.resolve('tests/fixtures/content');
let dir: string;
let storeFile: URL;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'version-loader-'));
  storeFile = pathToFileURL(path.join(dir, 'data-store.json'));
  vi.stubEnv(DIGEST_VARIABLE, undefined);
  vi.stubEnv(SNAPSHOT_VARIABLE, undefined);
});
afterEach(() => {
  // The snapshot is deleted when its process exits, and Vitest's workers are stopped, not exited.
  const snapshot = process.env[SNAPSHOT_VARIABLE];
  if (snapshot !== undefined) rmSync(snapshot, { force: true });
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** The collection as saved on disk, read back as the build reads it. */
function saved(collection: string): Map<string, { data: unknown }> | undefined {
  const collections = devalue.parse(readFileSync(storeFile, 'utf8')) as Map<string, Map<string, { data: unknown }>>;
  return collections.get(collection);
}

describe("Astro's data store, as pinned (why the loader must not yield)", () => {
  it('keeps an earlier state when a save is asked for while another is being written (withastro/astro#15672)', async () => {
    const before = await MutableDataStore.fromFile(storeFile);
    const large = 'x'.repeat(2_000_000);
    before.scopedStore('policies').set({ id: 'a', data: { large, build: 1 } });
    await before.waitUntilSaveComplete();

    const store = await MutableDataStore.fromFile(storeFile);
    store.metaStore().set('astro-version', '5.18.2');
    // A loader that works 600 ms (past the 500 ms debounce), then waits on a timer of its own: the
    // debounced save, due first, starts in the same round of timers and is still reading the old
    // file when the loader goes on.
    const end = Date.now() + 600;
    while (Date.now() < end);
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.scopedStore('policies').set({ id: 'a', data: { large, build: 2 } });
    await store.waitUntilSaveComplete();
    // The save that started first lands (it carries the meta entry set above), and then nothing:
    // the second save was dropped. If build 2 is on disk, Astro saves what it was asked to save,
    // and the loader may wait again (decision 0021).
    await vi.waitFor(() => {
      expect(saved('meta::meta')?.get('astro-version')).toBeDefined();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(saved('policies')?.get('a')?.data).toMatchObject({ build: 1 });
  });
});

describe('the policy versions loader', () => {
  it('fills the store before it returns, so no save can come in between, and the store saved holds it all', async () => {
    await takeProvenanceSnapshot(fixtures);
    const store = await MutableDataStore.fromFile(storeFile);
    store.metaStore().set('astro-version', '5.18.2');
    const scoped = store.scopedStore('policies');
    scoped.set({ id: 'privacy-policy/2000-01-01', data: { stale: true } });

    vi.stubEnv('CONTENT_DIR', fixtures);
    const loading = policyVersionsLoader().load({ store: scoped } as never);
    // Synchronously, before anything else can run: the old entry gone, every version there.
    expect(scoped.keys().sort()).toEqual([
      'california-privacy-notice/2024-04-25',
      'california-privacy-notice/2025-01-15',
      'california-privacy-notice/2025-09-01',
      'privacy-policy/2024-04-25',
      'privacy-policy/2025-01-15',
      'privacy-policy/2025-09-01',
    ]);
    await loading;
    await store.waitUntilSaveComplete();

    const collection = saved('policies');
    const entries = [...(collection ?? new Map<string, { data: unknown }>())].map(
      ([id, entry]) => [id, entry.data as StoredRecord] as const,
    );
    expect(entries).toHaveLength(6);
    expect(() => {
      assertStoredAsLoaded(entries);
    }).not.toThrow();
    // Each published version carries the provenance the snapshot read for its file.
    const snapshot = readProvenanceSnapshot();
    for (const [, record] of entries) expect(record.provenance).toEqual(snapshot.get(path.resolve(record.file)));
    expect(snapshot.size).toBe(6);
  });

  it('gives a draft no provenance, as nobody published it', async () => {
    const content = path.join(dir, 'content');
    cpSync(fixtures, content, { recursive: true });
    // The keys that signed the fixtures' evidence sit beside the content folder.
    cpSync(path.join(fixtures, '../keys'), path.join(dir, 'keys'), { recursive: true });
    const draftFile = path.join(content, 'privacy-policy/2025-09-01.mdx');
    writeFileSync(draftFile, readFileSync(draftFile, 'utf8').replace('status: published', 'status: draft'));
    await takeProvenanceSnapshot(content);
    const scoped = new MutableDataStore().scopedStore('policies');
    fillVersionStore(scoped, content);
    expect(scoped.get('privacy-policy/2025-09-01')?.data).toMatchObject({ status: 'draft', provenance: null });
    // A published one has a provenance, here one that says why it is unavailable (a copy outside the project's history).
    expect(scoped.get('privacy-policy/2025-01-15')?.data).toMatchObject({ provenance: { available: false } });
  });

  it('stops the pages when what they read is not what it stored', async () => {
    await takeProvenanceSnapshot(fixtures);
    const store = new MutableDataStore();
    const scoped = store.scopedStore('policies');
    fillVersionStore(scoped, fixtures);
    const entries = scoped.entries().map(([id, entry]) => [id, entry.data as unknown as StoredRecord] as const);
    expect(() => {
      assertStoredAsLoaded(entries);
    }).not.toThrow();

    const earlier = /not the one this build stored: Astro kept an earlier state of its data store.*Hint: build again/;
    expect(() => {
      assertStoredAsLoaded(entries.slice(1));
    }).toThrow(earlier);
    expect(() => {
      assertStoredAsLoaded([]);
    }).toThrow(earlier);
    const [first, ...rest] = entries;
    const changed = [[first?.[0] ?? '', { ...first?.[1], title: 'An older title' } as StoredRecord] as const, ...rest];
    expect(() => {
      assertStoredAsLoaded(changed);
    }).toThrow(earlier);

    vi.stubEnv(DIGEST_VARIABLE, undefined);
    expect(() => {
      assertStoredAsLoaded(entries);
    }).toThrow(/not loaded by this build.*Hint: look above for a "\[content\]" error/);
  });

  it('needs the snapshot taken before the sync, and says where it comes from', () => {
    expect(() => readProvenanceSnapshot()).toThrow(/allwork:provenance-snapshot integration.*astro\.config\.mjs/);
    expect(() => {
      fillVersionStore(new MutableDataStore().scopedStore('policies'), fixtures);
    }).toThrow(/No provenance snapshot/);
  });
});
