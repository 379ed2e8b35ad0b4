/** Building a content folder with Debian's Hugo and a minimal theme, for the Hugo tests. */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Debian's hugo (0.111.3), the judge. */
export const HUGO = '/usr/bin/hugo';
/** The site title the theme's header shows: the real site's, which its logs also mention. */
export const SITE_TITLE = '姫路IT系勉強会';

/** A theme as small as a real one can be: the site title in a header, the page title, the content. */
const LAYOUT = (style: string) => `<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>${style}</head><body>
<header><a href="/">{{ .Site.Title }}</a></header><h1>{{ .Title }}</h1><main>{{ .Content }}</main></body></html>`;

/**
 * Builds a content folder with `hugo --minify` into `temp` and returns its public folder. `style`
 * goes into the head (the browser test spaces blocks apart to see where a link scrolls to).
 */
export async function hugoBuild(content: string, temp: string, style = ''): Promise<string> {
  await mkdir(join(temp, 'layouts', '_default'), { recursive: true });
  await writeFile(join(temp, 'config.toml'), `baseURL = "/"\ntitle = "${SITE_TITLE}"\ncontentDir = ${JSON.stringify(content)}\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n`);
  for (const name of ['single.html', 'list.html']) await writeFile(join(temp, 'layouts', '_default', name), LAYOUT(style));
  await promisify(execFile)(HUGO, ['--minify', '--quiet', '--source', temp, '--destination', join(temp, 'public')], { maxBuffer: 64 * 1024 * 1024 });
  return join(temp, 'public');
}
