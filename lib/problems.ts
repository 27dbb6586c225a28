// Problems found in user input, collected and reported together.
//
// Each names where (file, route, field), what was found, and what to do about it. The
// CLI prints them as a bulleted list and exits non-zero; nothing prints a stack trace.

export interface Problem {
  /** The file to change, relative to the repository root where possible. */
  readonly file: string;
  /** The route, as "kind / tenant[ / project]", "kind (default)" or a backend name. */
  readonly route?: string;
  /** The field path inside the file, e.g. "overrides[2].backend". */
  readonly field: string;
  /** What is wrong, with the value found and what is allowed. */
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  const where = [problem.route ? `route ${problem.route}` : undefined, `field ${problem.field}`].filter(Boolean).join(", ");
  return `${problem.file}: ${where}: ${problem.message}`;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  - ${formatProblem(p)}`).join("\n");
}

/** Thrown (and caught by the CLI and the program) when input does not validate. */
export class InputError extends Error {
  constructor(
    readonly headline: string,
    readonly problems: readonly Problem[],
  ) {
    super(`${headline}\n${formatProblems(problems)}`);
    this.name = "InputError";
  }
}

/** Edit distance, for "did you mean" hints on misspelled names. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export function didYouMean(value: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 4)) ? ` (did you mean "${best}"?)` : "";
}
