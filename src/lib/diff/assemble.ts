/**
 * From aligned rows to the diff readers see: every unit with its status, change number and
 * word runs, the changed sections, and the totals.
 */
import type { Row } from './align.ts';
import type { Flat, SectionInfo, Unit } from './flatten.ts';
import type { BlockChange, Frame, SectionChange, SectionChangeKind, SectionRef, VersionDiff, WordOp } from './types.ts';
import { toWordOps, type Op } from './words.ts';

/** The section a block's change gives its section, from the kind the section had so far. */
function sectionKind(current: SectionChangeKind, block: BlockChange): SectionChangeKind {
  if (block.kind === 'heading' && (block.status === 'added' || block.status === 'removed')) return block.status;
  if (current === 'added' || current === 'removed' || current === 'changed') return current;
  if (block.status === 'moved') return current;
  if (block.status === 'renamed') return 'renamed';
  return 'changed';
}

export function assemble(
  rows: readonly Row[],
  flatA: Flat,
  flatB: Flat,
  movedFrom: ReadonlyMap<number, number>,
): VersionDiff {
  const A = flatA.units;
  const B = flatB.units;

  // A heading paired with a heading of another id (renamed without keeping its {#id}) makes the
  // two sections one: what was removed from the old one belongs to the new one.
  const sectionOf = new Map<string, string>();
  for (const row of rows) {
    if (row.a === null || row.b === null || row.status === 'moved') continue;
    const x = A[row.a] as Unit;
    const y = B[row.b] as Unit;
    if (x.kind === 'heading' && y.kind === 'heading' && x.headingId && y.headingId)
      sectionOf.set(x.headingId, y.headingId);
  }
  const sectionIn = (id: string): string => sectionOf.get(id) ?? id;
  const sectionRef = (id: string): SectionRef => ({
    id,
    title: flatB.sections.get(id)?.title ?? flatA.sections.get(id)?.title ?? '',
  });

  // Containers of the older version take the key of their counterpart in the newer one, so a
  // removed list item renders inside the list it was removed from.
  const frameKey = new Map<string, string>();
  for (const row of rows) {
    if (row.a === null || row.b === null || row.status === 'moved') continue;
    const fa = (A[row.a] as Unit).frames;
    const fb = (B[row.b] as Unit).frames;
    for (let d = 0; d < Math.min(fa.length, fb.length); d++) {
      const x = fa[d] as Frame;
      const y = fb[d] as Frame;
      if (x.kind !== y.kind) break;
      if (!frameKey.has(x.key)) frameKey.set(x.key, y.key);
    }
  }

  let changeNumber = 0;
  const blocks: BlockChange[] = rows.map((row) => {
    const fromB = row.b !== null;
    const unit = (fromB ? B[row.b] : A[row.a as number]) as Unit;
    const frames = fromB ? unit.frames : unit.frames.map((f) => ({ ...f, key: frameKey.get(f.key) ?? f.key }));
    const ops: WordOp[] =
      row.status === 'unchanged' || row.status === 'moved'
        ? [{ op: 'equal', text: unit.key, inlines: unit.inlines }]
        : row.status === 'added'
          ? [{ op: 'insert', text: unit.key, inlines: unit.inlines }]
          : row.status === 'removed'
            ? [{ op: 'delete', text: unit.key, inlines: unit.inlines }]
            : toWordOps(row.ops);
    const count = (op: Op): number => row.ops.filter((o) => o.op === op).reduce((sum, o) => sum + o.tokens.length, 0);
    const origin = row.status === 'moved' && row.b !== null ? movedFrom.get(row.b) : undefined;
    const older = row.status === 'renamed' && row.a !== null ? (A[row.a] as Unit) : undefined;
    return {
      status: row.status,
      kind: unit.kind,
      ...(unit.level ? { level: unit.level } : {}),
      section: fromB ? unit.section : sectionIn(unit.section),
      change: row.status === 'unchanged' ? null : ++changeNumber,
      frames,
      ops,
      wordsAdded: row.status === 'moved' ? 0 : count('insert'),
      wordsRemoved: row.status === 'moved' ? 0 : count('delete'),
      before: row.status === 'moved' ? (origin ?? null) : row.a,
      after: row.b,
      ...(origin !== undefined ? { movedFrom: sectionRef(sectionIn((A[origin] as Unit).section)) } : {}),
      ...(older?.headingId !== undefined
        ? { renamedFrom: { id: older.headingId, title: flatA.sections.get(older.headingId)?.title ?? '' } }
        : {}),
    };
  });

  // Sections by id, in order of first appearance (a section's rows may be split by a move).
  const byId = new Map<string, SectionChange>();
  for (const block of blocks) {
    let section = byId.get(block.section);
    if (!section) {
      const info = (flatB.sections.get(block.section) ?? flatA.sections.get(block.section)) as SectionInfo;
      section = { ...info, kind: 'moved', wordsAdded: 0, wordsRemoved: 0, changes: [] };
      byId.set(block.section, section);
    }
    if (block.change === null) continue;
    byId.set(block.section, {
      ...section,
      kind: sectionKind(section.kind, block),
      ...(block.status === 'renamed' && block.kind === 'heading' && block.renamedFrom
        ? { renamedFrom: block.renamedFrom }
        : {}),
      wordsAdded: section.wordsAdded + block.wordsAdded,
      wordsRemoved: section.wordsRemoved + block.wordsRemoved,
      changes: [...section.changes, block.change],
    });
  }
  const sections = [...byId.values()];
  const changed = sections.filter((s) => s.changes.length > 0);
  const ofKind = (kind: SectionChangeKind): number => changed.filter((s) => s.kind === kind).length;
  return {
    counts: {
      wordsAdded: blocks.reduce((sum, b) => sum + b.wordsAdded, 0),
      wordsRemoved: blocks.reduce((sum, b) => sum + b.wordsRemoved, 0),
      sectionsChanged: ofKind('changed'),
      sectionsAdded: ofKind('added'),
      sectionsRemoved: ofKind('removed'),
      sectionsRenamed: ofKind('renamed'),
      blocksMoved: blocks.filter((b) => b.status === 'moved').length,
      changes: changeNumber,
    },
    sections: changed,
    blocks,
  };
}
