/**
 * Abbreviations expanded where a reader first meets them: the first use of a glossary term in
 * each section becomes `<abbr title="…">` (WCAG 3.1.4), with the same letters, so the text reads
 * word for word as written. The terms come from the site settings (`site.glossary`). The formats,
 * which cannot show a title on hover, list the terms their text uses in a glossary (supplements.ts).
 */
import { escapeHtml } from '../text.ts';

export interface GlossaryEntry {
  /** As the text writes it, case and all: "IP", "APIs". */
  readonly term: string;
  readonly expansion: string;
}

/** Whole words only: "IP" in "IP address", not in "SHIP" or "IPs"; case as written. */
export function termPattern(entries: readonly GlossaryEntry[]): RegExp | null {
  const escaped = entries.map((entry) => entry.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return entries.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null;
}

/** The entries whose term occurs in `text`, in the glossary's order: the formats list these. */
export function termsUsed(entries: readonly GlossaryEntry[], text: string): GlossaryEntry[] {
  const pattern = termPattern(entries);
  const found = new Set(pattern ? [...text.matchAll(pattern)].map((match) => match[0]) : []);
  return entries.filter((entry) => found.has(entry.term));
}

/** Which terms a section has already expanded: one per section, reset at each heading. */
export class GlossaryState {
  private readonly seen = new Set<string>();
  private readonly pattern: RegExp | null;

  constructor(private readonly entries: readonly GlossaryEntry[]) {
    this.pattern = termPattern(entries);
  }

  newSection(): void {
    this.seen.clear();
  }

  /** Escaped markup of `text`, a term's first use in the section wrapped in `<abbr>`. */
  markup(text: string, escapeText: (value: string) => string): string {
    if (!this.pattern) return escapeText(text);
    let html = '';
    let last = 0;
    for (const match of text.matchAll(this.pattern)) {
      const term = match[0];
      const entry = this.entries.find((candidate) => candidate.term === term);
      if (!entry || this.seen.has(term)) continue;
      this.seen.add(term);
      html += `${escapeText(text.slice(last, match.index))}<abbr title="${escapeHtml(entry.expansion)}">${escapeText(term)}</abbr>`;
      last = match.index + term.length;
    }
    return html + escapeText(text.slice(last));
  }
}
