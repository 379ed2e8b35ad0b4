/**
 * Synonym groups for the index: Sudachi's synonym dictionary (npm `sudachi-synonyms-dictionary`,
 * Apache-2.0, 26k groups: ブラウザー,ブラウザ,browser / パスワード,password,pw …) and the site's
 * own file (`synonyms.yaml` next to the content folder, or `--synonyms FILE`):
 *
 *     k8s: [Kubernetes, クバネティス]
 *     histudy: [姫路IT系勉強会]
 *
 * Only what the dictionary says is used here; what the site's text says about each word (does it
 * occur, is it a word of its own there) is tables.ts's to judge.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { foldCase, normalizeDisplay } from '../web/core/normalize.ts';
import type { Problem } from './problems.ts';

/** One word of a group. */
export type SynonymWord = {
  /** NFKC + lower case, as queries are. */
  text: string;
  /** The word is looked up: typing it widens to the others. */
  trigger: boolean;
  /** The word is offered for the others. */
  target: boolean;
  /** Words with the same number are one word in several spellings or scripts. */
  vocabulary: number;
  /** The groups the word is listed in (its meanings), '' for the site's words: only words with the same meanings are paired. */
  meanings: string;
};

/** A group of words that mean the same; `id` names it in reports (`sudachi:000123`, `site:k8s`). */
export type SynonymGroup = { id: string; words: SynonymWord[] };

/** A word left out of a group, and why (reported by the build and the evaluation). */
export type DroppedSynonym = { group: string; word: string; reason: string };

/** An entry of the dictionary, as far as it is used here. */
export type SudachiItem = { expandControl: number; vocabularyNumber?: number; gokeiSyubetsu: string; hyoukiYure: string; midashi: string };
/** A group of the dictionary. */
export type SudachiGroup = { id: string; items: SudachiItem[] };

let sudachi: Promise<{ groups: SynonymGroup[]; dropped: DroppedSynonym[] }> | undefined;

/** The dictionary as the package ships it (its documented `fetchDictionary`, a local require). */
export function sudachiDictionary(): Promise<readonly SudachiGroup[]> {
  const require = createRequire(import.meta.url);
  const { fetchDictionary } = require('sudachi-synonyms-dictionary') as { fetchDictionary(): Promise<readonly SudachiGroup[]> };
  return fetchDictionary();
}

/**
 * Sudachi's groups with their usable words. A word listed in two or more groups has two or more
 * meanings (SP: smartphone, special, sales promotion…; free: 自由 or 無料; ネット: the internet
 * or a network): it is kept only beside a word with exactly the same meanings (サイト ⇔ site, both
 * a web site and a plot of land), else dropped from the group. Loaded once per process.
 */
export function sudachiGroups(): Promise<{ groups: SynonymGroup[]; dropped: DroppedSynonym[] }> {
  sudachi ??= sudachiDictionary().then(pruneDictionary);
  return sudachi;
}

function pruneDictionary(raw: readonly SudachiGroup[]): { groups: SynonymGroup[]; dropped: DroppedSynonym[] } {
  const groupsOf = new Map<string, Set<string>>();
  for (const group of raw) {
    for (const item of group.items) {
      if (item.expandControl === 2) continue;
      const text = fold(item.midashi);
      let ids = groupsOf.get(text);
      if (!ids) groupsOf.set(text, (ids = new Set()));
      ids.add(group.id);
    }
  }
  const groups: SynonymGroup[] = [];
  const dropped: DroppedSynonym[] = [];
  const meaningsOf = (text: string) => [...(groupsOf.get(text) ?? [])].sort().join(',');
  for (const group of raw) {
    const id = `sudachi:${group.id}`;
    const words = new Map<string, SynonymWord>();
    const texts = group.items.filter((i) => i.expandControl !== 2).map((i) => fold(i.midashi));
    for (const item of group.items) {
      // 2: kept in the dictionary only so that a harmful word is not registered again.
      if (item.expandControl === 2) continue;
      const text = fold(item.midashi);
      const meanings = groupsOf.get(text)?.size ?? 1;
      if (meanings > 1 && !texts.some((other) => other !== text && meaningsOf(other) === meaningsOf(text))) {
        dropped.push({ group: id, word: text, reason: `ambiguous: in ${meanings} Sudachi groups, and no word of this group means the same` });
        continue;
      }
      const mistaken = item.gokeiSyubetsu === '間違い' || item.hyoukiYure === '間違い表記';
      const previous = words.get(text);
      words.set(text, {
        text,
        // 1: "not a trigger itself, but expanded to from the other words of its group".
        trigger: (previous?.trigger ?? false) || item.expandControl === 0,
        // A misspelling is worth reading, never worth offering.
        target: (previous?.target ?? false) || !mistaken,
        vocabulary: item.vocabularyNumber ?? 0,
        meanings: meaningsOf(text),
      });
    }
    if (words.size >= 2) groups.push({ id, words: [...words.values()] });
  }
  return { groups, dropped };
}

/**
 * The site's synonyms file, parsed. A malformed file is an error; a missing one is an error only
 * when it was asked for (`required`: --synonyms FILE), not for the default next to the content.
 */
export async function readSiteSynonyms(file: string, problems: Problem[], required = false): Promise<SynonymGroup[]> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    if (required) problems.push({ level: 'error', code: 'E_SYNONYMS', file, message: 'synonyms file not found. Pass --synonyms with an existing YAML file, or leave it out' });
    return [];
  }
  return parseSiteSynonyms(source, file, problems);
}

/** Parses a synonyms YAML text: each key is a word, its value the list of words that mean the same. */
export function parseSiteSynonyms(source: string, file: string, problems: Problem[]): SynonymGroup[] {
  let data: unknown;
  try {
    data = yaml.safeLoad(source);
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    problems.push({ level: 'error', code: 'E_SYNONYMS', file, line: (mark?.line ?? 0) + 1, message: 'is not valid YAML. Write one `word: [synonym, synonym]` per line' });
    return [];
  }
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ level: 'error', code: 'E_SYNONYMS', file, line: 1, message: 'must be a mapping of words to lists. Write one `word: [synonym, synonym]` per line' });
    return [];
  }
  const lines = source.split('\n');
  const groups: SynonymGroup[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || !list.every((v) => typeof v === 'string' || typeof v === 'number')) {
      const line = lines.findIndex((l) => l.trimStart().startsWith(key)) + 1;
      problems.push({ level: 'error', code: 'E_SYNONYMS', file, line: Math.max(1, line), message: `"${key}" must be followed by a list of words, as in \`${key}: [word, word]\`` });
      continue;
    }
    const texts = [...new Set([key, ...list.map(String)].map(fold).filter((t) => t !== ''))];
    if (texts.length < 2) continue;
    groups.push({ id: `site:${fold(key)}`, words: texts.map((text) => ({ text, trigger: true, target: true, vocabulary: 1, meanings: '' })) });
  }
  return groups;
}

function fold(text: string): string {
  return foldCase(normalizeDisplay(text)).trim();
}
