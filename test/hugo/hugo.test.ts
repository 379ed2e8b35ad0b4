/**
 * Real Hugo as the judge of Sagasu's links: the fixture site (one quirk per page) and ../shared's
 * corpus are built with Debian's hugo (`hugo --minify`, a minimal theme whose header carries the
 * site title) and every page URL, heading id and thread text fragment Sagasu emits is checked
 * against the HTML Hugo wrote.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../../indexer/build-index.ts';
import { buildFile, parsePageFile } from '../../web/core/format.ts';
import { topicRecord } from '../../web/core/search.ts';
import { CORPUS } from '../helpers.ts';
import { HUGO, hugoBuild } from './site.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/hugo/content', import.meta.url));

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', ndash: '–', mdash: '—', hellip: '…', mldr: '…',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', copy: '©',
};
const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, n: string) =>
  n[0] === '#' ? String.fromCodePoint(n[1] === 'x' || n[1] === 'X' ? parseInt(n.slice(2), 16) : parseInt(n.slice(1), 10)) : (ENTITIES[n] ?? whole));

const BLOCK = /^(?:address|article|aside|blockquote|br|dd|div|dl|dt|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul)$/;

/** What a browser shows of a page: visible text (whitespace collapsed), ids, list-item and heading offsets. */
type Rendered = { text: string; ids: Set<string>; items: number[]; headings: { at: number; id: string }[] };

function rendered(html: string): Rendered {
  let text = '';
  const ids = new Set<string>();
  const items: number[] = [];
  const headings: { at: number; id: string }[] = [];
  const add = (s: string) => {
    const collapsed = s.replace(/\s+/g, ' ');
    text += text.endsWith(' ') || text === '' ? collapsed.replace(/^ /, '') : collapsed;
  };
  const body = html.replace(/<head>[\s\S]*?<\/head>/i, '').replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const part of body.split(/(<[^>]*>)/)) {
    if (!part.startsWith('<')) { add(decode(part)); continue; }
    const tag = /^<\/?([a-z0-9]+)/i.exec(part)?.[1]?.toLowerCase() ?? '';
    if (BLOCK.test(tag)) add(' ');
    const id = /\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/.exec(part);
    const value = id ? decode(id[1] ?? id[2] ?? id[3] ?? '') : undefined;
    if (value !== undefined) ids.add(value);
    if (part.startsWith('<li')) items.push(text.length);
    if (/^<h[1-6]/.test(part)) headings.push({ at: text.length, id: value ?? '' });
  }
  return { text, ids, items, headings };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Counts = { pages: number; urls: number; urlsFailed: number; ids: number; idsFailed: number; fragments: number; notFound: number; elsewhere: number; failures: string[] };

/** Checks every link Sagasu's index of `content` emits against Hugo's build of it. */
async function compare(content: string, label: string): Promise<Counts> {
  const temp = await mkdtemp(join(tmpdir(), 'sagasu-hugo-'));
  try {
    const [publicDir, build] = await Promise.all([hugoBuild(content, temp), buildIndex({ content, baseUrl: '', buildFuture: false, today: '2026-11-27' })]);
    const counts: Counts = { pages: 0, urls: 0, urlsFailed: 0, ids: 0, idsFailed: 0, fragments: 0, notFound: 0, elsewhere: 0, failures: [] };
    for (let p = 0; p < build.manifest.pages; p++) {
      const raw = build.files.get(buildFile.page(build.manifest.build, p));
      if (typeof raw !== 'string') continue;
      const file = parsePageFile(JSON.parse(raw), build.manifest.build, label);
      counts.pages++;
      counts.urls++;
      const htmlPath = join(publicDir, decodeURI(file.page.url), 'index.html');
      if (!existsSync(htmlPath)) { counts.urlsFailed++; counts.failures.push(`${file.page.url}: no page in Hugo's output`); continue; }
      const page = rendered(await readFile(htmlPath, 'utf8'));
      const anchors = new Set<string>();
      for (let t = 0; t < file.heading.length; t++) {
        const topic = topicRecord(file, t);
        if (topic.anchor !== '' && !anchors.has(topic.anchor)) {
          anchors.add(topic.anchor);
          counts.ids++;
          if (!page.ids.has(topic.anchor)) { counts.idsFailed++; counts.failures.push(`${file.page.url}#${topic.anchor}: no such id`); }
        }
        if (topic.fragment === '') continue;
        counts.fragments++;
        const [first = '', middle, last = ''] = topic.fragment.split('\n');
        const [prefix, text, suffix] = middle === undefined ? ['', first, ''] : [first, middle, last];
        if (!page.text.includes(text)) { counts.notFound++; counts.failures.push(`${file.page.url}: fragment text not on the page: ${JSON.stringify(text)}`); continue; }
        const pattern = new RegExp(`${prefix === '' ? '' : `${escape(prefix)} ?`}(${escape(text)})${suffix === '' ? '' : ` ?${escape(suffix)}`}`, 'd');
        const match = pattern.exec(page.text);
        const at = match?.indices?.[1]?.[0] ?? -1;
        const section = page.headings.filter((h) => h.at <= at && h.id !== '').at(-1)?.id ?? '';
        if (!page.items.includes(at) || section !== topic.anchor) {
          counts.elsewhere++;
          counts.failures.push(`${file.page.url}#${topic.anchor}: fragment ${JSON.stringify(topic.fragment)} first lands ${at < 0 ? 'nowhere' : `at ${JSON.stringify(page.text.slice(Math.max(0, at - 20), at + 30))} (section ${section})`}`);
        }
      }
    }
    const failed = counts.urlsFailed + counts.idsFailed + counts.notFound + counts.elsewhere;
    console.log(`${label}: ${counts.pages} pages; URLs ${counts.urls} checked, ${counts.urlsFailed} failed; heading ids ${counts.ids} checked, ${counts.idsFailed} failed; fragments ${counts.fragments} checked, ${counts.notFound} not in Hugo's text, ${counts.elsewhere} landing elsewhere (${failed} failures)`);
    for (const f of counts.failures.slice(0, 30)) console.log(`  ${f}`);
    return counts;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

const hugoMissing = !existsSync(HUGO);
if (hugoMissing) console.log(`skipping the Hugo comparison: ${HUGO} is not installed (apt-get install hugo)`);

describe('Sagasu links against real Hugo', { skip: hugoMissing }, () => {
  it('links the fixture site\'s quirks (links, images, code, entities, U+3000, setext, nesting, typographer) only to what Hugo wrote', async () => {
    const counts = await compare(FIXTURES, 'fixtures');
    assert.ok(counts.pages > 10 && counts.ids > 20 && counts.fragments > 15, 'the fixtures exercise pages, ids and fragments');
    assert.deepEqual(counts.failures, []);
  });
  const corpusMissing = !existsSync(CORPUS);
  if (corpusMissing) console.log(`skipping the corpus comparison: ${CORPUS} is absent`);
  it('links the real corpus only to what Hugo wrote', { skip: corpusMissing, timeout: 120_000 }, async () => {
    const counts = await compare(CORPUS, 'corpus');
    assert.ok(counts.pages > 100);
    assert.deepEqual(counts.failures, []);
  });
});

