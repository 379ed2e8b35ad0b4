/**
 * The results of a search as the combobox's listbox: one group per page (its title, date and
 * series), one option per topic (its short heading path and snippet), terms marked. Links are
 * only the indexer's own URLs; every text is rendered as text, never as markup.
 */
import type { JSX } from 'preact';
import type { SearchHit } from '../core/search.ts';
import { snippetParts } from '../core/snippet.ts';
import { highlight, type Part } from './highlight.ts';

/** The element ids the list shares with the input (aria-controls, aria-activedescendant). */
export type ListIds = { listbox: string; option: (index: number) => string };

/** Props of ResultList. */
export type ResultListProps = {
  ids: ListIds;
  /** The listbox's accessible name. */
  label: string;
  /** The heading shown for a page's text before its first heading. */
  top: string;
  /** The query these hits answer (data-query, for tests and the bench). */
  query: string;
  hits: SearchHit[];
  /** The query's words, marked in titles and headings. */
  words: string[];
  active: number;
  onActive: (index: number) => void;
  onGo: (hit: SearchHit) => void;
};

/** The listbox of results, grouped by page. */
export function ResultList(props: ResultListProps): JSX.Element {
  const { ids, words, active } = props;
  return (
    <div id={ids.listbox} class="sg-list" role="listbox" aria-label={props.label} data-query={props.query}>
      {groupByPage(props.hits).map((group, g) => (
        <div class="sg-group" role="group" part="group" aria-labelledby={`${ids.listbox}-g${g}`} key={group.page}>
          <div id={`${ids.listbox}-g${g}`} class="sg-title">
            <span><Marked parts={highlight(group.title, words)} /></span>
            <small>{[group.date, group.series].filter(Boolean).join(' · ')}</small>
          </div>
          {group.hits.map(({ hit, index }) => {
            const path = shortPath(hit.heading);
            return (
              <a
                class="sg-option"
                role="option"
                part="option"
                id={ids.option(index)}
                aria-selected={index === active ? 'true' : 'false'}
                aria-describedby={`${ids.option(index)}-s`}
                href={safeHref(hit.url) ?? undefined}
                tabIndex={-1}
                key={hit.topic}
                onMouseMove={() => props.onActive(index)}
                onClick={(e: MouseEvent) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey && e.button === 0) { e.preventDefault(); props.onGo(hit); } }}
              >
                <span class="sg-heading" id={`${ids.option(index)}-h`} title={hit.heading.join(' › ')}>
                  {path.parent && <span class="sg-path">{path.parent} › </span>}
                  <Marked parts={highlight(path.last || props.top, words)} />
                </span>
                {/* The snippet describes the option (aria-hidden keeps it out of the name, the short heading). */}
                <span class="sg-snippet" id={`${ids.option(index)}-s`} aria-hidden="true">
                  {snippetParts(hit.snippet).map((part, i) => (part.mark ? <mark part="mark" key={i}>{part.text}</mark> : part.text))}
                </span>
              </a>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** A result link is only ever a site path or an http(s) URL built by the indexer; anything else is dropped. */
export function safeHref(url: string): string | undefined {
  return /^\/(?!\/)/.test(url) || /^https?:\/\//i.test(url) ? url : undefined;
}

function Marked(props: { parts: Part[] }): JSX.Element {
  return <>{props.parts.map((p, i) => (p.mark ? <mark part="mark" key={i}>{p.text}</mark> : p.text))}</>;
}

/** The last heading (a thread's first line, shown on one line) and its parent, for a short path. */
function shortPath(heading: string[]): { parent: string; last: string } {
  return { parent: heading.length > 1 ? heading[heading.length - 2] ?? '' : '', last: heading[heading.length - 1] ?? '' };
}

type Group = { page: string; title: string; date: string; series: string; hits: { hit: SearchHit; index: number }[] };

/** Consecutive hits of one page, in result order (the core already orders by page). */
function groupByPage(hits: SearchHit[]): Group[] {
  const groups: Group[] = [];
  hits.forEach((hit, index) => {
    const last = groups[groups.length - 1];
    if (last && last.page === hit.page) last.hits.push({ hit, index });
    else groups.push({ page: hit.page, title: hit.title, date: hit.date, series: hit.series, hits: [{ hit, index }] });
  });
  return groups;
}
