/**
 * Hugo's URL for a content file: `histudy/2023/02.md` → `/histudy/2023/02/`,
 * `histudy/_index.md` → `/histudy/`, `post/index.md` → `/post/`, with `url` and `slug` honoured
 * and paths from file names lower-cased (Hugo's default; an explicit `url` is kept as written).
 */

/** The front matter fields that change a page's URL. */
export type UrlFields = { url?: string; slug?: string };

/** Site-relative URL of a content file; `relPath` uses `/` and is relative to the content folder. */
export function pageUrl(relPath: string, fields: UrlFields = {}, baseUrl = ''): string {
  let path: string;
  if (fields.url) {
    path = fields.url.startsWith('/') ? fields.url : `/${fields.url}`;
    if (!/\.[a-z0-9]+$/i.test(path) && !path.endsWith('/')) path += '/';
  } else {
    const parts = relPath.replace(/\.md$/i, '').split('/');
    const last = parts[parts.length - 1];
    if (last === '_index' || last === 'index') parts.pop();
    else if (fields.slug) parts[parts.length - 1] = fields.slug;
    path = `/${parts.map(urlize).filter((p) => p !== '').join('/')}/`.replace(/\/+/g, '/').toLowerCase();
  }
  return joinBase(baseUrl, path);
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
