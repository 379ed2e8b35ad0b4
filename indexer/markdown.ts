/**
 * Markdown → topics: heading sections (with Hugo's heading ids), list threads, plain text.
 *
 * Plain text is what a visitor sees on the rendered page: link text but not link URLs, code
 * kept, HTML tags stripped (and the insides of <script>/<style> dropped), entities decoded.
 */
import { Lexer, type Token, type Tokens } from 'marked';

/** A topic before it is tied to a page: own heading, parent topic, Hugo id, thread fragment, text. */
export type RawTopic = {
  /** The topic's own heading (or a thread's first line); '' for text before the first heading. */
  heading: string;
  /** Index (in this page's topics) of the enclosing section's topic, or -1. */
  parent: number;
  anchor: string;
  /** A list thread's first line as rendered (the text of its `:~:text=` link), or ''. */
  fragment: string;
  text: string;
  /** 1-based line in the Markdown body where the topic starts. */
  line: number;
};

/** One heading as Hugo renders it. */
export type HeadingInfo = { depth: number; text: string; id: string; line: number };

/** What lexMarkdown had to change to parse a page, for a warning: a message and its body line. */
export type LexNote = { line: number; message: string };

/** A parsed page body, and what had to be changed to parse it (see lexMarkdown). */
export type ParsedMarkdown = { headings: HeadingInfo[]; topics: RawTopic[]; notes: LexNote[]; tokens: Token[] };

/** Lines of one paragraph after which a blank line is put in when marked runs out of stack. */
const SPLIT_EVERY = 200;

/**
 * Lexes a page body with marked, never throwing: lists nested past MAX_LIST_INDENT are pulled
 * back, and if marked's regexes still overflow the stack (a multi-megabyte paragraph), long
 * runs of lines are split by blank lines, and failing that the body is kept as plain text.
 */
export function lexMarkdown(body: string): { tokens: Token[]; notes: LexNote[] } {
  const notes: LexNote[] = [];
  const clamped = clampListIndent(body);
  if (clamped.firstLine !== undefined) {
    notes.push({ line: clamped.firstLine, message: 'list nested deeper than 64 columns; deeper items are indexed at that depth' });
  }
  const lex = (text: string) => new Lexer({ gfm: true }).lex(text);
  try {
    return { tokens: lex(clamped.body), notes };
  } catch {
    // marked's block regexes recurse per line of a paragraph; a huge one overflows the stack.
  }
  let run = 0;
  const split = clamped.body.split('\n').map((line) => {
    run = line.trim() === '' ? 0 : run + 1;
    return run > 0 && run % SPLIT_EVERY === 0 ? `${line}\n` : line;
  }).join('\n');
  try {
    const tokens = lex(split);
    notes.push({ line: 1, message: `a paragraph too long for the Markdown parser was split every ${SPLIT_EVERY} lines` });
    return { tokens, notes };
  } catch {
    notes.push({ line: 1, message: 'the Markdown parser could not read this page; it is indexed as plain text' });
    return { tokens: [{ type: 'code', raw: body, text: body, codeBlockStyle: 'indented' } as Tokens.Code], notes };
  }
}

/** Longest first line of a thread that is turned into a text fragment. */
const MAX_FRAGMENT_TEXT = 300;
/** Deepest list nesting whose text is kept; deeper levels are flattened into their parent. */
const MAX_DEPTH = 64;

/** Deepest list indentation (in columns) kept; marked's lexer slows down steeply past it. */
const MAX_LIST_INDENT = 64;
const DEEP_LIST_ITEM = new RegExp(`^[ \\t]{${MAX_LIST_INDENT + 1},}(?=(?:[*+-]|\\d{1,9}[.)])(?:[ \\t]|$))`, 'gm');

/**
 * Pulls list items indented past MAX_LIST_INDENT columns back to that depth. Real meeting notes
 * never nest that deep; a pasted 1,000-level list would otherwise take marked seconds to lex.
 * Returns the body and the 1-based line of the first item moved, if any.
 */
function clampListIndent(body: string): { body: string; firstLine?: number } {
  let first: number | undefined;
  const clamped = body.replace(DEEP_LIST_ITEM, (indent, offset: number) => {
    first ??= body.slice(0, offset).split('\n').length;
    return indent.includes('\t') || indent.length > MAX_LIST_INDENT ? ' '.repeat(MAX_LIST_INDENT) : indent;
  });
  return first === undefined ? { body } : { body: clamped, firstLine: first };
}

