/**
 * Content problems: collected over a whole build, printed together, each naming file and line.
 */

/**
 * Problem codes. Errors stop the build (only a missing content folder is one); everything about
 * one page is a warning, so one bad page never takes the whole site's search down. Warnings fail
 * the build only under --strict.
 */
export type ProblemCode =
  | 'E_CONTENT_DIR'
  | 'W_READ' | 'W_ENCODING' | 'W_FRONT_MATTER' | 'W_DUPLICATE_URL' | 'W_BINARY' | 'E_SYNONYMS'
  | 'W_NO_TITLE' | 'W_EMPTY_BODY' | 'W_DATE' | 'W_SYMLINK' | 'W_FIELD' | 'W_MARKDOWN'
  | 'E_HUGO_CONFIG' | 'W_HUGO_CONFIG';

/**
 * One thing wrong with the content. `line` is 1-based in the file, when known; `leftOut` is set
 * when the page named is not in the index because of it.
 */
export type Problem = { level: 'error' | 'warning'; code: ProblemCode; file: string; line?: number; message: string; leftOut?: true };

/** `<file>:<line>: <what is wrong>. <how to fix>` — the shape editors and CI logs link from. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.level}: ${problem.message} [${problem.code}]`;
}

/** Thrown when a build cannot go on; carries every problem found so far. */
export class BuildError extends Error {
  override name = 'BuildError';
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}
