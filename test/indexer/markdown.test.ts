import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createIdFactory, headingId, htmlText, parseMarkdown } from '../../indexer/markdown.ts';
import { textDirective } from '../../web/core/links.ts';
import { renderMarkdown } from '../../indexer/render-site.ts';

describe('headingId (Hugo goldmark "github")', () => {
  it('keeps letters, digits and _ (Japanese included), lower-cases, turns space and - into -', () => {
    assert.equal(headingId('AWSが落ちた話'), 'awsが落ちた話');
    assert.equal(headingId('LocalStack + Laravel(かねだ)'), 'localstack--laravelかねだ');
    assert.equal(headingId('snake_case and-dash'), 'snake_case-and-dash');
    assert.equal(headingId('18:00'), '1800');
  });
  it('drops full-width punctuation and keeps full-width digits', () => {
    assert.equal(headingId('全角！（記号）と１２３'), '全角記号と１２３');
  });
  it('gives "heading" when nothing is left', () => {
    assert.equal(headingId('!!!'), 'heading');
  });
  it('numbers duplicates -1, -2 like Hugo', () => {
    const next = createIdFactory();
    assert.deepEqual([next('同じ'), next('同じ'), next('同じ')], ['同じ', '同じ-1', '同じ-2']);
  });
});

describe('parseMarkdown', () => {
  it('computes ids from the heading\'s Markdown source, as goldmark does: link URLs, entity names and underscores count', () => {
    const { headings } = parseMarkdown('## **太字** と `code` の[リンク](https://example.com/)見出し\n## [Pinebook](https://www.pine64.org/?page_id=3707)\n## a &amp; b\n## _under_ *em*\n');
    assert.deepEqual(headings.map((h) => h.id), ['太字-と-code-のリンクhttpsexamplecom見出し', 'pinebookhttpswwwpine64orgpage_id3707', 'a-amp-b', '_under_-em']);
    assert.deepEqual(headings.map((h) => h.text), ['太字 と code のリンク見出し', 'Pinebook', 'a & b', 'under em']);
  });
  it('drops U+3000, no-break and tab spaces from ids (only an ASCII space becomes -)', () => {
    const { headings } = parseMarkdown('## 全角\u3000スペース\n## a\u00a0b\tc\n## 😀 emoji！\n');
    assert.deepEqual(headings.map((h) => h.id), ['全角スペース', 'abc', '-emoji']);
  });
  it('takes a setext heading\'s id from its last line and ignores a closing # run', () => {
    const { headings } = parseMarkdown('first line\nsecond line\n---\n\n## Closed ##\n');
    assert.deepEqual(headings.map((h) => h.id), ['second-line', 'closed']);
  });
  it('counts headings inside lists and blockquotes when numbering duplicates', () => {
    const { headings } = parseMarkdown('## dup\n\n- ## dup\n\n> ## dup\n\n## dup\n');
    assert.deepEqual(headings.map((h) => h.id), ['dup', 'dup-3']);
  });
  it('honours goldmark heading attributes: {#custom-id} sets the id and leaves the text', () => {
    const md = '## 告知 {#notice .big}\n\n本文\n\n## 告知\n\nまた\n\n## notice\n';
    const { headings, topics } = parseMarkdown(md);
    assert.deepEqual(headings.map((h) => [h.id, h.text]), [['notice', '告知'], ['告知', '告知'], ['notice-1', 'notice']]);
    assert.equal(topics[0]?.heading, '告知');
    assert.match(renderMarkdown(md), /<h2 id="notice">告知<\/h2>/);
    const parsed = parseMarkdown(md);
    assert.deepEqual([...renderMarkdown(parsed.tokens).matchAll(/id="([^"]+)"/g)].map((m) => m[1]), parsed.headings.map((h) => h.id));
  });
  it('treats setext headings as headings', () => {
    const { headings } = parseMarkdown('タイトル\n=====\n\n本文\n\n小見出し\n-----\n\n本文2\n');
    assert.deepEqual(headings.map((h) => [h.depth, h.id]), [[1, 'タイトル'], [2, '小見出し']]);
  });
  it('gives the renderer and the indexer the same ids', () => {
    const md = '## 同じ\n\na\n\n## 同じ\n\nb\n\n## Ｆｕｌｌ！\n';
    const ids = parseMarkdown(md).headings.map((h) => h.id);
    const rendered = [...renderMarkdown(md).matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(rendered, ids);
  });
  it('splits a section of threads into one topic per top-level item, linked with a text fragment', () => {
    const md = '## 雑談モード\n\n* AWSが落ちた話\n    * 東京リージョン\n* Prometheusの構築\n    * vagrant\n';
    const { topics } = parseMarkdown(md);
    assert.deepEqual(topics.map((t) => [t.heading, t.anchor, t.fragment, t.text, t.parent]), [
      ['雑談モード', '雑談モード', '', '', -1],
      ['AWSが落ちた話', '雑談モード', '\nAWSが落ちた話\n東京リージョン', '東京リージョン', 0],
      ['Prometheusの構築', '雑談モード', '\nPrometheusの構築\nvagrant', 'vagrant', 0],
    ]);
  });
  it('writes a thread\'s fragment as Hugo\'s typographer renders the line', () => {
    const { topics } = parseMarkdown('* a -- b... "c" don\'t `x--y`\n    * s\n* 日本"語"\n    * t\n');
    assert.deepEqual(topics.map((t) => t.fragment.split('\n')[1]), ['a – b… “c” don’t x--y', '日本"語"']);
  });
  it('gives a repeated thread line the context that makes its first match the thread itself', () => {
    const md = '## 一\n\n* 参考URL\n    * a\n* 次\n    * b\n\n## 二\n\n* 参考URL\n    * a\n* 後\n    * c\n';
    const fragments = parseMarkdown(md).topics.filter((t) => t.fragment !== '').map((t) => t.fragment);
    assert.deepEqual(fragments, ['\n参考URL\na', '\n次\nb', '二\n参考URL\n', '\n後\nc']);
  });
  it('gives an empty item no fragment, reads a task item\'s text after its checkbox, and leaves a bare URL untypographed', () => {
    const { topics } = parseMarkdown('## h\n\n* [ ] Taiga: <https://taiga.io/a--b>\n    * s\n*\n\n* next\n    * t\n');
    assert.deepEqual(topics.slice(1).map((t) => t.fragment), ['\nTaiga: https://taiga.io/a--b\ns', '', '\nnext\nt']);
  });
  it('cuts a thread\'s fragment before an image, at a word boundary', () => {
    const { topics } = parseMarkdown('## h\n\n* see this ![pic](x.png) here\n    * s\n* b\n    * t\n');
    assert.equal(topics[1]?.fragment, 'h\nsee this\n');
  });
  it('keeps a plain list inside its section', () => {
    const { topics } = parseMarkdown('## 連絡\n\n* 一つ目\n* 二つ目\n');
    assert.deepEqual(topics.map((t) => t.text), ['一つ目\n二つ目']);
  });
  it('keeps text before the first heading as a topic without anchor', () => {
    const { topics } = parseMarkdown('前書き\n\n## 見出し\n\n本文\n');
    assert.deepEqual(topics.map((t) => [t.anchor, t.text]), [['', '前書き'], ['見出し', '本文']]);
  });
  it('keeps link text and code but not link URLs', () => {
    const { topics } = parseMarkdown('[EBS](https://aws.amazon.com/jp/ebs/)が逝った `ls -la`\n\n```\ndocker ps\n```\n');
    assert.equal(topics[0]?.text, 'EBSが逝った ls -la\ndocker ps');
  });
  it('links nested sections to their parent topic', () => {
    const { topics } = parseMarkdown('## 15:00\n\n### お題\n\n本文\n\n## 16:00\n');
    assert.deepEqual(topics.map((t) => [t.heading, t.parent]), [['15:00', -1], ['お題', 0], ['16:00', -1]]);
  });
});

describe('htmlText', () => {
  it('strips tags and drops script and style bodies', () => {
    assert.equal(htmlText('<div>a<script>alert(1)</script><b>b</b><style>x{}</style>&amp;c</div>'), 'ab&c');
  });
});

describe('textDirective (web/core/links.ts)', () => {
  it('spells a stored fragment as prefix-,text,-suffix with -, , and & percent-encoded in each part', () => {
    assert.equal(textDirective('a-b, c&d'), 'a%2Db%2C%20c%26d');
    assert.equal(textDirective('\n参考URL\nnext'), '%E5%8F%82%E8%80%83URL,-next');
    assert.equal(textDirective('before\ntext\n'), 'before-,text');
    assert.equal(textDirective('p\nt\ns'), 'p-,t,-s');
  });
});