/**
 * Hugo's goldmark "github" heading id for a heading's source text (without uniqueness): after
 * trimming, a space or `-` gives `-`, letters, decimal digits and `_` are kept lower-cased, and
 * everything else — punctuation, emoji, tabs, U+3000 and other non-ASCII spaces — is dropped.
 */
export function headingId(source: string): string {
  let id = '';
  for (const ch of source.trim()) {
    if (ch === ' ' || ch === '-') id += '-';
    else if (/[\p{L}\p{Nd}_]/u.test(ch)) id += ch.toLowerCase();
  }
  return id === '' ? 'heading' : id;
}

/** Hands out unique ids the way Hugo does: the second `foo` becomes `foo-1`, then `foo-2`. */
export function createIdFactory(): (source: string, explicit?: string) => string {
  const seen = new Set<string>();
  return (source, explicit) => {
    if (explicit) { seen.add(explicit); return explicit; }
    const base = headingId(source);
    let id = base;
    for (let n = 1; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return id;
  };
}

const HEADING_ATTRIBUTES = /\s*\{((?:\s*[#.][\w-]+|\s*[\w-]+=(?:"[^"]*"|[\w-]+))+)\s*\}\s*$/;
const ATX_OPENING = /^ {0,3}#{1,6}(?=[ \t]|$)/;

/**
 * The Markdown source goldmark builds a heading's id from: the raw last line of the heading,
 * without the `#` marks, a closing `#` run and `{…}` attributes — link URLs, entity names and
 * emphasis marks included (`## [a](http://b)` → `ahttpb`), unlike the rendered text.
 */
export function headingSource(raw: string): string {
  const lines = raw.replace(/\n+$/, '').split('\n');
  const first = lines[0] ?? '';
  // A setext heading's id comes from its last text line (the line above the underline).
  let line = ATX_OPENING.test(first)
    ? first.replace(ATX_OPENING, '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '')
    : (lines.length > 1 ? lines[lines.length - 2] ?? '' : first);
  line = line.replace(HEADING_ATTRIBUTES, '');
  return line.trim();
}

/**
 * A heading's id and text, with goldmark's attribute syntax (`## Title {#custom-id .note}`, on by
 * default in Hugo) taken off the end: the explicit id wins, and the braces are not part of the
 * text. The trailing text token is trimmed in place, so a renderer of the same tokens agrees.
 */
export function headingOf(heading: Tokens.Heading, nextId: (source: string, explicit?: string) => string): { id: string; text: string } {
  // The explicit id is remembered on the token: the demo renders the tokens the indexer lexed.
  const marked = heading as Tokens.Heading & { explicitId?: string; idSource?: string };
  if (marked.explicitId === undefined) {
    marked.idSource = headingSource(heading.raw);
    marked.explicitId = '';
    const last = heading.tokens[heading.tokens.length - 1];
    const attributes = last?.type === 'text' ? HEADING_ATTRIBUTES.exec((last as Tokens.Text).text) : null;
    if (last && attributes) {
      const t = last as Tokens.Text;
      marked.explicitId = /#([\w-]+)/.exec(attributes[1] ?? '')?.[1] ?? '';
      t.text = t.text.slice(0, attributes.index);
      t.raw = t.raw.replace(HEADING_ATTRIBUTES, '');
      if (t.tokens) t.tokens = [{ type: 'text', raw: t.text, text: t.text } as Tokens.Text];
    }
  }
  const text = inlineText(heading.tokens).replace(/\s+/g, ' ').trim();
  return { id: nextId(marked.idSource ?? '', marked.explicitId || undefined), text };
}

/**
 * Ids of every heading in document order, nested ones (in list items and blockquotes) too:
 * Hugo numbers duplicates across all of them, so a quoted `## 議事録` shifts the next one's id.
 */
function headingIds(tokens: Token[]): Map<Token, { id: string; text: string }> {
  const nextId = createIdFactory();
  const ids = new Map<Token, { id: string; text: string }>();
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.type === 'heading') ids.set(token, headingOf(token as Tokens.Heading, nextId));
      else if (token.type === 'list') walk((token as Tokens.List).items);
      else if (token.type === 'list_item' || token.type === 'blockquote') walk((token as Tokens.ListItem).tokens);
    }
  };
  walk(tokens);
  return ids;
}

/** Parses a Markdown body into headings and topics. `lineOffset` counts the front matter lines. */
export function parseMarkdown(body: string, lineOffset = 0): ParsedMarkdown {
  const { tokens, notes } = lexMarkdown(body);
  const ids = headingIds(tokens);
  const page = pageText(tokens);
  const headings: HeadingInfo[] = [];
  const topics: RawTopic[] = [];
  // Open sections, outermost first, with the index of each one's topic.
  let open: { depth: number; topic: number }[] = [];
  let section = { heading: '', parent: -1, anchor: '', line: 1 + lineOffset, blocks: [] as Token[] };
  let line = 1 + lineOffset;

  const flush = () => {
    const threads = section.blocks.filter(isThreadList).flatMap((list) => list.items);
    const text = blocksText(section.blocks.filter((b) => !isThreadList(b)));
    let parent = section.parent;
    if (text !== '' || section.heading !== '') {
      parent = topics.length;
      topics.push({ heading: section.heading, parent: section.parent, anchor: section.anchor, fragment: '', text, line: section.line });
    }
    for (const item of threads) {
      const [first = '', ...more] = blockText(item, 0).split('\n');
      const lead = first.trim();
      topics.push({
        heading: lead,
        parent,
        anchor: section.anchor,
        fragment: page.itemLine.has(item) ? threadFragment(page, page.itemLine.get(item) ?? 0) : '',
        text: more.join('\n').trim(),
        line: section.line,
      });
    }
  };

  for (const token of tokens) {
    if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      const { id, text } = ids.get(h) ?? { id: 'heading', text: '' };
      headings.push({ depth: h.depth, text, id, line });
      flush();
      open = open.filter((o) => o.depth < h.depth);
      section = { heading: text, parent: open[open.length - 1]?.topic ?? -1, anchor: id, line, blocks: [] };
      open.push({ depth: h.depth, topic: topics.length });
    } else {
      section.blocks.push(token);
    }
    line += countLines(token.raw);
  }
  flush();
  return { headings, topics, notes: notes.map((n) => ({ ...n, line: n.line + lineOffset })), tokens };
}

/**
 * A list whose top-level items are separate threads of a discussion: two or more items, and at
 * least one of them carries a nested list (the talk under it). Plain lists stay in their section.
 */
function isThreadList(token: Token): token is Tokens.List {
  if (token.type !== 'list') return false;
  const list = token as Tokens.List;
  return list.items.length >= 2 && list.items.some((item) => item.tokens.some((t) => t.type === 'list'));
}

function blocksText(blocks: Token[]): string {
  return blocks.map((b) => blockText(b, 0)).filter((t) => t !== '').join('\n').trim();
}

/** Visible text of a block token, lines separated by "\n". */
function blockText(token: Token, depth: number): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'code':
      return (token as Tokens.Code).text;
    case 'html':
      return htmlText((token as Tokens.HTML).text).trim();
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((c) => inlineText(c.tokens)).join(' ');
      return [row(table.header), ...table.rows.map(row)].join('\n');
    }
    case 'list':
      return (token as Tokens.List).items.map((item) => blockText(item, depth + 1)).join('\n');
    case 'list_item':
    case 'blockquote': {
      const children = (token as Tokens.ListItem | Tokens.Blockquote).tokens;
      if (depth > MAX_DEPTH) return flatText(token.raw);
      return children.map((c) => blockText(c, depth)).filter((t) => t !== '').join('\n');
    }
    case 'paragraph':
    case 'text':
    case 'heading': {
      const t = token as Tokens.Paragraph | Tokens.Text | Tokens.Heading;
      return t.tokens ? inlineText(t.tokens) : decodeEntities(t.text);
    }
    default:
      return 'tokens' in token && Array.isArray(token.tokens) ? inlineText(token.tokens as Token[]) : '';
  }
}

