/**
 * Links to topics: the page URL, the Hugo heading id, and for a list thread a text fragment
 * (`#id:~:text=…`) that scrolls to and highlights the thread's first line.
 */
import type { PageRecord, TopicRecord } from './format.ts';

/** Percent-encodes text for a `:~:text=` directive (`-`, `,` and `&` have meanings there). */
export function encodeTextFragment(text: string): string {
  return encodeURIComponent(text.replace(/\s+/g, ' ').trim()).replace(/[-,&!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The URL that lands on a topic. */
export function topicUrl(page: PageRecord, topic: TopicRecord): string {
  let url = page.url;
  if (topic.anchor !== '' || topic.fragment !== '') url += `#${topic.anchor}`;
  if (topic.fragment !== '') url += `:~:text=${encodeTextFragment(topic.fragment)}`;
  return url;
}
