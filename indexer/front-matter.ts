/**
 * Front matter: gray-matter, validated into PageMeta. Only the fields below ever leave this
 * module, so nothing else a page's front matter holds (e-mail addresses, notes) can reach
 * the index. Every problem names the file and line.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';
import type { Problem } from './problems.ts';

/** What the index needs from a page's front matter. */
export type PageMeta = {
  title: string;
  /** `YYYY-MM-DD` or ''. */
  date: string;
  categories: string[];
  tags: string[];
  draft: boolean;
  /** Hugo `build.list: never` / `build.render: never` (or the older `_build`): keep out of search. */
  unlisted: boolean;
  /** `headless: true`: a leaf bundle (index.md) Hugo does not render; ignored by Hugo on other pages. */
  headless: boolean;
  /** `YYYY-MM-DD` or '': Hugo does not publish a page before its publishDate or after its expiryDate. */
  publishDate: string;
  expiryDate: string;
  slug?: string;
  url?: string;
};

/** A page split into validated meta and its Markdown body. */
export type ParsedPage = { meta: PageMeta; body: string; bodyLine: number };

/** Parses front matter; returns problems instead of throwing. `file` names the page in messages. */
export function parseFrontMatter(source: string, file: string): { page?: ParsedPage; problems: Problem[] } {
  const problems: Problem[] = [];
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options are passed on purpose: without them gray-matter caches by content and shares `data`.
    // The core schema keeps dates as written, so 2019-13-45 is reported instead of silently
    // becoming 2020-02-14 (the default schema's timestamps overflow).
    parsed = matter(source, { excerpt: false, engines: { yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object } });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
    const line = typeof mark?.line === 'number' ? mark.line + 2 : 1;
    problems.push({ level: 'warning', code: 'W_FRONT_MATTER', file, line, message: `broken YAML front matter: ${reason}; page left out of the index. Fix the YAML between the --- lines`, leftOut: true });
    return { problems };
  }
  const data: unknown = parsed.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ level: 'warning', code: 'W_FRONT_MATTER', file, line: 2, message: 'front matter is not a mapping of fields; page left out of the index. Write it as `key: value` lines (title:, date:, tags:)', leftOut: true });
    return { problems };
  }
  const fields = data as Record<string, unknown>;
  const bodyLine = source.slice(0, source.length - parsed.content.length).split('\n').length;
  const warn = (field: string, message: string, code: Problem['code'] = 'W_FIELD') => problems.push({ level: 'warning', code, file, line: fieldLine(source, field), message });

  let title = '';
  if (typeof fields.title === 'string') title = fields.title.trim();
  else if (typeof fields.title === 'number') title = String(fields.title);
  else if (fields.title !== undefined && fields.title !== null) warn('title', '`title` is not text; using the first heading instead. Write `title: "…"`');

  const date = parseDate(fields.date);
  if (date === undefined) { warn('date', `\`date\` ${JSON.stringify(String(fields.date))} is not a date; the page has no date. Write \`date: 2019-09-14\``, 'W_DATE'); }

  const build = (fields.build ?? fields._build) as Record<string, unknown> | undefined;
  const unlisted = typeof build === 'object' && build !== null
    && (build.list === 'never' || build.list === false || build.render === 'never' || build.render === false);
  const publishDate = parseDate(fields.publishDate ?? fields.publishdate ?? fields.pubdate) ?? '';
  const expiryDate = parseDate(fields.expiryDate ?? fields.expirydate ?? fields.unpublishdate) ?? '';

  return {
    page: {
      meta: {
        title,
        date: date ?? '',
        categories: stringList(fields.categories),
        tags: stringList(fields.tags),
        draft: fields.draft === true || fields.draft === 'true',
        unlisted,
        headless: fields.headless === true,
        publishDate,
        expiryDate,
        ...(typeof fields.slug === 'string' && fields.slug.trim() !== '' ? { slug: fields.slug.trim() } : {}),
        ...(typeof fields.url === 'string' && fields.url.trim() !== '' ? { url: fields.url.trim() } : {}),
      },
      body: parsed.content,
      bodyLine,
    },
    problems,
  };
}

/** `YYYY-MM-DD` from a YAML date (a Date when unquoted) or a string such as 2019/09/14; '' if absent. */
function parseDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const iso = `${y}-${mo?.padStart(2, '0')}-${d?.padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function stringList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter((v) => v !== '');
}

/** Line of a front-matter field (`title`, `date`) in the raw file. */
function fieldLine(source: string, field: string): number | undefined {
  const index = source.search(new RegExp(`^${field}\\s*:`, 'm'));
  return index === -1 ? undefined : source.slice(0, index).split('\n').length;
}