/** Visible text of inline tokens: link text kept, URLs of [text](url) links not. */
export function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'escape':
        out += 'tokens' in token && Array.isArray(token.tokens) ? inlineText(token.tokens as Token[]) : decodeEntities((token as Tokens.Text).text);
        break;
      case 'codespan':
        out += decodeEntities((token as Tokens.Codespan).text);
        break;
      case 'br':
        out += '\n';
        break;
      case 'html':
        out += htmlText((token as Tokens.HTML).text);
        break;
      case 'image':
        out += decodeEntities((token as Tokens.Image).text);
        break;
      default:
        out += 'tokens' in token && Array.isArray(token.tokens) ? inlineText(token.tokens as Token[]) : '';
    }
  }
  return out;
}

/** Text of an HTML fragment: tags, comments and the insides of script/style removed. */
export function htmlText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<(script|style|template|textarea)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
      .replace(/<\/?[a-zA-Z][^>]*>?/g, ''),
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', copy: '©', reg: '®', hellip: '…', mdash: '—', ndash: '–' };

/** Decodes the HTML entities Markdown text can carry (named common ones and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function flatText(raw: string): string {
  return htmlText(raw.replace(/^\s*(?:[*+-]|\d+[.)])\s+/gm, '')).trim();
}

function countLines(raw: string): number {
  let n = 0;
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) n++;
  return n;
}

// ---- The page as Hugo renders it: the visible text a text fragment has to match ----

/** Stands for an image or a raw HTML tag in page text: neither is text a fragment can match. */
const OPAQUE = '\uFFFC';
/** Longest prefix or suffix context taken from a neighbouring line. */
const MAX_CONTEXT = 40;

