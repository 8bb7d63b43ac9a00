/**
 * HTML for a version diff: the summary (counts, changed sections) and the marked-up text, in
 * two views. One renderer for the precomputed changes pages (through ChangesView.astro) and for
 * the compare page's script, so both show the same markup by construction (an e2e test checks it).
 *
 * Accessibility (WCAG 2.2):
 * - Added and removed text is in <ins>/<del> with visually hidden "[added]" / "[removed]" words,
 *   because screen readers do not announce the elements themselves (1.3.1).
 * - Not colour alone (1.4.1): added text is underlined, removed text struck through, whole added,
 *   removed or moved passages carry a visible label; the styles hold in forced colours and print.
 * - Every change is an anchor target with "Previous change" / "Next change" links (2.4.1, 2.1.1),
 *   focusable (tabindex=-1) so following a link moves keyboard focus there.
 * Everything here escapes the text it writes; nothing here runs in reading pages.
 */
import { newerText, type BlockChange, type SectionChange, type VersionDiff, type WordOp } from '../diff/index.ts';
import { escapeHtml, plural } from '../text.ts';
import { inlinesMarkup } from './document.ts';

export type ChangesViewName = 'sections' | 'full';

export interface RenderOptions {
  /** Level of the headings this renderer starts (summary, sections). Default 2. */
  readonly level?: 2 | 3;
}

const hidden = (text: string): string => `<span class="visually-hidden">${text}</span>`;

function opsHtml(ops: readonly WordOp[]): string {
  return ops
    .map((op) => {
      const content = inlinesMarkup(op.inlines);
      if (op.op === 'insert') return `<ins>${hidden('[added] ')}${content}${hidden(' [end added]')}</ins>`;
      if (op.op === 'delete') return `<del>${hidden('[removed] ')}${content}${hidden(' [end removed]')}</del>`;
      return content;
    })
    .join(' ');
}

function kindName(block: BlockChange): string {
  return block.kind === 'item' ? 'list item' : block.kind;
}

/** The visible description of one change: "changed paragraph", "moved here from “Security”, text unchanged"… */
export function changeDescription(block: BlockChange): string {
  const kind = kindName(block);
  switch (block.status) {
    case 'changed': {
      const words = [
        block.wordsAdded ? `${plural(block.wordsAdded, 'word')} added` : '',
        block.wordsRemoved ? `${plural(block.wordsRemoved, 'word')} removed` : '',
      ].filter(Boolean);
      return `${kind} changed (${words.join(', ')})`;
    }
    case 'added':
      return `${kind} added`;
    case 'removed':
      return `${kind} removed`;
    case 'moved':
      return block.movedFrom && block.movedFrom.id !== block.section
        ? `${kind} moved here from “${escapeHtml(block.movedFrom.title)}”, text unchanged`
        : `${kind} moved within this section, text unchanged`;
    case 'renamed':
      // Said in words, with both titles, not only by the marked-up heading below.
      return `section renamed from “${escapeHtml(block.renamedFrom?.title ?? '')}” to “${escapeHtml(newerText(block))}”`;
    default:
      return kind;
  }
}

function blockHtml(block: BlockChange, total: number, headingLevel: number | null): string {
  const tag = block.kind === 'heading' ? `h${String(headingLevel ?? block.level ?? 2)}` : 'p';
  const titleClass = block.kind === 'title' ? ' class="diff-doc-title"' : '';
  const content = `<${tag}${titleClass}>${opsHtml(block.ops)}</${tag}>`;
  if (block.change === null) return content;
  const n = block.change;
  const nav = [
    n > 1
      ? `<a href="#change-${String(n - 1)}">Previous change${hidden(` (${String(n - 1)} of ${String(total)})`)}</a>`
      : '',
    n < total
      ? `<a href="#change-${String(n + 1)}">Next change${hidden(` (${String(n + 1)} of ${String(total)})`)}</a>`
      : '',
    `<a href="#changed-sections">All changes</a>`,
  ].filter(Boolean);
  return (
    `<div class="change change-${block.status}" id="change-${String(n)}" tabindex="-1">` +
    `<p class="change-bar"><span class="change-label">Change ${String(n)} of ${String(total)}: ${changeDescription(block)}</span> ` +
    `<span class="change-nav">${nav.join(' ')}</span></p>` +
    content +
    '</div>'
  );
}

/** Render blocks, opening the containers (notice, list, item) they sit in, from `depth` on. */
function treeHtml(blocks: readonly BlockChange[], depth: number, total: number, forceHeading: number | null): string {
  let html = '';
  let k = 0;
  while (k < blocks.length) {
    const block = blocks[k] as BlockChange;
    const frame = block.frames[depth];
    if (!frame) {
      html += blockHtml(block, total, forceHeading);
      k++;
      continue;
    }
    let end = k + 1;
    while (end < blocks.length && blocks[end]?.frames[depth]?.key === frame.key) end++;
    const inner = treeHtml(blocks.slice(k, end), depth + 1, total, forceHeading);
    if (frame.kind === 'notice') html += `<div class="notice">${inner}</div>`;
    else if (frame.kind === 'list') html += frame.ordered ? `<ol>${inner}</ol>` : `<ul>${inner}</ul>`;
    else {
      const list = block.frames[depth - 1];
      const ordered = list?.kind === 'list' && list.ordered;
      html += ordered ? `<li value="${String(frame.number)}">${inner}</li>` : `<li>${inner}</li>`;
    }
    k = end;
  }
  return html;
}

