/**
 * Loaded on demand by the compare page: fetch two versions' document models, diff them with
 * the same function the build uses, and render them with the same renderer as the changes pages.
 */
import { diffVersions, type VersionDiff } from '../lib/diff/index.ts';
import type { PolicyDocument } from '../lib/document/model.ts';
import { compareDataUrl, comparisonUrl } from '../lib/routing/urls.ts';
import {
  changesLegendMarkup,
  renderChangesBody,
  renderChangesSummary,
  viewSwitchMarkup,
  type ChangesViewName,
} from '../lib/render/changes.ts';
import { escapeHtml } from '../lib/text.ts';

export interface ComparisonRequest {
  readonly policy: string;
  readonly from: string;
  readonly to: string;
  readonly view: ChangesViewName;
  /** Every published version id, oldest first. */
  readonly versionIds: readonly string[];
  /** How the page names a version, e.g. "January 15, 2025". */
  readonly label: (version: string) => string;
}

type VersionData = Pick<PolicyDocument, 'title' | 'blocks'>;

const documents = new Map<string, Promise<VersionData>>();
const diffs = new Map<string, VersionDiff>();

function load(policy: string, version: string): Promise<VersionData> {
  const url = compareDataUrl(policy, version);
  let request = documents.get(url);
  if (!request) {
    request = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: ${String(response.status)}`);
      return response.json() as Promise<VersionData>;
    });
    documents.set(url, request);
    request.catch(() => documents.delete(url));
  }
  return request;
}

/** Render the comparison into `output`; returns a one-line summary for the status message. */
export async function showComparison(output: HTMLElement, request: ComparisonRequest): Promise<string> {
  const { policy, from, to, view, label } = request;
  const key = `${policy}/${from}/${to}`;
  let diff = diffs.get(key);
  if (!diff) {
    const [a, b] = await Promise.all([load(policy, from), load(policy, to)]);
    diff = diffVersions(a, b);
    diffs.set(key, diff);
  }
  const page = comparisonUrl(policy, request.versionIds, from, to, view);
  const viewHref = (name: ChangesViewName): string => {
    const params = new URLSearchParams({ from, to });
    if (name === 'full') params.set('view', 'full');
    return `?${params.toString()}`;
  };
  output.innerHTML =
    `<h2 id="comparison-title" tabindex="-1">Changes from ${escapeHtml(label(from))} to ${escapeHtml(label(to))}</h2>` +
    '<ul class="inline-links">' +
    `<li><a href="/${escapeHtml(policy)}/${escapeHtml(from)}/">Read the version of ${escapeHtml(label(from))}</a></li>` +
    `<li><a href="/${escapeHtml(policy)}/${escapeHtml(to)}/">Read the version of ${escapeHtml(label(to))}</a></li>` +
    `<li><a href="${escapeHtml(page)}">Open this comparison as a page</a></li>` +
    '</ul>' +
    renderChangesSummary(diff, { level: 3 }) +
    viewSwitchMarkup({ sections: viewHref('sections'), full: viewHref('full') }, view) +
    changesLegendMarkup +
    renderChangesBody(diff, view, { level: 3 });
  const c = diff.counts;
  return `${String(c.wordsAdded)} words added, ${String(c.wordsRemoved)} removed, ${String(c.changes)} changes`;
}
