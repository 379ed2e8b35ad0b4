/**
 * The demo of the site: every content page rendered at its Hugo URL, with the same heading ids
 * the index links to and the search box in its header; plus the search's own files under
 * `sagasu/` (embed script, standalone page). Raw HTML in content is omitted (as Hugo's
 * goldmark does by default) and only safe link schemes are kept: content never executes.
 */
import { Marked, type Token, type Tokens } from 'marked';
import { bundleEmbed } from '../web/build.ts';
import { EMBED_FILE, SEARCH_FOLDER, WORKER_FILE, buildFile } from '../web/core/format.ts';
import type { IndexBuild } from './build-index.ts';
import { createIdFactory, headingOf, lexMarkdown } from './markdown.ts';


/**
 * Japanese fonts by name (macOS/iOS, the web font, Linux and Android): text left to font
 * fallback costs Chromium tens of milliseconds of shaping each time results appear.
 */
export const SEARCH_PAGE_FONT = 'system-ui,"Hiragino Sans","Noto Sans JP","Noto Sans CJK JP",sans-serif';

const SITE_CSS = `:root{color-scheme:light dark;--fg:#1b1b1f;--bg:#fff;--muted:#5b5b66;--accent:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6ea;--bg:#16161a;--muted:#a0a0ab;--accent:#8ab4f8}}
*{box-sizing:border-box}body{margin:0;font:16px/1.7 ${SEARCH_PAGE_FONT};color:var(--fg);background:var(--bg)}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;border-bottom:1px solid color-mix(in srgb,var(--fg) 15%,transparent)}
header.site a.home{font-weight:700;color:var(--fg);text-decoration:none}header.site sagasu-search{flex:1 1 18rem;max-width:36rem}
main{max-width:48rem;margin:0 auto;padding:1rem}a{color:var(--accent)}.date{color:var(--muted)}
pre{overflow:auto;padding:.6rem;background:color-mix(in srgb,var(--fg) 6%,transparent)}table{border-collapse:collapse}td,th{border:1px solid color-mix(in srgb,var(--fg) 25%,transparent);padding:.2rem .5rem}
:target{scroll-margin-top:1rem;background:color-mix(in srgb,var(--accent) 15%,transparent)}
`;

/**
 * The standalone search page's own stylesheet, in the search folder: a copied `sagasu/` folder
 * works on any site without the demo's CSS (no inline style: a strict CSP forbids it).
 */
const SEARCH_PAGE_CSS = `:root{color-scheme:light dark}
body{margin:0;font:16px/1.7 ${SEARCH_PAGE_FONT};background:Canvas;color:CanvasText}
main{max-width:48rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}nav a{color:inherit}
`;

/** Files of the demo site and the search folder (path → contents), from a finished index build. */
export async function renderSite(build: IndexBuild): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>();
  const embed = await bundleEmbed();
  files.set(`${SEARCH_FOLDER}/${EMBED_FILE}`, embed.js);
  files.set(`${SEARCH_FOLDER}/${WORKER_FILE}`, embed.workerJs);
  files.set(`${SEARCH_FOLDER}/index.html`, searchPage(buildFile.meta(build.manifest.build)));
  files.set(`${SEARCH_FOLDER}/search.css`, SEARCH_PAGE_CSS);
  files.set('assets/site.css', SITE_CSS);
  const paths = new Set<string>();
  for (const page of build.pages) {
    const path = sitePath(page.record.url);
    paths.add(path);
    const folder = page.record.url.replace(/\.html$/, '/');
    const children = build.pages.filter((p) => p !== page && p.record.url.startsWith(folder) && page.rel.endsWith('_index.md'));
    // A folder URL is its index.html; an ugly URL (uglyURLs: /posts/a.html) is the file itself.
    files.set(path.endsWith('/') ? `${path}index.html` : path, pageHtml(page.record.title, page.record.date, renderMarkdown(page.tokens ?? page.body), children.map((c) => c.record)));
  }
  if (!paths.has('/')) {
    const top = build.pages.filter((p) => p.rel.split('/').length === 2 && p.rel.endsWith('_index.md'));
    files.set('index.html', pageHtml('Sagasu demo', '', '', (top.length > 0 ? top : build.pages).map((p) => p.record)));
  }
  return files;
}

/** The path part of a page URL (a --base-url may have added a host). */
function sitePath(url: string): string {
  const path = new URL(url, 'http://localhost').pathname;
  return decodeURIComponent(path).replace(/^\/+/, '/');
}

/**
 * Markdown (or the tokens the indexer already lexed from it) → HTML with Hugo's heading ids,
 * raw HTML omitted and unsafe link schemes dropped.
 */
export function renderMarkdown(markdown: string | Token[]): string {
  const nextId = createIdFactory();
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        const { id } = headingOf(token, nextId);
        return `<h${token.depth} id="${escapeHtml(id)}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
      html() {
        return '<!-- raw HTML omitted -->';
      },
      link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
        const text = this.parser.parseInline(token.tokens);
        return isSafeHref(token.href) ? `<a href="${escapeHtml(token.href)}" rel="nofollow noopener">${text}</a>` : text;
      },
      image(token: Tokens.Image) {
        return isSafeHref(token.href) && !/^data:/i.test(token.href) ? `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}">` : escapeHtml(token.text);
      },
    },
  });
  try {
    return marked.parser(typeof markdown === 'string' ? lexMarkdown(markdown).tokens : markdown);
  } catch {
    return `<pre>${escapeHtml(typeof markdown === 'string' ? markdown : markdown.map((t) => t.raw).join(''))}</pre>`;
  }
}

/** http(s), mailto and relative links only: never javascript:, data:, vbscript:… */
export function isSafeHref(href: string): boolean {
  const trimmed = href.trim().replace(/[\u0000-\u001F\u007F\s]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageHtml(title: string, date: string, body: string, children: { url: string; title: string; date: string }[]): string {
  const list = children.length > 0
    ? `<ul>${[...children].sort((a, b) => b.date.localeCompare(a.date) || a.url.localeCompare(b.url)).map((c) => `<li><a href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a></li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/site.css">
<script src="/${SEARCH_FOLDER}/${EMBED_FILE}" defer></script>
</head>
<body>
<header class="site"><a class="home" href="/">姫路IT系勉強会</a><sagasu-search></sagasu-search></header>
<main data-pagefind-body lang="ja">
<h1>${escapeHtml(title)}</h1>
${date ? `<p class="date">${escapeHtml(date)}</p>\n` : ''}${body}${list}
</main>
</body>
</html>
`;
}

/** The standalone search page (self-contained: only files of the search folder); it preloads the data file, whose name it knows from this build. */
function searchPage(dataFile: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>検索 — Sagasu</title>
<link rel="icon" href="data:,">
<link rel="preload" href="./${escapeHtml(dataFile)}" as="fetch" crossorigin="anonymous">
<link rel="stylesheet" href="./search.css">
<script src="./${EMBED_FILE}" defer></script>
</head>
<body>
<main lang="ja">
<nav><a href="../">← サイトに戻る</a></nav>
<h1>サイト内検索</h1>
<sagasu-search mode="page" autofocus></sagasu-search>
</main>
</body>
</html>
`;
}