/**
 * Visible lines of the whole page in document order, where each list item's first line is, and
 * whether some words occur (across lines, as the browser sees them) before line `at` starts.
 */
type PageText = { lines: string[]; itemLine: Map<Token, number>; earlier(words: string, at: number): boolean };

/** Longest page text searched for earlier occurrences; past it each thread keeps its context. */
const MAX_SEARCHED = 200_000;

/** The text Hugo shows for a body: typographer applied, images and raw HTML tags as OPAQUE. */
function pageText(tokens: Token[]): PageText {
  const lines: string[] = [];
  const itemLine = new Map<Token, number>();
  const push = (text: string) => {
    for (const line of text.split('\n')) if (line.trim() !== '') lines.push(line.replace(/\s+/g, ' ').trim());
  };
  const walk = (token: Token, depth: number): void => {
    switch (token.type) {
      case 'list':
        for (const item of (token as Tokens.List).items) walk(item, depth + 1);
        return;
      case 'list_item':
      case 'blockquote':
        if (depth > MAX_DEPTH) { push(flatText(token.raw)); return; }
        // A task item's checkbox comes before its first block.
        (token as Tokens.ListItem).tokens.filter((child) => child.type !== 'checkbox').forEach((child, n) => {
          const start = lines.length;
          walk(child, depth);
          // An item's line is the text of its first block; an empty item (`*` alone) has none.
          if (n === 0 && token.type === 'list_item' && lines.length > start && child.type !== 'list') itemLine.set(token, start);
        });
        return;
      case 'code':
        push((token as Tokens.Code).text);
        return;
      case 'html':
        push(htmlText((token as Tokens.HTML).text));
        return;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) for (const cell of row) push(pageInline(cell.tokens));
        return;
      }
      case 'paragraph':
      case 'text':
      case 'heading': {
        const t = token as Tokens.Paragraph | Tokens.Text | Tokens.Heading;
        push(t.tokens ? pageInline(t.tokens) : decodeEntities(t.text));
        return;
      }
      default:
    }
  };
  for (const token of tokens) walk(token, 0);
  let joined: string | undefined;
  const starts: number[] = [];
  const earlier = (words: string, at: number) => {
    if (joined === undefined) {
      let offset = 0;
      for (const line of lines) { starts.push(offset); offset += line.length + 1; }
      joined = `${lines.join(' ')} `;
    }
    // On a huge page the quadratic search is skipped: the first context tried is kept.
    if (joined.length > MAX_SEARCHED) return false;
    const found = joined.indexOf(words);
    return found !== -1 && found + words.length <= (starts[at] ?? joined.length);
  };
  return { lines, itemLine, earlier };
}

