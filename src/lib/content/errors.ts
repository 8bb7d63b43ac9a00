/**
 * One problem in one content file, in words a legal editor can act on:
 * where (file, field or line), what is wrong, and how to fix it.
 */
export interface ContentProblem {
  /** Path relative to the project root, e.g. `content/policies/privacy-policy/2024-04-25.mdx`. */
  readonly file: string;
  /** Front-matter field, or `body` for the text. */
  readonly field: string;
  readonly message: string;
  readonly hint: string;
  /** 1-based line in the file, when known. */
  readonly line?: number | undefined;
}

export function formatProblem(problem: ContentProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}\n  ${problem.field}: ${problem.message}\n  hint: ${problem.hint}`;
}

/** Thrown when content is broken. Lists every problem at once, so one build shows them all. */
export class ContentError extends Error {
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Policy content has ${count}:\n\n${problems.map(formatProblem).join('\n\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}
