import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pageUrl } from '../../indexer/urls.ts';

describe('pageUrl', () => {
  it('maps a content file to its Hugo URL', () => {
    assert.equal(pageUrl('histudy/2023/02.md'), '/histudy/2023/02/');
  });
  it('maps _index.md to its section and index.md to its bundle folder', () => {
    assert.equal(pageUrl('histudy/_index.md'), '/histudy/');
    assert.equal(pageUrl('_index.md'), '/');
    assert.equal(pageUrl('posts/trip/index.md'), '/posts/trip/');
  });
  it('lower-cases paths and turns spaces into hyphens', () => {
    assert.equal(pageUrl('Kakogawa_Infra/2019/My Notes.md'), '/kakogawa_infra/2019/my-notes/');
  });
  it('honours slug and url from the front matter', () => {
    assert.equal(pageUrl('histudy/2023/02.md', { slug: 'feb' }), '/histudy/2023/feb/');
    assert.equal(pageUrl('histudy/2023/02.md', { url: '/special/Page' }), '/special/Page/');
  });
  it('prefixes --base-url', () => {
    assert.equal(pageUrl('histudy/2023/02.md', {}, 'https://histudy.jp/'), 'https://histudy.jp/histudy/2023/02/');
  });
  it('sanitises path segments as Hugo does: punctuation and emoji dropped, space runs become one -', () => {
    const names = ['A (b) c!', 'x&y+z~#1', '全角\u3000スペース', 'Ünï Çödé', 'a.b_c', 'ハッシュ＃タグ', 'tab\tx', 'a--b', 'comma,semi;colon:x', "quo'te", 'at@sign=eq', 'brack[1]{2}', 'émoji😀'];
    assert.deepEqual(names.map((n) => pageUrl(`Sec Tion/${n}.md`)), ['a-b-c', 'xy+z~#1', '全角-スペース', 'ünï-çödé', 'a.b_c', 'ハッシュタグ', 'tab-x', 'a--b', 'commasemicolonx', 'quote', 'at@signeq', 'brack12', 'émoji'].map((n) => `/sec-tion/${n}/`));
  });
  it('sanitises a slug but keeps an explicit url as written', () => {
    assert.equal(pageUrl('s/a.md', { slug: 'My Slug! (x)' }), '/s/my-slug-x/');
    assert.deepEqual(['a - b', 'a -b', 'x -!y', ' lead', 'trail '].map((n) => pageUrl(`s/${n}.md`)), ['/s/a-b/', '/s/a-b/', '/s/x-y/', '/s/-lead/', '/s/trail-/']);
    assert.equal(pageUrl('s/b.md', { url: '/Special Page/Ünï!/' }), '/Special Page/Ünï!/');
  });
});
