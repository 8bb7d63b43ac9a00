/**
 * Small text helpers every renderer needs, written once: counting nouns, escaping for HTML and
 * XML. Plain text of inline content is `inlineText` in document/model.ts.
 */

/** "1 change", "3 changes"; `many` for irregular plurals ("2 passages" is regular, "2 entries" is not). */
export const plural = (count: number, one: string, many = `${one}s`): string =>
  `${String(count)} ${count === 1 ? one : many}`;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML or XML element content and double- or single-quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