/** Inline tokens as Hugo renders them: goldmark's typographer on plain text, not in code. */
function pageInline(tokens: Token[]): string {
  let text = '';
  let typo = '';
  const add = (s: string, typographed: boolean) => { text += s; typo += (typographed ? '1' : '0').repeat(s.length); };
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.type === 'text') {
        const t = token as Tokens.Text;
        if (t.tokens) walk(t.tokens); else add(decodeEntities(t.text), true);
      } else if (token.type === 'escape') add((token as Tokens.Escape).text, false);
      else if (token.type === 'codespan') add(decodeEntities((token as Tokens.Codespan).text), false);
      else if (token.type === 'br') add('\n', false);
      else if (token.type === 'html' || token.type === 'image') add(OPAQUE, false);
      // A bare URL made a link (GFM autolink) is not typographed: `--` in it stays.
      else if (token.type === 'link' && !token.raw.startsWith('[')) add(decodeEntities((token as Tokens.Link).text), false);
      else if ('tokens' in token && Array.isArray(token.tokens)) walk(token.tokens as Token[]);
    }
  };
  walk(tokens);
  return typographer(text, typo);
}

const isSpace = (c: string) => c === '' || /\s/u.test(c);
const isPunct = (c: string) => c !== '' && /[\p{P}\p{S}]/u.test(c);

/**
 * goldmark's typographer (on in Hugo): `---` → —, `--` → –, `...` → …, `<<` `>>` → « », and
 * straight quotes → curly ones where they open or close (delimiter-run flanking, as emphasis),
 * apostrophes inside words and before decades (`'90s`). `typo[i]` is '1' where it applies.
 */
