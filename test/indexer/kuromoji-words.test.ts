/**
 * kuromoji-words.ts must cut every text exactly as kuromoji's own tokenize() does: same surfaces,
 * same readings. Checked on hard cases and on every line of the real corpus (../shared, skipped
 * with a message when absent).
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import kuromoji from 'kuromoji';
import { kuromojiDictPath } from '../../indexer/tokenize.ts';
import { readingOf, wordsOf } from '../../indexer/kuromoji-words.ts';
import { CORPUS } from '../helpers.ts';

type Kuromoji = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
let tokenizer: Kuromoji;
before(async () => {
  tokenizer = await new Promise<Kuromoji>((resolve, reject) => kuromoji.builder({ dicPath: kuromojiDictPath() }).build((e, t) => (e ? reject(e) : resolve(t))));
});

/** [surface, reading] of every word, by kuromoji and by wordsOf. */
const theirs = (text: string) => tokenizer.tokenize(text).map((t) => [t.surface_form, t.reading]);
const ours = (text: string) => wordsOf(tokenizer, text).map((w) => [w.surface, readingOf(tokenizer, w)]);

describe('kuromoji words', () => {
  it('cuts hard cases as kuromoji does', () => {
    const cases = [
      '', '。', '、、', 'a', '東京都の京都', '加古川IT系インフラ勉強会を開催しました。次回は姫路です、たぶん。',
      'サーバーサイドエンジニアリングマネージャー', 'ｻｰﾊﾞｰとＡＷＳ', '𠮷野家で𠮷田さんと', '構成管理ツールAnsible2.9', '１２３４５６７８９０円',
      'ﾃｽﾄ。テスト、てすと', '々々〆ヶ', 'Ω≒∞★☆♪', '漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字',
    ];
    for (const text of cases) assert.deepEqual(ours(text), theirs(text), text);
  });

  const present = existsSync(CORPUS);
  it('cuts every line of the corpus as kuromoji does', { skip: present ? false : `corpus not found at ${CORPUS}; this check needs ../shared` }, () => {
    let words = 0;
    for (const file of readdirSync(CORPUS, { recursive: true }).map(String).filter((f) => f.endsWith('.md'))) {
      for (const line of readFileSync(join(CORPUS, file), 'utf8').split('\n')) {
        const text = line.slice(0, 512);
        const expected = theirs(text);
        words += expected.length;
        assert.deepEqual(ours(text), expected, `${file}: ${text}`);
      }
    }
    assert.ok(words > 100_000, `only ${words} words compared`);
  });
});
