/**
 * Hugo's URL for a content file: `histudy/2023/02.md` → `/histudy/2023/02/`,
 * `histudy/_index.md` → `/histudy/`, `post/index.md` → `/post/`, with `url` and `slug` honoured
 * and paths from file names lower-cased (Hugo's default; an explicit `url` is kept as written).
 * A site's config may change that: permalinks per section, uglyURLs, disablePathToLower.
 */

/** The front matter fields that change a page's URL. */
export type UrlFields = { url?: string; slug?: string; title?: string; date?: string };

/** URL rules from a Hugo config (hugo-config.ts); DEFAULT_URL_RULES are Hugo's defaults. */
export type UrlRules = {
  /** Section name (lower case) → pattern such as `/:year/:month/:slug/`, for the section's regular pages. */
  permalinks: Record<string, string>;
  /** `/posts/first.html` and `/posts.html` instead of `/posts/first/` and `/posts/`. */
  uglyURLs: boolean;
  /** Paths from file names, slugs and titles lower-cased (false: Hugo's disablePathToLower). */
  lowerCase: boolean;
};

/** Hugo's defaults: no permalinks, pretty URLs, lower case. */
export const DEFAULT_URL_RULES: UrlRules = { permalinks: {}, uglyURLs: false, lowerCase: true };

/** The permalink tokens pageUrl expands (others are reported by hugo-config.ts). */
export const PERMALINK_TOKENS = [':year', ':month', ':day', ':slug', ':title', ':filename', ':slugorfilename', ':section', ':sections'];

/**
 * Site-relative URL of a content file; `relPath` uses `/` and is relative to the content folder.
 * `sectionDirs` are the folders holding an `_index.md` (nested sections, for `:sections`).
 */
export function pageUrl(relPath: string, fields: UrlFields = {}, baseUrl = '', rules: UrlRules = DEFAULT_URL_RULES, sectionDirs: ReadonlySet<string> = new Set()): string {
  let path: string;
  if (fields.url) {
    path = fields.url.startsWith('/') ? fields.url : `/${fields.url}`;
    if (!/\.[a-z0-9]+$/i.test(path) && !path.endsWith('/')) path += '/';
  } else {
    const parts = relPath.replace(/\.md$/i, '').split('/');
    const last = parts[parts.length - 1];
    const list = last === '_index';
    const bundle = last === 'index';
    const pattern = !list && parts.length > 1 ? rules.permalinks[(parts[0] ?? '').toLowerCase()] : undefined;
    if (pattern !== undefined) {
      path = expandPermalink(pattern, parts, bundle, fields, sectionDirs);
    } else {
      if (list || bundle) parts.pop();
      else if (fields.slug) parts[parts.length - 1] = fields.slug;
      path = `/${parts.map(urlize).filter((p) => p !== '').join('/')}/`.replace(/\/+/g, '/');
    }
    if (rules.lowerCase) path = path.toLowerCase();
    if (rules.uglyURLs && path !== '/' && path.endsWith('/')) path = `${path.slice(0, -1)}.html`;
  }
  return joinBase(baseUrl, path);
}

/** A permalink pattern filled in for one regular page (`parts`: its path without `.md`). */
function expandPermalink(pattern: string, parts: string[], bundle: boolean, fields: UrlFields, sectionDirs: ReadonlySet<string>): string {
  const filename = (bundle ? parts[parts.length - 2] : parts[parts.length - 1]) ?? '';
  // Hugo's zero date when a page has none (its year is written 1).
  const [year = '1', month = '01', day = '01'] = /^\d{4}-\d{2}-\d{2}/.test(fields.date ?? '') ? (fields.date ?? '').slice(0, 10).split('-') : [];
  const title = urlize(fields.title ?? '');
  const slug = fields.slug ? urlize(fields.slug) : '';
  const folders = parts.slice(0, bundle ? -2 : -1);
  // Only folders with an _index.md are sections below the first (blog/sub/x.md without one is in blog).
  const sections = folders.filter((_, i) => i === 0 || sectionDirs.has(folders.slice(0, i + 1).join('/')));
  const values: Record<string, string> = {
    ':year': year, ':month': month, ':day': day,
    ':slug': fields.slug ? slug : title,
    ':title': title,
    ':filename': urlize(filename),
    ':slugorfilename': fields.slug ? slug : urlize(filename),
    ':section': urlize(folders[0] ?? ''),
    ':sections': sections.map(urlize).join('/'),
  };
  const expanded = pattern.replace(/:[a-z_]+/gi, (token) => values[token.toLowerCase()] ?? token);
  return `/${expanded}/`.replace(/\/+/g, '/');
}

/**
 * Hugo's (0.111) path sanitising for one segment: letters, digits, marks and `. _ # + ~ - @` stay
 * (and `%` before two hex digits); whitespace becomes one `-` unless a `-` is just before it or
 * comes next; everything else — brackets, `!`, `&`, full-width punctuation, emoji — is dropped.
 * Hugo runs this over the whole path, so a segment's leading or trailing space gives a `-` too.
 */
export function urlize(segment: string): string {
  let out = '';
  let hyphen = false;
  let afterHyphen = false;
  const chars = [...segment];
  chars.forEach((ch, i) => {
    const kept = /[._#+~\-@\p{L}\p{Nd}\p{M}]/u.test(ch) || (ch === '%' && /^[0-9a-f]{2}$/i.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')));
    if (kept) {
      afterHyphen = ch === '-';
      if (hyphen && !afterHyphen) out += '-';
      hyphen = false;
      out += ch;
    } else if (/\s/u.test(ch) && !afterHyphen) {
      hyphen = true;
    }
  });
  return hyphen ? `${out}-` : out;
}

function joinBase(baseUrl: string, path: string): string {
  if (baseUrl === '') return path;
  return baseUrl.replace(/\/+$/, '') + path;
}