export function typographer(text: string, typo = '1'.repeat(text.length)): string {
  // Most lines have nothing to replace (was a tenth of the parse, walking every character).
  if (!/\.\.\.|--|<<|>>|['"]/.test(text)) return text;
  const chars = [...text];
  const mask: boolean[] = [];
  let k = 0;
  for (const ch of chars) { mask.push(typo[k] === '1'); k += ch.length; }
  let out = '';
  let single = 0;
  let double = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const at = (n: number) => chars[i + n] ?? '';
    if (!mask[i]) { out += c; continue; }
    if (c === '\n') { single = 0; double = 0; }
    if (c === '.' && at(1) === '.' && at(2) === '.') { out += '…'; i += 2; continue; }
    if (c === '-' && at(1) === '-') {
      if (at(2) === '-') { out += '—'; i += 2; } else { out += '–'; i += 1; }
      continue;
    }
    if (c === '<' && at(1) === '<') { out += '«'; i += 1; continue; }
    if (c === '>' && at(1) === '>') { out += '»'; i += 1; continue; }
    if (c !== "'" && c !== '"') { out += c; continue; }
    const before = i > 0 ? (chars[i - 1] ?? ' ') : ' ';
    const after = at(1) === '' || at(1) === '\n' ? ' ' : at(1);
    const canOpen = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const canClose = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    if (!canOpen && !canClose) { out += c; continue; }
    const rest = chars.slice(i + 1, i + 4).join('');
    const maybeClose = canOpen && canClose && isPunct(at(1)) && (at(2) === '' || isPunct(at(2)) || isSpace(at(2)));
    if (c === "'") {
      if (canOpen && !canClose && /^\d\ds$/.test(rest) && (isSpace(at(4)) || isPunct(at(4)))) { out += '’'; continue; }
      if ((isSpace(before) || /\p{P}/u.test(before)) && /^[tenl]/.test(rest)) { out += '’'; continue; }
      if (/[\p{L}\p{Nd}]/u.test(before) && /\p{L}/u.test(at(1))) { out += '’'; continue; }
      if (canOpen && !canClose) {
        const contraction = (/^[smtd]/.test(rest) && (isSpace(at(2)) || isPunct(at(2)))) || (/^(?:ve|ll|re)/.test(rest) && (isSpace(at(3)) || isPunct(at(3))));
        if (!contraction) single++;
        out += contraction ? '’' : '‘';
        continue;
      }
      if (at(2) !== '' && !/\d/.test(at(1))) { out += '’'; continue; }
      if (single > 0 && ((canClose && !canOpen) || maybeClose)) { out += '’'; single--; continue; }
      out += c;
      continue;
    }
    if (canOpen && !canClose) { out += '“'; double++; continue; }
    if (double > 0 && ((canClose && !canOpen) || maybeClose) && !(at(1) === '"' && /\d/.test(before))) { out += '”'; double--; continue; }
    out += c;
  }
  return out;
}

const WORDS = new Intl.Segmenter('ja', { granularity: 'word' });

/**
 * Offsets where a text fragment may start or end inside `text`: word boundaries as the browser's
 * ICU finds them, and of those only the ones next to a space or a punctuation segment — cutting
 * between two words of a URL (`public_`) or of Japanese would not match in Chromium.
 */
function safeBreaks(text: string): number[] {
  const breaks: number[] = [];
  let prev: Intl.SegmentData | undefined;
  for (const segment of WORDS.segment(text)) {
    if (prev && (!prev.isWordLike || !segment.isWordLike)) breaks.push(segment.index);
    prev = segment;
  }
  return breaks;
}

/**
 * Characters segmented past the part of a line where a cut may fall: a boundary next to a space
 * or punctuation depends only on its near neighbours, and segmenting whole long lines was an
 * eighth of the parse.
 */
const SEGMENT_MARGIN = 32;

/** The start of a line up to a safe word boundary within `max` characters (before any OPAQUE). */
function boundedHead(line: string, max: number): string {
  const clean = line.split(OPAQUE)[0]?.trim() ?? '';
  if (clean.length <= max && !line.includes(OPAQUE)) return clean;
  if (clean.length <= max && /\s$/u.test(line.split(OPAQUE)[0] ?? '')) return clean;
  const cut = safeBreaks(clean.slice(0, max + SEGMENT_MARGIN)).filter((n) => n <= max).at(-1) ?? 0;
  return clean.slice(0, cut).trim();
}

/** The end of a line from a safe word boundary within `max` characters (after any OPAQUE). */
function boundedTail(line: string, max: number): string {
  const parts = line.split(OPAQUE);
  const clean = parts[parts.length - 1]?.trim() ?? '';
  if (clean.length <= max && parts.length === 1) return clean;
  if (clean.length <= max && /^\s/u.test(parts[parts.length - 1] ?? '')) return clean;
  const from = Math.max(0, clean.length - max - SEGMENT_MARGIN);
  const cut = safeBreaks(clean.slice(from)).map((n) => n + from).find((n) => n >= clean.length - max) ?? clean.length;
  return clean.slice(cut).trim();
}

/**
 * The text fragment of a thread whose first line is `lines[at]` (see web/core/links.ts for the
 * encoding): the line as Hugo renders it, with the next line as suffix (or the previous line as
 * prefix) so that it lands on the thread, not on the same words in a theme's header, the page
 * title or an earlier identical line; both sides when one is not enough within the page.
 */
function threadFragment(page: PageText, at: number): string {
  const { lines } = page;
  const line = lines[at] ?? '';
  const text = line.includes(OPAQUE) ? boundedHead(line, MAX_FRAGMENT_TEXT) : line;
  if (text === '' || text.length > MAX_FRAGMENT_TEXT) return '';
  const whole = text === line;
  const prefix = at > 0 ? boundedTail(lines[at - 1] ?? '', MAX_CONTEXT) : '';
  const suffix = whole ? boundedHead(lines[at + 1] ?? '', MAX_CONTEXT) : '';
  const seenBefore = (p: string, s: string) => page.earlier(`${p === '' ? '' : `${p} `}${text}${s === '' ? '' : ` ${s}`}`, at);
  if (suffix !== '' && !seenBefore('', suffix)) return fragmentOf('', text, suffix);
  if (prefix !== '' && !seenBefore(prefix, '')) return fragmentOf(prefix, text, '');
  if (prefix === '' && suffix === '' && !seenBefore('', '')) return text;
  // The same words with the same neighbours come earlier: no fragment, the heading id lands.
  return seenBefore(prefix, suffix) ? '' : fragmentOf(prefix, text, suffix);
}

/** TopicRecord.fragment: the text alone, or `prefix\ntext\nsuffix` (see web/core/links.ts). */
function fragmentOf(prefix: string, text: string, suffix: string): string {
  return prefix === '' && suffix === '' ? text : `${prefix}\n${text}\n${suffix}`;
}
