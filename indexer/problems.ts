/**
 * Content problems: collected over a whole build, printed together, each naming file and line.
 */

/** Problem codes; errors stop the build, warnings only under --strict. */
export type ProblemCode =
  | 'E_CONTENT_DIR' | 'E_READ' | 'E_ENCODING' | 'E_FRONT_MATTER' | 'E_DUPLICATE_URL' | 'E_BINARY' | 'E_SYNONYMS'
  | 'W_NO_TITLE' | 'W_EMPTY_BODY' | 'W_DATE' | 'W_SYMLINK' | 'W_FIELD' | 'W_MARKDOWN';

/** One thing wrong with the content. `line` is 1-based in the file, when known. */
export type Problem = { level: 'error' | 'warning'; code: ProblemCode; file: string; line?: number; message: string };

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
