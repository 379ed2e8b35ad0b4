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
});
