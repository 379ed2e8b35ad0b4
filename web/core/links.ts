/**
 * Links to topics: the page URL, the Hugo heading id, and for a list thread a text fragment
 * (`#id:~:text=…`) that scrolls to and highlights the thread's first line.
 *
 * TopicRecord.fragment (written by indexer/markdown.ts) is the thread's first line exactly as
 * Hugo renders it (typographer included), or `prefix\ntext\nsuffix` when context is needed so
 * that the browser's first match is the thread itself; an empty prefix or suffix is left out.
 */
import type { PageRecord, TopicRecord } from './format.ts';

/** Percent-encodes one part of a `:~:text=` directive (`-`, `,` and `&` have meanings there). */
export function encodeTextFragment(text: string): string {
  return encodeURIComponent(text.replace(/\s+/g, ' ').trim()).replace(/[-,&!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The `:~:text=` value for a stored fragment: `[prefix-,]text[,-suffix]`. */
export function textDirective(fragment: string): string {
  const [first = '', text, suffix = ''] = fragment.split('\n');
  if (text === undefined) return encodeTextFragment(first);
  let value = encodeTextFragment(text);
  if (first.trim() !== '') value = `${encodeTextFragment(first)}-,${value}`;
  if (suffix.trim() !== '') value += `,-${encodeTextFragment(suffix)}`;
  return value;
}

/** The URL that lands on a topic. */
export function topicUrl(page: PageRecord, topic: TopicRecord): string {
  let url = page.url;
  if (topic.anchor !== '' || topic.fragment !== '') url += `#${topic.anchor}`;
  if (topic.fragment !== '') url += `:~:text=${textDirective(topic.fragment)}`;
  return url;
}