/** Counts and the list of changed sections, each linking to its changes. */
export function renderChangesSummary(diff: VersionDiff, options: RenderOptions = {}): string {
  const h = `h${String(options.level ?? 2)}`;
  const c = diff.counts;
  const counts = [
    `${plural(c.wordsAdded, 'word')} added`,
    `${plural(c.wordsRemoved, 'word')} removed`,
    `${plural(c.sectionsChanged, 'section')} changed`,
    `${plural(c.sectionsAdded, 'section')} added`,
    `${plural(c.sectionsRemoved, 'section')} removed`,
    `${plural(c.sectionsRenamed, 'section')} renamed`,
    `${plural(c.blocksMoved, 'passage')} moved (text unchanged)`,
  ];
  let html =
    `<${h} id="change-counts">In numbers</${h}>` +
    `<ul class="change-counts">${counts.map((text) => `<li>${text}</li>`).join('')}</ul>` +
    `<${h} id="changed-sections">Changed sections</${h}>`;
  if (!diff.sections.length) {
    return html + '<p>No words changed between these versions.</p>';
  }
  html += `<ol class="changed-sections">${diff.sections.map(sectionItem).join('')}</ol>`;
  return html;
}

function sectionItem(section: SectionChange): string {
  const first = section.changes[0] ?? 1;
  const where = section.path.length
    ? ` <span class="section-path">(in ${escapeHtml(section.path.join(' › '))})</span>`
    : '';
  const renamed = section.renamedFrom ? `renamed from “${escapeHtml(section.renamedFrom.title)}”` : '';
  const what =
    section.kind === 'moved'
      ? 'a passage moved, text unchanged'
      : section.kind === 'renamed'
        ? renamed
        : section.kind === 'changed'
          ? [renamed, `${plural(section.wordsAdded, 'word')} added`, `${String(section.wordsRemoved)} removed`]
              .filter(Boolean)
              .join(', ')
          : `section ${section.kind}`;
  const links =
    section.changes.length > 1
      ? `; ${section.changes.map((n) => `<a href="#change-${String(n)}">change ${String(n)}</a>`).join(', ')}`
      : '';
  return `<li><a href="#change-${String(first)}">${escapeHtml(section.title)}</a>${where}: ${what}${links}</li>`;
}

/** The marked-up text: only the changed sections (default), or the full document. */
export function renderChangesBody(diff: VersionDiff, view: ChangesViewName, options: RenderOptions = {}): string {
  const total = diff.counts.changes;
  if (view === 'full') {
    // The unchanged title is the page's own heading already.
    const blocks = diff.blocks.filter((b) => b.kind !== 'title' || b.change !== null);
    return `<div class="diff diff-full">${treeHtml(blocks, 0, total, null)}</div>`;
  }
  const level = options.level ?? 2;
  const changed = new Set(diff.sections.map((s) => s.id));
  let html = '';
  let k = 0;
  while (k < diff.blocks.length) {
    const section = (diff.blocks[k] as BlockChange).section;
    let end = k + 1;
    while (end < diff.blocks.length && diff.blocks[end]?.section === section) end++;
    const run = diff.blocks.slice(k, end).filter((b) => b.kind !== 'title' || b.change !== null);
    k = end;
    if (!changed.has(section) || !run.some((b) => b.change !== null)) continue;
    const info = diff.sections.find((s) => s.id === section);
    const path = info?.path.length ? `<p class="section-path">In ${escapeHtml(info.path.join(' › '))}</p>` : '';
    const heading =
      run[0]?.kind === 'heading' ? '' : `<h${String(level)}>${escapeHtml(info?.title ?? '')}</h${String(level)}>`;
    html += `<div class="diff-section">${path}${heading}${treeHtml(run, 0, total, level)}</div>`;
  }
  return `<div class="diff diff-sections">${html}</div>`;
}

/** The two views of a comparison, in the order the view switch lists them. */
export const changesViews: readonly { readonly name: ChangesViewName; readonly label: string }[] = [
  { name: 'sections', label: 'Changed sections only' },
  { name: 'full', label: 'Full document with changes marked' },
];

/**
 * The view switch: each view is a link to its own address, so it works without JavaScript; the
 * one shown is `aria-current="page"`. `data-view` lets the compare page's script show the other
 * view in place.
 */
export function viewSwitchMarkup(hrefs: Readonly<Record<ChangesViewName, string>>, current: ChangesViewName): string {
  const items = changesViews.map(({ name, label }) => {
    const here = name === current ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(hrefs[name])}" data-view="${name}"${here}>${label}</a></li>`;
  });
  return `<nav class="view-switch" aria-label="Views of the changes"><ul>${items.join('')}</ul></nav>`;
}

/** How changes are marked, in words, above the marked-up text (WCAG 1.4.1: not by colour alone). */
export const changesLegendMarkup =
  '<p class="changes-legend">Added words are <ins>underlined</ins> and removed words are <del>struck through</del>; ' +
  'a screen reader announces them as “added” and “removed”. Each change has links to the previous and next change.</p>';
